import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Benchmark, BenchOut } from "./registry.js";
import { startServerProcess } from "./server-process.js";

/** dist/bench/startup.js → the package root. */
const root = fileURLToPath(new URL("../../", import.meta.url));
const mhst = join(root, "bin", "mhst.js");
/** Runs of each measurement; the median is reported. */
const RUNS = 7;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall seconds of one process run to its end. */
function timed(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`startup bench: node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return s;
}

/** Seconds from spawning the server (free port, empty temporary DATA_DIR) to its first /api/health answer. */
async function healthSeconds(): Promise<number> {
  const t0 = performance.now();
  // What `npm start` runs once the build is fresh: the bundle (dist/bundle/server.js) or dist/server/main.js.
  const server = startServerProcess();
  try {
    const url = await server.url;
    for (;;) {
      try {
        if ((await fetch(`${url}api/health`)).ok) break;
      } catch {
        // not listening yet
      }
    }
    return (performance.now() - t0) / 1000;
  } finally {
    await server.stop();
  }
}

/**
 * `npm run bench -- startup`: start-up times against bare `node -e 0` (median of 7 runs each):
 * `mhst --help`, `mhst scenario check trailblazer-team` (bin/mhst.js: the bundle in dist/bundle
 * while it is fresh, which `npm run bench` sees to), and server spawn, as `npm start` runs it, to
 * the first `/api/health` answer. Targets: help < 0.15 s and check < 0.35 s above bare node, health < 0.4 s.
 */
export const startupBenchmark: Benchmark = {
  name: "startup",
  description: "mhst --help, scenario check and server start-up to /api/health, against bare node",
  async run(_flags: readonly string[], out: BenchOut): Promise<number> {
    const bare: number[] = [];
    const help: number[] = [];
    const check: number[] = [];
    const health: number[] = [];
    // Interleaved, so a burst of load from elsewhere hits every measurement alike.
    for (let i = 0; i < RUNS; i++) {
      bare.push(timed(["-e", "0"]));
      help.push(timed([mhst, "--help"]));
      check.push(timed([mhst, "scenario", "check", "trailblazer-team"]));
      health.push(await healthSeconds());
    }
    const b = median(bare);
    const rows: [string, number, number, string][] = [
      ["mhst --help", median(help), median(help) - b, "< 0.15 s above bare"],
      ["mhst scenario check trailblazer-team", median(check), median(check) - b, "< 0.35 s above bare"],
      ["server spawn → first /api/health", median(health), median(health) - b, "< 0.4 s after start"],
    ];
    out(`startup: median of ${RUNS} runs; bare \`node -e 0\` ${b.toFixed(3)} s; load average ${loadavg()[0].toFixed(2)} on this machine`);
    out(`${"what".padEnd(38)} ${"wall".padStart(8)} ${"− bare".padStart(8)}  target`);
    const met = [rows[0][2] < 0.15, rows[1][2] < 0.35, rows[2][1] < 0.4];
    rows.forEach(([what, wall, over, target], i) => out(`${what.padEnd(38)} ${wall.toFixed(3).padStart(6)} s ${over.toFixed(3).padStart(6)} s  ${target} ${met[i] ? "(met)" : "(missed)"}`));
    return 0;
  },
};
