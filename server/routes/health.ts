import { Router } from "express";
import { KPI_DOCS } from "../../sim/model/kpi-docs.js";
import { KPI_NAMES } from "../../sim/model/records.js";
import type { JobQueue } from "../jobs/job-queue.js";

/** GET /api/health (answers at once, also while runs go: they run on worker threads) and GET /api/kpis. */
export function healthRoutes(queue: JobQueue, startedAt: number): Router {
  const r = Router();
  r.get("/health", (_req, res) => {
    res.json({
      status: "ok",
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      runs: { running: queue.active, queued: queue.queued, concurrency: queue.concurrency, queueLimit: queue.limit },
    });
  });
  // KPI labels, units and definitions for the dashboard's cards (the model's own KPI_DOCS).
  r.get("/kpis", (_req, res) => {
    res.json({ names: KPI_NAMES, docs: KPI_DOCS });
  });
  return r;
}
