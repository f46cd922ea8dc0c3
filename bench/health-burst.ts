/**
 * Benchmark: how long `/api/health` takes to answer while 20 `POST /api/runs` arrive at once.
 * The server is started as `npm start` runs it (fresh temporary DATA_DIR, free port). One
 * client asks for `/api/health` again 5 ms after each answer; another sends 20 run requests
 * together, each carrying a built-in scenario's YAML text (so each is parsed and validated),
 * and the health latencies are collected until every accepted run has ended. Target: p99 under
 * 50 ms. Runs that the queue refuses (503, queue full) are counted, as they are part of a burst.
 *
 * Run: `npm run bench -- health-burst [--scenario ID] [--reps N] [--bursts K]` (default
 * trailblazer-team, 2 replications, 3 bursts; the first burst meets a cold server).
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Benchmark, BenchOut } from "./registry.js";
import { flagValue, startServerProcess } from "./server-process.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The q-quantile of sorted values (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One burst: health latencies (ms) from the first run request until every accepted run has ended. */
async function burst(url: string, text: string, reps: number): Promise<{ latencies: number[]; accepted: number; refused: number; seconds: number }> {
  const latencies: number[] = [];
  let stop = false;
  // The client's own first requests (connection set-up) are not the server's latency.
  for (let i = 0; i < 3; i++) await (await fetch(`${url}api/health`)).arrayBuffer();
  const poller = (async () => {
    while (!stop) {
      const t = performance.now();
      const r = await fetch(`${url}api/health`);
      await r.arrayBuffer();
      latencies.push(performance.now() - t);
      await sleep(5);
    }
  })();
  const t0 = performance.now();
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      fetch(`${url}api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, replications: reps, seed: 1 + i }) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { id?: string } })),
    ),
  );
  const ids = answers.filter((a) => a.status === 202).map((a) => a.body.id!);
  for (const id of ids) {
    for (;;) {
      const run = (await (await fetch(`${url}api/runs/${id}`)).json()) as { status: string };
      if (["done", "failed", "interrupted", "cancelled"].includes(run.status)) break;
      await sleep(50);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  stop = true;
  await poller;
  return { latencies, accepted: ids.length, refused: answers.filter((a) => a.status === 503).length, seconds };
}

/** The benchmark for `bench/run.ts`. */
export const healthBurstBenchmark: Benchmark = {
  name: "health-burst",
  description: "/api/health latency while 20 run requests arrive at once (target p99 < 50 ms) [--scenario ID] [--reps N] [--bursts K]",
  async run(flags: readonly string[], out: BenchOut) {
    const flag = (name: string) => flagValue(flags, name);
    const scenario = flag("--scenario") ?? "trailblazer-team";
    const reps = Number(flag("--reps") ?? 2);
    const bursts = Number(flag("--bursts") ?? 3);
    const text = readFileSync(join(root, "scenarios", "builtin", `${scenario}.yaml`), "utf8");
    const server = startServerProcess();
    let worst = 0;
    try {
      const url = await server.url;
      await sleep(500);
      out(`health-burst: 20 × POST /api/runs (${scenario} as text, ${reps} replications each) at once; /api/health every 5 ms; target p99 < 50 ms`);
      for (let b = 0; b < bursts; b++) {
        const before = loadavg()[0];
        const r = await burst(url, text, reps);
        const s = [...r.latencies].sort((x, y) => x - y);
        const p99 = quantile(s, 0.99);
        worst = Math.max(worst, p99);
        out(
          `  burst ${b + 1}${b === 0 ? " (cold)" : ""}: ${s.length} health answers over ${r.seconds.toFixed(2)} s; median ${quantile(s, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms; runs accepted ${r.accepted}, refused ${r.refused} (queue full); load average ${before.toFixed(2)} → ${loadavg()[0].toFixed(2)}`,
        );
      }
    } finally {
      await server.stop();
    }
    out(`  worst p99 ${worst.toFixed(1)} ms: ${worst < 50 ? "met" : "missed"}`);
    return 0;
  },
};
