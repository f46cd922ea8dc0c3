// Data loader for "Can the model be trusted?", part 1: the simulation engine against queueing
// theory. Runs the project's own generic queue (sim/queueing, built on sim/engine and
// sim/random) and compares its mean waits with the closed forms in the same module.
//
// Run sizes are small so the notebooks build in seconds; the confidence intervals say how
// precise each point is. For a tighter check raise CUSTOMERS and REPLICATIONS, or run the
// project's full validation (sim/queueing `validate`, VALIDATION_CASES: up to 4 million customers).
import { chartPalette } from "../../../dist/server/charts/palette.js";
import { exactQueue, queueModel, simulateQueue } from "../../../dist/sim/queueing/index.js";

const SEED = 2026;
const REPLICATIONS = 8;
const CUSTOMERS = 15_000; // per replication; the first 10 % are dropped as warm-up
const RHOS = [0.5, 0.6, 0.7, 0.8, 0.9];

// Service rate 1: every time is in units of the mean service time.
const FAMILIES = [
  { family: "M/M/1", servers: 1, service: "exp" },
  { family: "M/M/4 (Erlang C)", servers: 4, service: "exp" },
  { family: "M/D/1", servers: 1, service: "det" },
  { family: "M/M/1 priority, 30 % urgent", servers: 1, service: "exp", priorityShares: [0.3, 0.7] },
];
const CLASS_NAMES = ["urgent", "routine"];

const options = (f, rho, customers) => ({
  servers: f.servers,
  arrivalRate: rho * f.servers,
  serviceRate: 1,
  service: f.service,
  customers,
  ...(f.priorityShares ? { priorityShares: f.priorityShares } : {}),
});

const points = [];
const little = [];
const started = performance.now();
for (const f of FAMILIES) {
  for (const rho of RHOS) {
    const result = simulateQueue(queueModel(options(f, rho, CUSTOMERS)), { replications: REPLICATIONS, seed: SEED });
    const estimates = f.priorityShares
      ? result.classWaits.map((e, k) => [CLASS_NAMES[k], e])
      : [["all customers", result.meanWait]];
    for (const [quantity, e] of estimates) {
      points.push({
        family: f.family,
        quantity,
        rho,
        simulated: e.mean,
        lo: e.ci95[0],
        hi: e.ci95[1],
        exact: e.exact,
        ratio: e.mean / e.exact,
        ratioLo: e.ci95[0] / e.exact,
        ratioHi: e.ci95[1] / e.exact,
        covered: e.ci95[0] <= e.exact && e.exact <= e.ci95[1],
      });
    }
    little.push({
      family: f.family,
      rho,
      timeAverageL: result.meanNumberInSystem.mean,
      lambdaTimesW: result.littleProduct,
      exactL: result.exact.numberInSystem,
      relativeGap: (result.meanNumberInSystem.mean - result.littleProduct) / result.littleProduct,
    });
  }
}

// The closed-form curves, on a fine grid of utilisation.
const curves = [];
for (const f of FAMILIES) {
  for (let i = 5; i <= 93; i++) {
    const rho = i / 100;
    const exact = exactQueue(queueModel(options(f, rho, 1)));
    if (f.priorityShares) exact.classWaits.forEach((w, k) => curves.push({ family: f.family, quantity: CLASS_NAMES[k], rho, exact: w }));
    else curves.push({ family: f.family, quantity: "all customers", rho, exact: exact.wait });
  }
}

process.stdout.write(
  JSON.stringify({
    // The NHS chart palette (server/charts/palette.ts), the same as the dashboard's charts.
    palette: chartPalette(),
    settings: { seed: SEED, replications: REPLICATIONS, customersPerReplication: CUSTOMERS, warmupFraction: 0.1, serviceRate: 1 },
    points,
    curves,
    little,
    seconds: (performance.now() - started) / 1000,
  }),
);
