import { Router } from "express";
import type { Metrics } from "./metrics.ts";
import { mayReadMetrics } from "./metrics-access.ts";
import { type MetricSources, readGauges } from "./scrape.ts";

/**
 * `GET /metrics`, the Prometheus text format. A request the guard refuses goes on to the app's "not
 * found" answer, like any unknown address: the endpoint does not tell who may not read it that it exists.
 */
export function metricsRouter(metrics: Metrics, sources: MetricSources, token: string | undefined) {
  const router = Router();
  router.get("/metrics", async (req, res, next) => {
    if (!mayReadMetrics(req, token)) {
      next();
      return;
    }
    await readGauges(metrics, sources);
    res
      .set("Cache-Control", "no-store")
      .type(metrics.registry.contentType)
      .send(await metrics.registry.metrics());
  });
  return router;
}
