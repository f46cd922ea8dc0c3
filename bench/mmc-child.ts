/**
 * One M/M/c run in a fresh process, printing one JSON line: the engine benchmark starts this
 * in child processes so that each run's peak resident memory (maxRSS) is its own.
 *
 * usage: node dist/bench/mmc-child.js CUSTOMERS [SERVERS ARRIVAL_RATE SERVICE_RATE SEED] [--warm]
 * With --warm, two 100,000-customer runs on other streams go first, so the timed run measures
 * the optimised code only (steady state) rather than the JIT's warm-up as well. Two, not one:
 * each run makes new closures, and V8 recompiles once when a call site first sees a second
 * closure from the same source; after that it accepts any of them.
 */
import { queueModel, runReplication } from "../sim/queueing/index.js";
import { StreamFactory } from "../sim/random/index.js";

const args = process.argv.slice(2);
const warm = args.includes("--warm");
const [n, c, lambda, mu, seed] = args.filter((a) => a !== "--warm").map(Number);
const model = queueModel({
  servers: c || 4,
  arrivalRate: lambda || 3.6,
  serviceRate: mu || 1,
  customers: n || 1_000_000,
  // As in shared/bench/simpy_mmc.py: the first tenth of the customers is warm-up.
  warmupFraction: 0.1,
});
if (warm) for (const r of [0, 1]) runReplication(queueModel({ ...model, customers: 100_000 }), new StreamFactory(12_345, r));
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const record = runReplication(model, new StreamFactory(Number.isFinite(seed) ? seed : 1, 0));
const cpu = process.cpuUsage(cpu0);
const wallSeconds = (performance.now() - t0) / 1000;
// CPU time as well as wall time: on a shared machine the wall clock also counts other work.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(
  `${JSON.stringify({
    customers: record.customers,
    events: record.events,
    wallSeconds,
    eventsPerSecond: record.events / wallSeconds,
    cpuSeconds,
    eventsPerCpuSecond: record.events / cpuSeconds,
    meanWait: record.meanWait,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
