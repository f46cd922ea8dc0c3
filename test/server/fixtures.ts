import type { ExperimentResult, KpiRow, WaitHistogramRow, WeeklyRow } from "../../sim/experiment/types.js";

const ACTIVITY_SHARES: Record<string, number> = {
  oneToOne: 0.42, group: 0.08, mhstPlus: 0.05, dna: 0.06, linkMeeting: 0.04, clusterMeeting: 0.02,
  training: 0.03, supervision: 0.08, admin: 0.1, idle: 0.12,
};

function kpi(scope: KpiRow["scope"], id: string, name: string, mean: number, replications: number): KpiRow {
  const hw = Math.abs(mean) * 0.08 + 0.01;
  return { scope, id, kpi: name, mean, sd: hw, lo: mean - hw, hi: mean + hw, halfWidth: hw, n: replications, values: Array.from({ length: replications }, () => mean) };
}

/**
 * A made-up experiment result with the experiment layer's shape: a service, one team, two
 * clusters, `weeks` weeks. Deterministic (no random numbers), for chart and API tests.
 */
export function fixtureResult(opts: { scenario?: string; replications?: number; seed?: number; weeks?: number } = {}): ExperimentResult {
  const replications = opts.replications ?? 5;
  const weeks = opts.weeks ?? 39;
  const clusters = ["north", "south"];
  const kpis: KpiRow[] = [];
  const scopes: [KpiRow["scope"], string, number][] = [["service", "service", 1], ["team", "team-a", 1], ["cluster", "north", 0.6], ["cluster", "south", 0.4]];
  for (const [scope, id, f] of scopes) {
    kpis.push(kpi(scope, id, "referrals", 300 * f, replications));
    kpis.push(kpi(scope, id, "waitWeeksMedian", 3.5 + f, replications));
    kpis.push(kpi(scope, id, "waitWeeksMean", 4.2 + f, replications));
    kpis.push(kpi(scope, id, "waitWeeksP90", 8 + 2 * f, replications));
    kpis.push(kpi(scope, id, "pctStartedWithin4Weeks", 0.55 - 0.1 * f, replications));
    kpis.push(kpi(scope, id, "utilisation", 0.88, replications));
    if (scope !== "cluster") for (const [a, s] of Object.entries(ACTIVITY_SHARES)) kpis.push(kpi(scope, id, `utilisation.${a}`, s, replications));
  }
  const weekly: WeeklyRow[] = [];
  const row = (scope: WeeklyRow["scope"], id: string, week: number, f: number): WeeklyRow => {
    const term = week % 13 < 11 ? 1 : 0;
    const median = f * (20 + 10 * Math.sin(week / 6));
    return {
      scope, id, week,
      waitlistMedian: median, waitlistP10: median * 0.8, waitlistP90: median * 1.25,
      referrals: f * 8 * term, accepted: f * 6 * term, started: f * 5 * term, completed: f * 4 * term, signposted: f * 2 * term,
    };
  };
  for (let w = 0; w < weeks; w++) weekly.push(row("service", "service", w, 1));
  clusters.forEach((c, i) => { for (let w = 0; w < weeks; w++) weekly.push(row("cluster", c, w, i === 0 ? 0.6 : 0.4)); });
  // Waits: a made-up right-skewed shape over one-week bins up to 52 weeks, then the overflow bin.
  const waitHistogram: WaitHistogramRow[] = [];
  for (const [scope, id, f] of [["service", "service", 1], ["cluster", "north", 0.6], ["cluster", "south", 0.4]] as const) {
    for (let b = 0; b <= 52; b++) {
      const mean = b < 52 ? Math.round(1000 * f * 12 * (b + 1) * Math.exp(-(b + 1) / 2.5)) / 1000 : f * 0.5;
      waitHistogram.push({ scope, id, fromWeeks: b, toWeeks: b < 52 ? b + 1 : null, mean, p10: mean * 0.7, p90: mean * 1.3 });
    }
  }
  return {
    format: "mhst-experiment/1",
    scenario: opts.scenario ?? "Fixture service",
    seed: opts.seed ?? 42,
    replications,
    level: 0.95,
    warmup: { mode: "none", weeks: 0, batches: null },
    scopes: ["service", "team", "cluster"],
    horizonWeeks: weeks,
    events: 12345,
    kpis,
    weekly,
    waitHistogram,
  };
}
