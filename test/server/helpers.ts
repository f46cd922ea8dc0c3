import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import type { Express } from "express";
import type { Engine } from "../../server/index.js";
import { fixtureResult } from "./fixtures.js";

/** A fresh temporary data folder and a function to remove it. */
export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "mhst-server-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Polls GET /api/runs/:id until the run leaves queued/running (or the time runs out). */
export async function waitForRun(app: Express, id: string, timeoutMs = 30_000): Promise<{ status: string; error: string | null }> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(app).get(`/api/runs/${id}`);
    if (!["queued", "running"].includes(res.body.status)) return res.body;
    if (Date.now() > end) throw new Error(`run ${id} still ${res.body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A test engine whose experiments wait until released: to hold runs in `running` (queue
 * limits, restarts, cancels). Released experiments return the fixture result; an experiment
 * whose job is cancelled rejects at once, as the real engine does.
 */
export function gatedEngine(): Engine & { release: () => void; started: number } {
  let open: () => void = () => {};
  const gate = new Promise<void>((r) => (open = r));
  const engine = {
    started: 0,
    async experiments(models: readonly { name: string }[], options: { replications: number; seed: number }, hooks?: { signal: AbortSignal }) {
      engine.started++;
      await new Promise<void>((resolve, reject) => {
        const signal = hooks?.signal;
        if (signal?.aborted) return reject(new Error("cancelled"));
        signal?.addEventListener("abort", () => reject(new Error("cancelled")), { once: true });
        void gate.then(resolve);
      });
      return models.map((m) => fixtureResult({ scenario: m.name, replications: options.replications, seed: options.seed }));
    },
    async close() {},
    release: () => open(),
  };
  return engine;
}
