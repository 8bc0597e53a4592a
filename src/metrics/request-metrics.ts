import type { NextFunction, Request, Response } from "express";
import type { Metrics } from "./metrics.ts";

/** The route label of a request no route took: not found, or refused before one (sign-in, API token, form token). */
export const UNMATCHED = "unmatched";

/**
 * Counts and times every request under the pattern of the route that took it (`/admin/waves/:id`, never
 * the URL, so ids and tokens never become labels and the number of series stays bounded).
 *
 * The router sets `req.route` when a route matches, while `req.baseUrl` is still that router's mount
 * path; by the time the response ends, an error on its way to the error handler has unwound `baseUrl`.
 * So the pair is caught at the assignment. Mount paths are literal (src/app.ts mounts no `:param`).
 */
export function countRequests(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    let route: unknown;
    let pattern: string | undefined;
    Object.defineProperty(req, "route", {
      configurable: true,
      enumerable: true,
      get: () => route,
      set: (value: unknown) => {
        route = value;
        pattern = routePattern(req.baseUrl, value);
      },
    });
    res.once("close", () => {
      const labels = { method: req.method, route: pattern ?? UNMATCHED };
      metrics.requests.inc({
        ...labels,
        status_class: res.writableFinished ? statusClass(res.statusCode) : "aborted",
      });
      metrics.requestSeconds.observe(labels, (performance.now() - started) / 1000);
    });
    next();
  };
}

/**
 * A route's full pattern: its router's mount path and its own path.
 *
 * @example routePattern("/admin/waves", { path: "/:id" }) // "/admin/waves/:id"
 * @example routePattern("/admin/waves", { path: "/" }) // "/admin/waves"
 */
export function routePattern(baseUrl: string, route: unknown): string {
  const path = (route as { path?: unknown } | undefined)?.path;
  const own = typeof path === "string" ? path : String(path);
  if (own === "/" && baseUrl !== "") return baseUrl;
  return baseUrl + own;
}

/** @example statusClass(503) // "5xx" */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}
