import { queueModel, type QueueOptions } from "./model.js";
import { simulateQueue, type Estimate, type QueueResult } from "./simulate.js";

/** One fixed validation case: a queue with a closed form and the run size that tests it. */
export interface ValidationCase {
  readonly name: string;
  readonly options: QueueOptions;
  readonly replications: number;
}

/** One line of the validation table. */
export interface ValidationRow {
  readonly case: string;
  /** What is compared: "wait", "wait class 0", "L (Little)". */
  readonly quantity: string;
  readonly simulated: number;
  /** The reference: the closed form, or for a Little row λ̂·W from the same runs. */
  readonly exact: number;
  /** (simulated − exact) / exact. */
  readonly relativeError: number;
  readonly ci95: readonly [number, number];
  /** Within the tolerance and, for simulated means, the 95 % interval covers the exact value. */
  readonly pass: boolean;
  /** Why it failed, empty when it passed. */
  readonly note: string;
}

// Run sizes: each case gets enough customers for a 95 % half-width of about 0.75 % of the
// exact wait, from the variance of a replication mean measured in pilot runs (and, for
// M/M/1, the asymptotic variance ρ(2 + 5ρ − 4ρ² + ρ³) / (μ²(1 − ρ)⁴) per customer). The
// half-widths come out at 0.3–1 %, so |error| <= 1 % holds with probability 95–99.9 % per
// row and the interval covers the exact value with probability 95 %, by construction
// rather than by choice of seed. 20 replications × 7.7 M customers take about 30 s.
const W = 0.05;
const mm = (name: string, servers: number, arrivalRate: number, customers: number): ValidationCase => ({
  name,
  options: { servers, arrivalRate, serviceRate: 1, customers, warmupFraction: W },
  replications: 20,
});
/** The fixed cases of `mhst validate`. */
export const VALIDATION_CASES: readonly ValidationCase[] = [
  mm("M/M/1 rho=0.5", 1, 0.5, 150_000),
  mm("M/M/1 rho=0.8", 1, 0.8, 500_000),
  mm("M/M/1 rho=0.9", 1, 0.9, 1_600_000),
  mm("M/M/4 rho=0.9 (Erlang C)", 4, 3.6, 2_500_000),
  mm("M/M/10 rho=0.9 (Erlang C)", 10, 9, 2_200_000),
  {
    name: "M/D/1 rho=0.8 (P-K)",
    options: { servers: 1, arrivalRate: 0.8, serviceRate: 1, service: "det", customers: 250_000, warmupFraction: W },
    replications: 20,
  },
  {
    name: "M/M/1 priority 0.3/0.7 rho=0.8 (Cobham)",
    options: { servers: 1, arrivalRate: 0.8, serviceRate: 1, priorityShares: [0.3, 0.7], customers: 500_000, warmupFraction: W },
    replications: 20,
  },
];

/** `--quick` runs each replication with this fraction of the customers. */
const QUICK_DIVISOR = 4;

/** Tolerance on the relative error of every compared mean. */
export const RELATIVE_TOLERANCE = 0.01;

/**
 * Runs the validation cases and compares each with its closed form: the mean wait (and each
 * class's wait) must lie within 1 % of the exact value with the 95 % interval covering it.
 * Little's law must hold on each case: the time-average number in the system L within 1 %
 * of λ̂·W, the observed arrival rate times the mean time in system from the same runs (the
 * row also shows the interval of L against the exact λW, for information).
 *
 * Case i runs with master seed `seed·100 + i`, so the cases are independent of each other
 * (common streams would make one unlucky stream set hit every case at once).
 *
 * @param options `quick` runs an eighth of the customers (10 replications of a quarter of
 *   the length): a smoke run, where only the
 *   interval must cover the exact value (a 1 % error is not attainable at that size);
 *   `seed` is the master seed (default 1); `onCase` is called after each case (progress).
 * @example
 * validate({ quick: true }).every((r) => r.pass);
 */
export function validate(
  options: { quick?: boolean; seed?: number; cases?: readonly ValidationCase[]; onCase?: (c: ValidationCase, r: QueueResult) => void } = {},
): ValidationRow[] {
  const rows: ValidationRow[] = [];
  const quick = options.quick ?? false;
  const cases = options.cases ?? VALIDATION_CASES;
  cases.forEach((c, i) => {
    // Quick runs keep replications long (a quarter of the customers, half the replications):
    // short replications have right-skewed means, and a t-interval over them misses low.
    const model = queueModel(quick ? { ...c.options, customers: Math.ceil(c.options.customers / QUICK_DIVISOR) } : c.options);
    const replications = quick ? Math.max(5, Math.ceil(c.replications / 2)) : c.replications;
    const result = simulateQueue(model, { replications, seed: (options.seed ?? 1) * 100 + i });
    options.onCase?.(c, result);
    if (model.shares.length === 1) rows.push(meanRow(c.name, "wait", result.meanWait, quick));
    else result.classWaits.forEach((e, k) => rows.push(meanRow(c.name, `wait class ${k}`, e, quick)));
    rows.push(littleRow(c.name, result));
  });
  return rows;
}

function meanRow(name: string, quantity: string, e: Estimate, quick: boolean): ValidationRow {
  const exact = e.exact as number;
  const relativeError = (e.mean - exact) / exact;
  const close = quick || Math.abs(relativeError) <= RELATIVE_TOLERANCE;
  const covers = e.ci95[0] <= exact && exact <= e.ci95[1];
  const note = [close ? "" : "off by more than 1 %", covers ? "" : "CI misses exact"].filter(Boolean).join("; ");
  return { case: name, quantity, simulated: e.mean, exact, relativeError, ci95: e.ci95, pass: close && covers, note };
}

function littleRow(name: string, r: QueueResult): ValidationRow {
  const l = r.meanNumberInSystem;
  const relativeError = (l.mean - r.littleProduct) / r.littleProduct;
  const pass = Math.abs(relativeError) <= RELATIVE_TOLERANCE;
  const note = pass ? "" : `L differs from λ̂·W by ${(relativeError * 100).toFixed(2)} %`;
  return { case: name, quantity: "L = λW (Little)", simulated: l.mean, exact: r.littleProduct, relativeError, ci95: l.ci95, pass, note };
}
