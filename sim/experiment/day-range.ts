import { horizonDaysOf, MAX_HORIZON_DAYS, MAX_YEARS } from "../model/calendar.js";
import type { Distribution, ServiceModel } from "../model/config.js";

/** Largest day number the simulator's Int32 day arithmetic holds. */
export const MAX_DAY = 2 ** 31 - 1;

/** A value a distribution is very unlikely to pass (its max, or mean + 20 sd). */
function upper(d: Distribution): number {
  switch (d.kind) {
    case "deterministic":
      return d.value;
    case "uniform":
    case "triangular":
      return d.max;
    case "exponential":
    case "poisson":
      return 40 * d.mean;
    case "normal":
      return d.max ?? d.mean + 20 * d.sd;
    case "lognormal":
      return d.mean + 20 * d.sd;
    case "gamma":
      return d.shape * d.scale * 40;
    case "discrete":
      return Math.max(...d.values);
  }
}

/** One field whose value the simulator's day arithmetic cannot hold. */
export interface DayRangeIssue {
  readonly path: string;
  readonly value: number;
  readonly message: string;
}

/**
 * Fields whose values would overflow the simulator's day numbers (or counts): the horizon
 * (`calendar.years`, or `calendar.horizon` in weeks) beyond the longest one (MAX_YEARS school
 * years, as the case table's 16-bit days hold), pupils, and delays in days or weeks added to
 * a day beyond the Int32 day arithmetic. Pure; cost
 * O(schools + practitioners).
 * @returns one issue per field, e.g. `{ path: "calendar.years", value: 100, message: "gives 36400 days; the longest horizon is 80 school years (29120 days)" }`; [] when all fit.
 * @example dayRangeIssues(model) // []
 */
export function dayRangeIssues(model: ServiceModel): DayRangeIssue[] {
  const issues: DayRangeIssue[] = [];
  const byHorizon = model.calendar.horizonDays !== undefined;
  const horizonPath = byHorizon ? "calendar.horizon" : "calendar.years";
  const days = horizonDaysOf(model.calendar);
  const horizon = days + 366;
  if (!(days <= MAX_HORIZON_DAYS)) {
    const value = byHorizon ? days / 7 : model.calendar.years;
    issues.push({ path: horizonPath, value, message: `gives ${days} days; the longest horizon is ${MAX_YEARS} school years (${MAX_HORIZON_DAYS} days)` });
  }
  model.schools.forEach((s) => {
    if (!(s.pupils <= MAX_DAY)) issues.push({ path: `schools[${s.id}].pupils`, value: s.pupils, message: `must be at most ${MAX_DAY}` });
  });
  // Past an impossible horizon every delay would be reported too; the horizon is the problem.
  if (issues.length > 0 && issues[0].path === horizonPath) return issues;
  const room = MAX_DAY - horizon;
  const delay = (path: string, d: Distribution | undefined, daysPerUnit: number) => {
    if (d === undefined) return;
    const days = upper(d) * daysPerUnit;
    if (!(days <= room)) issues.push({ path, value: upper(d), message: `reaches about ${Math.round(days)} days, beyond the simulator's day numbers (at most ${room} days past the horizon)` });
  };
  delay("triage.triageDays", model.triage.triageDays, 1);
  delay("triage.consentDays", model.triage.consentDays, 1);
  delay("waitlist.patienceWeeks", model.waitlist.patienceWeeks, 7);
  delay("workforce.recruitmentLagWeeks", model.workforce.recruitmentLagWeeks, 7);
  delay("casework.sessions", model.casework.sessions, Math.max(1, model.casework.sessionIntervalDays));
  delay("casework.sessionIntervalDays", { kind: "deterministic", value: model.casework.sessionIntervalDays }, 1);
  delay("groups.weeks", { kind: "deterministic", value: model.groups.weeks }, 7);
  return issues;
}
