import type { Command } from "commander";
import { describeCommand } from "../command-list.js";
import {
  queueModel, simulateQueue, type Estimate, type QueueResult,
} from "../../sim/queueing/index.js";
import {
  MAX_REPS, numberArg, Option, positiveArg, rangeIntArg, seedArg, UsageError, type CliIO,
} from "../program.js";
import { InvalidArgumentError } from "commander";

/** Customers per replication when `--customers` is not given (only for ρ < 1). */
const DEFAULT_CUSTOMERS = 200_000;
/** Most customers per replication. */
const MAX_CUSTOMERS = 10_000_000;
/** Most customers over all replications (about three minutes of simulation). */
const MAX_TOTAL_CUSTOMERS = 200_000_000;

/** Parses `0.3,0.7` into shares, each a number > 0. */
function sharesArg(raw: string): number[] {
  const parts = raw.split(",").map((p) => p.trim());
  const values = parts.map(Number);
  if (parts.some((p) => p === "") || values.some((v) => !Number.isFinite(v) || v <= 0)) {
    throw new InvalidArgumentError(`${JSON.stringify(raw)} must be a comma-separated list of numbers > 0`);
  }
  return values;
}

interface QueueFlags {
  servers: number;
  arrivalRate: number;
  serviceRate: number;
  service: "exp" | "det";
  priorityShares?: number[];
  customers?: number;
  warmupFraction: number;
  reps: number;
  seed: number;
  json?: boolean;
}

/** An estimate as JSON: mean, [lo, hi] and the exact value when there is one. */
function estimateJson(e: Estimate) {
  return { mean: e.mean, ci95: [e.ci95[0], e.ci95[1]], ...(e.exact !== undefined ? { exact: e.exact } : {}) };
}

/** The `--json` object of `mhst queue`. */
export function queueJson(r: QueueResult, wallSeconds: number) {
  const m = r.model;
  return {
    model: {
      servers: m.servers, arrivalRate: m.arrivalRate, serviceRate: m.serviceRate, service: m.service,
      priorityShares: m.shares, customersPerReplication: m.customers, warmupFraction: m.warmupFraction, rho: m.rho,
    },
    replications: r.replications,
    customers: r.customers,
    events: r.events,
    wallSeconds,
    eventsPerSecond: wallSeconds > 0 ? r.events / wallSeconds : null,
    meanWait: estimateJson(r.meanWait),
    meanTimeInSystem: estimateJson(r.meanTimeInSystem),
    utilisation: estimateJson(r.utilisation),
    meanNumberInSystem: estimateJson(r.meanNumberInSystem),
    littleProduct: r.littleProduct,
    ...(m.shares.length > 1
      ? { classes: r.classWaits.map((e, k) => ({ class: k, share: m.shares[k], meanWait: estimateJson(e) })) }
      : {}),
  };
}

/** Aligns a table: the first `left` columns to the left, the others to the right. */
export function alignTable(rows: string[][], left = 1): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c < left ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ").trimEnd();
  return rows.map(line).join("\n") + "\n";
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : "-");

function humanTable(r: QueueResult, wallSeconds: number): string {
  const m = r.model;
  const row = (name: string, e: Estimate) => [name, fmt(e.mean), `${fmt(e.ci95[0])} .. ${fmt(e.ci95[1])}`, e.exact !== undefined ? fmt(e.exact) : "-"];
  const rows = [
    ["quantity", "simulated", "95% CI", "exact"],
    row("mean wait", r.meanWait),
    ...(m.shares.length > 1 ? r.classWaits.map((e, k) => row(`  class ${k} (share ${m.shares[k]})`, e)) : []),
    row("mean time in system", r.meanTimeInSystem),
    row("utilisation", r.utilisation),
    row("mean number in system", r.meanNumberInSystem),
  ];
  const head =
    `M/${m.service === "exp" ? "M" : "D"}/${m.servers}: λ=${m.arrivalRate} μ=${m.serviceRate} ρ=${m.rho.toFixed(4)}, ` +
    `${r.replications} replications × ${m.customers} customers (warm-up ${m.warmupCustomers})\n`;
  const foot = `${r.events} events in ${wallSeconds.toFixed(2)} s (${((r.events / wallSeconds) / 1e6).toFixed(2)} M events/s)\n`;
  return head + alignTable(rows) + foot;
}

/**
 * Installs `mhst queue`: simulate a generic c-server queue with Poisson arrivals on the
 * engine, with a confidence interval over replications and the closed form where one exists.
 * @example mhst queue --servers 4 --arrival-rate 3.6 --service-rate 1 --json
 */
export function installQueue(program: Command, io: CliIO): void {
  program
    .command("queue")
    // A suggestion ("Did you mean --seed?") would be a second line; errors here are one line.
    .showSuggestionAfterError(false)
    .description(describeCommand("queue"))
    .requiredOption("--servers <c>", "number of servers (1 to 10000)", rangeIntArg(1, 10_000))
    .requiredOption("--arrival-rate <lambda>", "Poisson arrival rate", positiveArg)
    .requiredOption("--service-rate <mu>", "service rate of one server", positiveArg)
    .addOption(new Option("--service <law>", "service-time law").choices(["exp", "det"]).default("exp"))
    .option("--priority-shares <list>", "share of arrivals per priority class, class 0 first, e.g. 0.3,0.7", sharesArg)
    .option("--customers <n>", `customers per replication, 1 to ${MAX_CUSTOMERS} (default ${DEFAULT_CUSTOMERS}; required when ρ >= 1)`, rangeIntArg(1, MAX_CUSTOMERS))
    .option("--warmup-fraction <f>", "fraction of first customers left out of the statistics", numberArg((v) => v >= 0 && v < 1, "a number in [0, 1)"), 0.1)
    .option("--reps <r>", `independent replications (1 to ${MAX_REPS})`, rangeIntArg(1, MAX_REPS), 10)
    .option("--seed <s>", "master seed of the random streams (a whole number >= 0)", seedArg, 1)
    .option("--json", "print one JSON object")
    .action((flags: QueueFlags) => {
      const rho = flags.arrivalRate / (flags.servers * flags.serviceRate);
      if (flags.customers === undefined && !(rho < 1)) {
        throw new UsageError(`--customers is required when the utilisation λ/(cμ) = ${rho.toFixed(4)} is >= 1 (the queue has no steady state)`);
      }
      const total = (flags.customers ?? DEFAULT_CUSTOMERS) * flags.reps;
      if (total > MAX_TOTAL_CUSTOMERS) {
        throw new UsageError(`--customers × --reps: ${flags.customers ?? DEFAULT_CUSTOMERS} × ${flags.reps} = ${total} customers must be <= ${MAX_TOTAL_CUSTOMERS}`);
      }
      if (flags.priorityShares) {
        const sum = flags.priorityShares.reduce((a, b) => a + b, 0);
        if (Math.abs(sum - 1) > 1e-9) throw new UsageError(`--priority-shares ${flags.priorityShares.join(",")} must sum to 1 (they sum to ${sum})`);
      }
      const model = queueModel({
        servers: flags.servers,
        arrivalRate: flags.arrivalRate,
        serviceRate: flags.serviceRate,
        service: flags.service,
        ...(flags.priorityShares ? { priorityShares: flags.priorityShares } : {}),
        customers: flags.customers ?? DEFAULT_CUSTOMERS,
        warmupFraction: flags.warmupFraction,
      });
      const t0 = performance.now();
      const result = simulateQueue(model, { replications: flags.reps, seed: flags.seed });
      const wallSeconds = (performance.now() - t0) / 1000;
      io.stdout(flags.json ? `${JSON.stringify(queueJson(result, wallSeconds))}\n` : humanTable(result, wallSeconds));
    });
}
