import { Router } from "express";
import type { JobQueue } from "../jobs/job-queue.js";

/** GET /api/health: answers at once, also while runs go (they run on worker threads). */
export function healthRoutes(queue: JobQueue, startedAt: number): Router {
  const r = Router();
  r.get("/health", (_req, res) => {
    res.json({
      status: "ok",
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      runs: { running: queue.active, queued: queue.queued, concurrency: queue.concurrency, queueLimit: queue.limit },
    });
  });
  return r;
}
