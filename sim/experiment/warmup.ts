import { horizonDaysOf } from "../model/calendar.js";
import type { ServiceModel } from "../model/config.js";
import { mser5 } from "../stats/index.js";
import type { ExperimentResult, WarmupOption } from "./types.js";

/** A chosen warm-up, as reported in {@link ExperimentResult.warmup}. */
export type Warmup = ExperimentResult["warmup"];

/**
 * Checks a warm-up option.
 * @throws RangeError naming the value when it is not "none", "auto" or a whole number >= 0.
 */
export function checkWarmupOption(option: WarmupOption | undefined): WarmupOption {
  if (option === undefined || option === "none" || option === "auto") return option ?? "none";
  if (typeof option !== "number" || !Number.isInteger(option) || option < 0) {
    throw new RangeError(`warmup: ${JSON.stringify(option)} must be "none", "auto" or a whole number of weeks >= 0`);
  }
  return option;
}

/** The warm-up of a "none" or fixed option (no pilot run needed). */
export function fixedWarmup(option: "none" | number): Warmup {
  return option === "none" ? { mode: "none", weeks: 0, batches: null } : { mode: "fixed", weeks: option, batches: null };
}

/**
 * Automatic warm-up by MSER-5: averages the weekly service waiting list over replications
 * (series in replication order; shorter series are padded by their last value), then
 * truncates where MSER-5 on 5-week batch means is smallest.
 *
 * @param series one weekly waiting-list series per replication.
 * @throws Error when there is no series.
 * @example autoWarmup([[50, 30, 20, 20, 20, ...], ...]) // { mode: "auto", weeks: 5, batches: 30 }
 */
export function autoWarmup(series: readonly (readonly number[])[]): Warmup {
  if (series.length === 0) throw new Error("autoWarmup: no replications");
  const weeks = Math.max(...series.map((s) => s.length));
  const mean = new Array<number>(weeks).fill(0);
  for (const s of series) {
    for (let w = 0; w < weeks; w++) mean[w] += (s.length === 0 ? 0 : s[Math.min(w, s.length - 1)]) / series.length;
  }
  // MSER-5 needs two batches; a shorter run has nothing to truncate.
  if (weeks < 10) return { mode: "auto", weeks: 0, batches: Math.floor(weeks / 5) };
  const { truncate, batches } = mser5(mean);
  return { mode: "auto", weeks: truncate, batches };
}

/**
 * Checks that a fixed warm-up leaves part of the run to measure: a warm-up of the whole run
 * (or more) would report every KPI as zero. "none" and "auto" always fit.
 * @throws RangeError `warmup: 60 weeks must be less than the run's 52 weeks`, or with a
 * horizon `warmup: 30 weeks must be less than the run's 26 weeks (calendar.horizon)`.
 * @example checkWarmupFits(model, 8)
 */
export function checkWarmupFits(model: ServiceModel, option: WarmupOption | undefined): void {
  if (typeof option !== "number") return;
  const weeks = Math.ceil(horizonDaysOf(model.calendar) / 7);
  const by = model.calendar.horizonDays === undefined ? "" : " (calendar.horizon)";
  if (option >= weeks) throw new RangeError(`warmup: ${option} weeks must be less than the run's ${weeks} weeks${by}`);
}
