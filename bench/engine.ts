import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { mmc } from "../sim/queueing/index.js";
import type { Benchmark, BenchOut } from "./registry.js";

/** The reference model of shared/bench: M/M/4, λ = 3.6, μ = 1, seed 1. */
const C = 4;
const LAMBDA = 3.6;
const MU = 1;
const SEED = 1;
const CUSTOMERS = 1_000_000;
/** Run sizes that show resident memory does not grow with the number of customers. */
const MEMORY_SIZES = [250_000, 1_000_000, 4_000_000];
/** The speed target: at least this many times SimPy's events per second. */
const TARGET_RATIO = 50;

interface ChildResult {
  customers: number;
  events: number;
  wallSeconds: number;
  eventsPerSecond: number;
  cpuSeconds: number;
  eventsPerCpuSecond: number;
  meanWait: number;
  maxRssMiB: number;
}

/** A reference run (SimPy or C): rates by wall clock and, when /usr/bin/time exists, by CPU time. */
interface ReferenceResult {
  meanWait: number;
  eventsPerSecond: number;
  eventsPerCpuSecond?: number;
  maxRssMiB?: number;
}

const here = fileURLToPath(new URL(".", import.meta.url));
/** shared/bench sits beside the repository: <repo>/../shared/bench, and dist/bench is <repo>/dist/bench. */
const sharedBench = join(here, "..", "..", "..", "shared", "bench");

function runChild(customers: number, warm = false): ChildResult {
  const args = [join(here, "mmc-child.js"), String(customers), String(C), String(LAMBDA), String(MU), String(SEED), ...(warm ? ["--warm"] : [])];
  const out = execFileSync(process.execPath, args, { encoding: "utf8" });
  return JSON.parse(out) as ChildResult;
}

/**
 * Runs a reference (SimPy script or C binary) and parses the `key=value` pairs it prints.
 * Under /usr/bin/time the whole process's CPU seconds and peak memory are read too; the CPU
 * rate then counts start-up (interpreter, imports) as well, which favours the JS side a little.
 */
function runReference(command: string, args: string[]): ReferenceResult | string {
  const timeBin = "/usr/bin/time";
  const timed = existsSync(timeBin);
  const res = timed
    ? spawnSync(timeBin, ["-f", "rusage cpu=%U+%S maxrss=%M", command, ...args], { encoding: "utf8" })
    : spawnSync(command, args, { encoding: "utf8" });
  if (res.status !== 0) return (res.stderr || String(res.error ?? "failed")).trim().split("\n").pop() ?? "failed";
  const get = (text: string, k: string) => Number(new RegExp(`${k}=([0-9.]+)`).exec(text)?.[1]);
  const customers = get(res.stdout, "customers");
  const result: ReferenceResult = { meanWait: get(res.stdout, "mean_wait"), eventsPerSecond: get(res.stdout, "events_per_s") };
  const usage = /cpu=([0-9.]+)\+([0-9.]+) maxrss=(\d+)/.exec(res.stderr);
  if (usage) {
    const cpu = Number(usage[1]) + Number(usage[2]);
    return { ...result, eventsPerCpuSecond: cpu > 0 ? (3 * customers) / cpu : undefined, maxRssMiB: Number(usage[3]) / 1024 };
  }
  return result;
}

function describe(name: string, customers: number, r: { meanWait: number; eventsPerSecond: number; eventsPerCpuSecond?: number; maxRssMiB?: number }): string {
  return (
    `${name.padEnd(10)} ${String(customers).padStart(8)}  ${r.meanWait.toFixed(4)}  ${mega(r.eventsPerSecond).padStart(9)}  ` +
    `${r.eventsPerCpuSecond ? mega(r.eventsPerCpuSecond).padStart(9) : "        -"}  ${r.maxRssMiB ? `${r.maxRssMiB.toFixed(0)} MiB` : "-"}`
  );
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(", ") + " (1, 5, 15 min)";
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mega = (x: number) => `${(x / 1e6).toFixed(2)} M`;

function runSimpy(out: BenchOut, customers: number): ReferenceResult | undefined {
  const python = "/usr/bin/python3";
  const script = join(sharedBench, "simpy_mmc.py");
  if (!existsSync(script)) {
    out(`SimPy: ${script} not found (expected shared/bench beside the repository); skipped`);
    return undefined;
  }
  if (!existsSync(python) || spawnSync(python, ["-c", "import simpy"]).status !== 0) {
    out("SimPy: not installed; install it with `apt-get install -y python3-simpy3` to compare (skipped)");
    return undefined;
  }
  const r = runReference(python, [script, String(customers), String(C), String(LAMBDA), String(MU), String(SEED)]);
  if (typeof r === "string") {
    out(`SimPy: failed (${r}); skipped`);
    return undefined;
  }
  out(describe("SimPy 3", customers, r));
  return r;
}

function runC(out: BenchOut, customers: number): ReferenceResult | undefined {
  const source = join(sharedBench, "mmc_ref.c");
  if (!existsSync(source)) return undefined;
  if (spawnSync("gcc", ["--version"]).status !== 0) {
    out("C reference: gcc not found; skipped");
    return undefined;
  }
  const binary = join(mkdtempSync(join(tmpdir(), "mhst-bench-")), "mmc_ref");
  if (spawnSync("gcc", ["-O2", "-o", binary, source, "-lm"]).status !== 0) {
    out("C reference: compile failed; skipped");
    return undefined;
  }
  // Median of three: the C loop is over in a fraction of a second, so one run is noisy.
  const runs: ReferenceResult[] = [];
  for (let i = 0; i < 3; i++) {
    const r = runReference(binary, [String(customers), String(C), String(LAMBDA), String(MU), String(SEED)]);
    if (typeof r === "string") return undefined;
    runs.push(r);
  }
  const r = runs.sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[1];
  out(describe("C (gcc)", customers, r));
  return r;
}

/**
 * The engine benchmark: the M/M/c model of shared/bench/simpy_mmc.py on Simulation + Resource,
 * each run in a fresh child process. `--compare-simpy` runs SimPy (and the C reference when
 * gcc exists) side by side and prints the ratios; `--customers N` changes the main run size.
 */
export const engineBenchmark: Benchmark = {
  name: "engine",
  description: "M/M/4 (λ=3.6, μ=1, 1M customers) on Simulation + Resource: events/s, mean wait, memory; --compare-simpy",
  async run(flags, out) {
    const compare = flags.includes("--compare-simpy");
    const at = flags.indexOf("--customers");
    const customers = at >= 0 ? Number(flags[at + 1]) : CUSTOMERS;
    if (!Number.isInteger(customers) || customers < 1000) {
      out(`engine: --customers ${flags[at + 1]} must be a whole number >= 1000`);
      return 2;
    }
    const exact = mmc(C, LAMBDA, MU).wq;
    out(`engine benchmark: M/M/${C}, λ=${LAMBDA}, μ=${MU}, seed ${SEED}; Erlang C mean wait ${exact.toFixed(4)}`);
    out("events = arrivals + service starts + departures; each run in a fresh process (JIT warm-up included)");
    // The variate method differs between the engines, so say which: it is part of the JS speed.
    out("exponential draws: JS by the ziggurat (expZiggurat); SimPy and C by inversion, −ln(U)/rate");
    // The ratios are only comparable on a quiet machine: show how busy it was.
    out(`load average at start: ${load()}`);
    out(`${"engine".padEnd(10)} ${"customers".padStart(8)}  ${"wait".padStart(6)}  ${"events/s".padStart(9)}  ${"per CPU s".padStart(9)}  peak RSS`);
    // Three fresh processes; the median is the figure, as one run on a shared machine is noisy.
    const runs = [0, 1, 2].map(() => runChild(customers)).sort((a, b) => a.eventsPerSecond - b.eventsPerSecond);
    const js = runs[1];
    out(describe("mhst (JS)", customers, js) + "   (median of 3)");
    const warm = [0, 1, 2].map(() => runChild(customers, true)).sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[1];
    out(describe("JS warm", customers, warm) + "   (median of 3, after two 100k-customer warm-up runs)");
    let simpy: ReferenceResult | undefined;
    let c: ReferenceResult | undefined;
    if (compare) {
      simpy = runSimpy(out, customers);
      // The C loop needs more customers than 1M for its run time to be measurable.
      c = runC(out, Math.max(customers, 4_000_000));
    }
    out("memory: resident set does not grow with the number of customers");
    for (const n of MEMORY_SIZES) out(describe("mhst (JS)", n, runChild(n)));
    if (simpy) {
      for (const [label, r] of [["JS", js], ["JS warm", warm]] as const) {
        const ratio = r.eventsPerSecond / simpy.eventsPerSecond;
        const cpuRatio = simpy.eventsPerCpuSecond ? r.eventsPerCpuSecond / simpy.eventsPerCpuSecond : undefined;
        out(
          `${label} / SimPy: ${ratio.toFixed(1)}× by wall clock${cpuRatio ? `, ${cpuRatio.toFixed(1)}× by CPU time` : ""} ` +
            `(target ${TARGET_RATIO}×: ${ratio >= TARGET_RATIO ? "met" : "not met"})`,
        );
      }
    }
    out(`load average at end: ${load()}`);
    if (c) {
      const cpuRatio = c.eventsPerCpuSecond ? js.eventsPerCpuSecond / c.eventsPerCpuSecond : undefined;
      out(`JS / C:     ${(js.eventsPerSecond / c.eventsPerSecond).toFixed(2)}× by wall clock${cpuRatio ? `, ${cpuRatio.toFixed(2)}× by CPU time` : ""}`);
    }
    return 0;
  },
};
