import { Router } from "express";
import type pg from "pg";
import { pingDatabase } from "./db/open-database.ts";

/** `GET /healthz`: 200 when the process is up and the database answers, 503 otherwise. */
export function healthRouter(pool: pg.Pool) {
  const router = Router();
  router.get("/healthz", async (_req, res) => {
    try {
      await pingDatabase(pool);
      res.json({ status: "ok", database: "ok" });
    } catch {
      res.status(503).json({ status: "unavailable", database: "unreachable" });
    }
  });
  return router;
}
