import type { Term } from "../../sim/model/config.js";
import type { CalendarInput } from "../schema/index.js";
import { dayNumber, onOrBefore } from "./dates.js";

/** Days in a simulated school year (the terms repeat every 52 weeks). */
const YEAR_DAYS = 364;
const MON = 0;

/** Day 0, the horizon and the school years it takes, as the calendar input gives them. */
export interface Horizon {
  /** Day 0 of the simulation (ISO date). */
  readonly startDate: string;
  /** Day 0 of the first school year: `startDate` without a horizon date, else the default start. */
  readonly yearStart: string;
  /** Days simulated, whole weeks: `years` × 364 without a horizon. */
  readonly days: number;
  /** School years the terms repeat for: `years`, or what the horizon needs. */
  readonly years: number;
  /** The horizon's first and last dates as written (for messages), when dates give it. */
  readonly from?: string;
  readonly to?: string;
}

/**
 * Resolves day 0 and the horizon of a calendar. Without `horizon`: day 0 is `startDate` (default
 * the Monday of the first term's week) and the run is `years` × 364 days. With `horizon.from` or
 * `horizon.term`, day 0 is the Monday of that date's week; `weeks` counts from day 0; `to` (and a
 * term's last day) ends the run with the week that holds it. The terms then repeat for
 * max(1, ⌈(days − first term's start day) / 364⌉) school years: every year the horizon touches.
 * Pure; cost O(terms). Rule breaches are left to the validate stage (see checkHorizon).
 * @example resolveHorizon({ ...input, horizon: { weeks: 26 } }, terms, false).days // 182
 */
export function resolveHorizon(c: CalendarInput, terms: readonly Term[], yearsGiven: boolean): Horizon {
  const first = terms[0]?.start;
  const defaultStart = first ? onOrBefore(first, MON) : `${c.schoolYear}-09-01`;
  const h = c.horizon;
  if (!h) {
    const start = c.startDate ?? defaultStart;
    return { startDate: start, yearStart: start, days: c.years * YEAR_DAYS, years: c.years };
  }
  const term = h.term === undefined ? undefined : terms.find((t) => t.name === h.term);
  const from = term?.start ?? h.from;
  const to = term?.end ?? h.to;
  const startDate = from !== undefined ? onOrBefore(from, MON) : (c.startDate ?? defaultStart);
  const yearStart = from !== undefined ? defaultStart : startDate;
  // A horizon without a length, or ending before day 0, is an error (checkHorizon); meanwhile
  // the run keeps its school years, so that rules on its length add no noise.
  let days = c.years * YEAR_DAYS;
  if (h.weeks !== undefined) days = 7 * h.weeks;
  else if (to !== undefined && to >= startDate) days = 7 * Math.ceil((dayNumber(to) - dayNumber(startDate) + 1) / 7);
  const needed = yearsNeeded(startDate, days, terms);
  return {
    startDate,
    yearStart,
    days,
    years: yearsGiven ? c.years : needed,
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
}

/** School years a horizon of `days` from `startDate` needs (see resolveHorizon). */
function yearsNeeded(startDate: string, days: number, terms: readonly Term[]): number {
  const first = terms[0]?.start;
  const firstDay = first ? dayNumber(first) - dayNumber(startDate) : 0;
  return Math.max(1, Math.ceil((days - firstDay) / YEAR_DAYS));
}
