/**
 * Benchmark: how long `/api/health` takes to answer across the end of one run, the part after
 * its last replication (its result reduced, built, written as JSON and saved with its KPI rows)
 * until the run is `done`, and then while the run's result is fetched (`GET
 * /api/runs/:id/results`, as the dashboard does). The server is started as `npm start` runs it
 * (fresh temporary DATA_DIR, free port); one client asks for `/api/health` 20 ms after each
 * answer for the whole run, on a thread of its own (so that receiving the result's tens of
 * megabytes here does not delay it); the run's server-sent events say when its last
 * replication has finished and when it has ended. Target: p99 under 50 ms, no stall of seconds.
 *
 * Run: `npm run bench -- run-end [--scenario ID] [--reps N] [--runs K]` (default national-2025,
 * 1 replication, 1 run).
 */
import { once } from "node:events";
import { loadavg } from "node:os";
import { Worker } from "node:worker_threads";
import type { Benchmark, BenchOut } from "./registry.js";
import { flagValue, startServerProcess } from "./server-process.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Now on a clock that both threads share (ms). */
const now = () => performance.timeOrigin + performance.now();

/** The health client's thread: asks, records, waits 20 ms, until told to stop; then posts its samples. */
const POLLER = `
const { parentPort, workerData } = require("node:worker_threads");
const now = () => performance.timeOrigin + performance.now();
let stop = false;
parentPort.once("message", () => (stop = true));
(async () => {
  const samples = [];
  while (!stop) {
    const start = now();
    await (await fetch(workerData + "api/health")).arrayBuffer();
    samples.push({ start, end: now() });
    await new Promise((r) => setTimeout(r, 20));
  }
  parentPort.postMessage(samples);
})();
`;

/** One health request: when it was sent and when its answer had arrived (ms, {@link now}). */
interface Sample {
  readonly start: number;
  readonly end: number;
}

/** The q-quantile of sorted values (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** "n answers; p50, p99, max" of the health requests that were open at some time in [from, to]. */
function window(samples: readonly Sample[], from: number, to: number): string {
  const s = samples
    .filter((x) => x.end > from && x.start < to)
    .map((x) => x.end - x.start)
    .sort((a, b) => a - b);
  if (s.length === 0) return "no health answers";
  return `${s.length} health answers; p50 ${quantile(s, 0.5).toFixed(1)} ms, p99 ${quantile(s, 0.99).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
}

/** Reads a run's event stream until `end`: when the last replication finished, and when the run ended. */
async function followRun(url: string, id: string): Promise<{ lastReplication: number; ended: number; status: string }> {
  const res = await fetch(`${url}api/runs/${id}/events`);
  const decoder = new TextDecoder();
  let buffer = "";
  let lastReplication = NaN;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let i = buffer.indexOf("\n\n"); i >= 0; i = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      const event = /^event: (\S+)/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!event || data === undefined) continue;
      const body = JSON.parse(data) as { done?: number; total?: number; status?: string };
      if (event === "progress" && body.done === body.total && Number.isNaN(lastReplication)) lastReplication = now();
      if (event === "end") return { lastReplication, ended: now(), status: body.status ?? "?" };
    }
  }
  throw new Error("run-end: the event stream closed before the run ended");
}

/** One request of the charts phase: what it was ("waitlist.svg 200 1.2 s 38 kB") and when it was open. */
interface Timed {
  readonly what: string;
  readonly from: number;
  readonly to: number;
}

/**
 * Asks for a finished run's chart list, its first chart's SVG and PNG, and its report.html, one
 * after another (a refusal is reported with its status, not thrown, so that the health samples
 * of the phase are still read).
 */
async function chartRequests(url: string, id: string): Promise<Timed[]> {
  const timed: Timed[] = [];
  const get = async (what: string, path: string): Promise<Uint8Array> => {
    const from = now();
    const res = await fetch(`${url}api/runs/${id}/${path}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const to = now();
    timed.push({ what: `${what} ${res.status} ${((to - from) / 1000).toFixed(2)} s ${(bytes.length / 1e3).toFixed(0)} kB`, from, to });
    return bytes;
  };
  const list = JSON.parse(new TextDecoder().decode(await get("list", "charts"))) as { charts?: { name: string }[] };
  const first = list.charts?.[0]?.name;
  if (first) {
    await get(`${first}.svg`, `charts/${first}.svg`);
    await get(`${first}.png`, `charts/${first}.png`);
  }
  await get("report.html", "report.html");
  return timed;
}

/** The benchmark for `bench/run.ts`. */
export const runEndBenchmark: Benchmark = {
  name: "run-end",
  description: "/api/health latency (every 20 ms) across a run's end, its result's GET and its charts and report (target p99 < 50 ms) [--scenario ID] [--reps N] [--runs K]",
  async run(flags: readonly string[], out: BenchOut) {
    const scenario = flagValue(flags, "--scenario") ?? "national-2025";
    const reps = Number(flagValue(flags, "--reps") ?? 1);
    const runs = Number(flagValue(flags, "--runs") ?? 1);
    const server = startServerProcess();
    let worst = 0;
    try {
      const url = await server.url;
      for (let i = 0; i < 3; i++) await (await fetch(`${url}api/health`)).arrayBuffer();
      // A run asked for once the server has started: its routes and built-ins loaded (the start-up
      // itself is the startup benchmark's), as the health-burst benchmark waits too.
      await (await fetch(`${url}api/scenarios`)).arrayBuffer();
      await sleep(500);
      out(`run-end: ${scenario}, ${reps} replication(s), asked for once the server has loaded its routes; /api/health 20 ms after each answer; target p99 < 50 ms`);
      for (let k = 0; k < runs; k++) {
        const poller = new Worker(POLLER, { eval: true, workerData: url });
        await sleep(200);
        const load = loadavg()[0];
        const t0 = now();
        const started = await fetch(`${url}api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario, replications: reps, seed: 1 + k }) });
        const { id, error } = (await started.json()) as { id?: string; error?: string };
        if (!id) throw new Error(`run-end: POST /api/runs answered ${started.status}: ${error}`);
        const run = await followRun(url, id);
        const g0 = now();
        const result = await fetch(`${url}api/runs/${id}/results`);
        const firstByte = now();
        const bytes = (await result.arrayBuffer()).byteLength;
        const g1 = now();
        const c0 = now();
        const charts = await chartRequests(url, id);
        const c1 = now();
        await sleep(200);
        poller.postMessage("stop");
        const [samples] = (await once(poller, "message")) as [Sample[]];
        await poller.terminate();
        const p99 = (from: number, to: number) => {
          const s = samples.filter((x) => x.end > from && x.start < to).map((x) => x.end - x.start).sort((a, b) => a - b);
          return s.length ? quantile(s, 0.99) : 0;
        };
        worst = Math.max(worst, p99(run.lastReplication, run.ended), p99(g0, g1), p99(c0, c1));
        out(`  run ${k + 1}: ${run.status}; replications ${((run.lastReplication - t0) / 1000).toFixed(1)} s (${window(samples, t0, run.lastReplication)})`);
        out(`    end (last replication → done) ${((run.ended - run.lastReplication) / 1000).toFixed(2)} s: ${window(samples, run.lastReplication, run.ended)}`);
        out(`    GET results ${result.status}, ${(bytes / 1e6).toFixed(1)} MB in ${((g1 - g0) / 1000).toFixed(2)} s (first byte after ${((firstByte - g0) / 1000).toFixed(2)} s): ${window(samples, g0, g1)}`);
        out(`    charts and report ${((c1 - c0) / 1000).toFixed(2)} s: ${window(samples, c0, c1)}`);
        for (const c of charts) out(`      ${c.what}: ${window(samples, c.from, c.to)}`);
        out(`    load average ${load.toFixed(2)} → ${loadavg()[0].toFixed(2)}`);
      }
    } finally {
      await server.stop();
    }
    out(`  worst p99 (run end, result GET, charts and report) ${worst.toFixed(1)} ms: ${worst < 50 ? "met" : "missed"}`);
    return 0;
  },
};
