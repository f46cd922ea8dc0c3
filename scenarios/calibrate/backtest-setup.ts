/**
 * How a back-test is set up from a scenario and a service's activity data: the scenario is run
 * over the data's period only (`calendar.horizon` from the period's first day to its last),
 * starting from the waiting list the data had on that first day, and the same monthly measures
 * are read from the observed and from each simulated replication.
 */

import { compareMonths, monthlyMeasures, monthSpans, observedFromCase, waitingAtStart, type BacktestMeasure, type BacktestMonth, type BacktestSummary, type MonthSpan, type ObservedPeriod, type ObservedReferral } from "../../sim/calibrate/index.js";
import { buildCalendar, dayOf, type CaseRecord, type ServiceModel } from "../../sim/model/index.js";

/** Monthly measures: one array per measure, one entry per month (null where undefined). */
export type MonthlyMeasures = Record<BacktestMeasure, (number | null)[]>;

/** What a back-test compares against, and the overrides that make the scenario simulate it. */
export interface BacktestSetup {
  /**
   * `--set` overrides, applied after the user's: the horizon over the data's period (day 0 its
   * first Monday), `calendar.years` and `calendar.startDate` left to the horizon, and the
   * waiting list on the first day as `waitlist.initialPerCluster`.
   */
  readonly overrides: readonly string[];
  /** Children waiting on the period's first day (consented, not yet seen). */
  readonly initialWaiting: number;
  /** `initialWaiting` over the clusters, rounded: what each cluster starts with. */
  readonly initialPerCluster: number;
  /** The calendar months the period covers, in the base scenario's days. */
  readonly months: readonly MonthSpan[];
  /** The data's own monthly measures. */
  readonly observed: MonthlyMeasures;
  /** A school's first-contact standard in days. */
  readonly standardDays: (school: string) => number;
  /** The period's first and last dates (ISO), the horizon simulated. */
  readonly from: string;
  readonly to: string;
}

/**
 * Sets a back-test up: the overrides that run `base` over the data's period from its waiting
 * list, and the observed monthly measures.
 * @param base the scenario as loaded for reading the data (its days are the data's days).
 * @example backtestSetup(model, records, { fromDay: 0, toDay: 364 }).overrides[0] // "calendar.horizon={ from: 2025-09-01, to: 2026-08-30 }"
 */
export function backtestSetup(base: ServiceModel, records: readonly ObservedReferral[], period: ObservedPeriod): BacktestSetup {
  const cal = buildCalendar(base.calendar);
  const from = cal.date(period.fromDay);
  const to = cal.date(period.toDay - 1);
  const waiting = waitingAtStart(records, period.fromDay);
  const perCluster = Math.round(waiting.length / Math.max(1, base.clusters.length));
  const std = new Map(base.teams.map((t) => [t.id, Math.round((t.firstContactWeeks ?? base.standards.firstContactWeeks) * 7)]));
  const clusterTeam = new Map(base.clusters.map((c) => [c.id, c.team]));
  const schoolTeam = new Map(base.schools.map((s) => [s.id, clusterTeam.get(s.cluster)!]));
  const standardDays = (school: string) => std.get(schoolTeam.get(school)!)!;
  const months = monthSpans(base.calendar.startDate, period);
  return {
    overrides: [`calendar.horizon={ from: ${from}, to: ${to} }`, "calendar.years=", "calendar.startDate=", `waitlist.initialPerCluster=${perCluster}`],
    initialWaiting: waiting.length,
    initialPerCluster: perCluster,
    months,
    observed: monthlyMeasures(records, months, standardDays),
    standardDays,
    from,
    to,
  };
}

/**
 * The monthly measures of one simulated replication of the back-test's model, its days moved
 * into the data's days (the simulated day 0 is the base scenario's day `dayOf(base start,
 * simulated start)`).
 * @example simulatedMeasures(setup, base, model, run.cases).referrals[0]
 */
export function simulatedMeasures(setup: BacktestSetup, base: ServiceModel, simulated: ServiceModel, cases: readonly CaseRecord[]): MonthlyMeasures {
  return shiftedMeasures(setup, backtestShift(base, simulated), cases);
}

/** The base scenario's day of the simulated day 0 (see {@link simulatedMeasures}). */
export const backtestShift = (base: ServiceModel, simulated: ServiceModel): number => dayOf(base.calendar.startDate, simulated.calendar.startDate);

/**
 * As {@link simulatedMeasures}, with the day shift already known ({@link backtestShift}): for a
 * caller that holds the setup but not the models.
 */
function shiftedMeasures(setup: Pick<BacktestSetup, "months" | "standardDays">, shift: number, cases: readonly CaseRecord[]): MonthlyMeasures {
  return monthlyMeasures(cases.map((c) => observedFromCase(c, shift)), setup.months, setup.standardDays);
}

/**
 * Observed months against the replications' 10–90 % band (see compareMonths).
 * @example backtestResult(setup, perReplication).summary.shareInsideBand
 */
export function backtestResult(setup: Pick<BacktestSetup, "months" | "observed">, simulated: readonly MonthlyMeasures[]): { months: BacktestMonth[]; summary: BacktestSummary } {
  return compareMonths(setup.months, setup.observed, simulated);
}

/** What {@link backtestMeasures} needs of a back-test's setup, as plain data (it is sent to worker threads). */
export interface BacktestMeasureArg {
  readonly months: readonly MonthSpan[];
  /** Each school's first-contact standard in days. */
  readonly standard: readonly (readonly [string, number])[];
  /** The day shift of the simulated model (see {@link backtestShift}). */
  readonly shift: number;
}

/**
 * One replication's monthly measures from its records, as {@link shiftedMeasures} gives them: the
 * records reducer a back-test's worker threads apply (see RecordsReducer in sim/experiment), so
 * that only the measures, not the cases, reach the server's event loop.
 * @example backtestMeasures(records, { months: setup.months, standard: [["s1", 28]], shift: 0 }).referrals
 */
export function backtestMeasures(records: { readonly cases: readonly CaseRecord[] }, arg: BacktestMeasureArg): MonthlyMeasures {
  const standard = new Map(arg.standard);
  return shiftedMeasures({ months: arg.months, standardDays: (school) => standard.get(school)! }, arg.shift, records.cases);
}
