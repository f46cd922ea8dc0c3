/**
 * Parameter recovery: data made by the simulator from a scenario with known inputs, written as
 * the cases.csv of `mhst run --out`, read back as activity data and calibrated. Each estimate is
 * paired with the value it should recover.
 */

import { toCsv } from "../../cli/output.js";
import { readActivity } from "../../scenarios/activity/index.js";
import { calibrate, cutToPeriod, termExposure, type Estimate, type RateLevel } from "../../sim/calibrate/index.js";
import { simulate, type ServiceModel } from "../../sim/model/index.js";
import { TRUTH } from "./fixtures.js";

/** One estimate and the true value it estimates (null: nothing to recover). */
export interface Recovered {
  readonly key: string;
  readonly estimate: Estimate;
  readonly truth: number | null;
}

/** Simulates one replication, writes its cases as CSV, reads and calibrates them. */
export function recoverOnce(model: ServiceModel, seed: number, by: RateLevel = "service", untilDay?: number): Recovered[] {
  const records = simulate(model, { seed, replication: 0 });
  const csv = toCsv(records.cases.map((c) => ({ replication: 0, ...c })));
  const data = readActivity(csv, model, { file: "cases.csv", untilDay });
  // Cut at untilDay, the data are what a service would have extracted that day.
  const rows = untilDay === undefined ? data.records : cutToPeriod(data.records, untilDay);
  const cal = calibrate(rows, model, data.period, { by });
  // The fitted rate is the period's mean rate: the true rate times the mean seasonality over its school days.
  const ex = termExposure(model, data.period);
  const meanSeason = [...ex.byTerm].reduce((s, [t, d]) => s + TRUTH.seasonality[t] * d, 0) / ex.termDays;
  const truth = (e: Estimate): number | null => {
    switch (e.kind) {
      case "referralRate": return TRUTH.rate * meanSeason;
      case "seasonality": return TRUTH.seasonality[e.unit!] / meanSeason;
      case "halfTermSeasonality": return TRUTH.seasonality[e.unit!.split(" ")[0]] / meanSeason;
      case "signpostShare": return TRUTH.signpostShare;
      case "declineShare": return TRUTH.declineShare;
      case "triageDays": return TRUTH.triageDaysMean;
      case "consentDays": return TRUTH.consentDaysMean;
      case "sessions": return e.unit === "oneToOne" ? TRUTH.sessionsMean : e.unit === "group" ? TRUTH.groupWeeks : null;
      case "dnaShare": return TRUTH.dnaShare;
      case "stepUpShare": return TRUTH.stepUpShare;
      case "patienceWeeks": return TRUTH.patienceWeeks;
    }
  };
  return cal.estimates.map((e) => ({ key: `${e.kind}${e.unit ? `:${e.unit}` : ""}`, estimate: e, truth: truth(e) }));
}
