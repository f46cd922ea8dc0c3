/**
 * The school calendar: which simulated days are working days, in term, closed, and which
 * term (instance) they belong to.
 */

import type { CalendarConfig } from "./config.js";

const DAY_MS = 86_400_000;

/** Days in a simulated school year: 52 weeks, so weekdays repeat exactly every year. */
export const YEAR_DAYS = 364;

/**
 * The longest horizon: 80 school years. The case table keeps days in 16-bit columns (see
 * FAR in cases.ts), which hold every day of it and of the year before day 0.
 */
export const MAX_YEARS = 80;
export const MAX_HORIZON_DAYS = MAX_YEARS * YEAR_DAYS;

/** One occurrence of a template term in one simulated year. */
export interface TermInstance {
  /** Index into `CalendarConfig.terms`. */
  readonly term: number;
  readonly name: string;
  /** School year, 0-based. */
  readonly year: number;
  /**
   * First and last day of the term (inclusive). Clipped at day 0 and at the end of the school
   * years (`years` × 364), not at a shorter horizon: a term the horizon cuts, and the terms after
   * it in the same school year, run on past `horizonDays` (so that referrals, meetings and groups
   * are placed as in the whole year, and the run is the first weeks of the whole-year run).
   * Days at or past `horizonDays` are never simulated.
   */
  readonly startDay: number;
  readonly endDay: number;
  /** In-term working days (Mon–Fri, not half-term, not a closure), ascending; may run past `horizonDays` (see startDay). */
  readonly days: Int32Array;
}

/**
 * Day-indexed view of the school calendar over the whole horizon.
 *
 * All arrays have `horizonDays` entries, indexed by day (day 0 = `startDate`); only the term
 * instances' days may run past them (see {@link TermInstance.startDay}).
 */
export interface SchoolCalendar {
  readonly startDate: string;
  /** Days simulated: `CalendarConfig.horizonDays`, by default `years` × 364 (always whole weeks). */
  readonly horizonDays: number;
  /** Weeks simulated (week w covers days 7w..7w+6). */
  readonly weeks: number;
  /** Weekday of each day: 0 = Monday … 6 = Sunday. */
  readonly weekday: Uint8Array;
  /** 1 on Monday–Friday. */
  readonly working: Uint8Array;
  /** 1 on an in-term working day (inside a term, not half-term, not a closure). */
  readonly inTerm: Uint8Array;
  /** 1 on a listed closure (bank holiday, training day). */
  readonly closed: Uint8Array;
  /** Index into {@link terms} of the term instance the day lies in (half-term included), or -1. */
  readonly termInstance: Int16Array;
  /** 1 for every day of a week that holds at least one in-term day. */
  readonly termWeek: Uint8Array;
  /** Term instances in date order. */
  readonly terms: readonly TermInstance[];
  /**
   * Index into {@link terms} of the term before day 0, a year on: the occurrence 364 days after
   * the last term that starts before day 0 (from a school year's start, that year's last term;
   * from January, the next autumn). Its days and meetings, 364 days back, are the term before
   * the run, whose referrals the first link meeting brings. -1 without terms.
   */
  readonly termBeforeStart: number;
  /** ISO date (YYYY-MM-DD) of a day. */
  date(day: number): string;
  /** Name of the term a day lies in, or null outside terms. */
  termName(day: number): string | null;
  /** Week number of a day (floor(day / 7)). */
  week(day: number): number;
}

/**
 * The occurrence, a year on, of the last term that starts before day 0: its template index,
 * year and first and last day (0 <= start < 364). Undefined without terms.
 */
function termBefore(cfg: CalendarConfig): { term: number; year: number; a: number; b: number } | undefined {
  let best: { term: number; year: number; a: number; b: number } | undefined;
  cfg.terms.forEach((t, i) => {
    const a0 = dayOf(cfg.startDate, t.start);
    // The last year whose occurrence starts before day 0, then the year after it.
    const y = Math.ceil(-a0 / YEAR_DAYS) || 0;
    const a = a0 + y * YEAR_DAYS;
    if (!best || a > best.a) best = { term: i, year: y, a, b: dayOf(cfg.startDate, t.end) + y * YEAR_DAYS };
  });
  return best;
}

/**
 * Days a calendar simulates: `horizonDays`, or `years` × 364 without one.
 * @example horizonDaysOf({ years: 3 }) // 1092
 */
export function horizonDaysOf(cfg: Pick<CalendarConfig, "years" | "horizonDays">): number {
  return cfg.horizonDays ?? cfg.years * YEAR_DAYS;
}

/**
 * Days from day 0 (`startDate`) to an ISO date, in the proleptic Gregorian calendar (UTC).
 * @throws RangeError when the date is not YYYY-MM-DD: `calendar: date "x" must be YYYY-MM-DD`.
 * @example dayOf("2025-09-01", "2025-09-08") // 7
 */
export function dayOf(startDate: string, iso: string): number {
  return Math.round((parseIso(iso) - parseIso(startDate)) / DAY_MS);
}

function parseIso(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`calendar: date ${JSON.stringify(iso)} must be YYYY-MM-DD`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/**
 * Expands a calendar configuration into day-indexed arrays over the horizon (`horizonDays`,
 * default `years` × 364). The template year (terms, half-terms, closures) repeats shifted by
 * 364 days per year for `years` years; the arrays stop at the horizon, while the term instances
 * keep the whole of their school year (see {@link TermInstance.startDay}).
 *
 * Cost: O(horizonDays + terms × years).
 * @throws RangeError on a malformed date, `years` < 1, a horizon that is not a positive whole number of weeks, or one longer than MAX_YEARS school years.
 * @example
 * const cal = buildCalendar({ startDate: "2025-09-01", years: 1, terms: [...], closures: [], virtualOutsideTermShare: 0 });
 * cal.inTerm[0]; // 1 when term starts on day 0
 */
export function buildCalendar(cfg: CalendarConfig): SchoolCalendar {
  if (!(Number.isInteger(cfg.years) && cfg.years >= 1)) {
    throw new RangeError(`calendar.years: ${cfg.years} must be a whole number >= 1`);
  }
  const horizonDays = horizonDaysOf(cfg);
  if (!(Number.isInteger(horizonDays) && horizonDays >= 7 && horizonDays % 7 === 0)) {
    throw new RangeError(`calendar.horizonDays: ${horizonDays} must be a whole number of weeks (a multiple of 7, at least 7)`);
  }
  if (horizonDays > MAX_HORIZON_DAYS || cfg.years > MAX_YEARS) {
    throw new RangeError(`calendar: a horizon of ${cfg.years} school years (${horizonDays} days) is longer than the longest, ${MAX_YEARS} school years (${MAX_HORIZON_DAYS} days)`);
  }
  const start = parseIso(cfg.startDate);
  // Date.UTC(1970-01-05) is a Monday; weekday 0 = Monday.
  const w0 = (((Math.round((start - Date.UTC(1970, 0, 5)) / DAY_MS)) % 7) + 7) % 7;
  // The terms are laid out over whole school years (`span` days); the run, and every array
  // returned, stops at the horizon. A term the horizon cuts keeps its days past the end, so that
  // what is placed by term (referrals, meetings, groups) falls as in the whole year.
  const before = termBefore(cfg);
  const span = Math.max(horizonDays, cfg.years * YEAR_DAYS, before && before.year >= cfg.years ? before.b + 1 : 0);
  const weekday = new Uint8Array(span);
  const working = new Uint8Array(span);
  for (let d = 0; d < span; d++) {
    weekday[d] = (w0 + d) % 7;
    working[d] = weekday[d] < 5 ? 1 : 0;
  }
  const closed = new Uint8Array(span);
  const half = new Uint8Array(span);
  const termInstance = new Int16Array(span).fill(-1);
  const mark = (arr: Uint8Array | Int16Array, a: number, b: number, v: number) => {
    for (let d = Math.max(0, a); d <= Math.min(span - 1, b); d++) arr[d] = v;
  };
  const spans: { term: number; year: number; a: number; b: number }[] = [];
  for (let y = 0; y < cfg.years; y++) {
    const off = y * YEAR_DAYS;
    for (const c of cfg.closures) mark(closed, dayOf(cfg.startDate, c) + off, dayOf(cfg.startDate, c) + off, 1);
    cfg.terms.forEach((t, i) => {
      const a = dayOf(cfg.startDate, t.start) + off;
      const b = dayOf(cfg.startDate, t.end) + off;
      if (b < a) throw new RangeError(`calendar.terms[${i}]: end ${t.end} is before start ${t.start}`);
      if (b < 0 || a >= span) return;
      spans.push({ term: i, year: y, a: Math.max(0, a), b: Math.min(span - 1, b) });
      if (t.halfTerm) mark(half, dayOf(cfg.startDate, t.halfTerm.start) + off, dayOf(cfg.startDate, t.halfTerm.end) + off, 1);
    });
  }
  // A horizon that starts after the first term needs that earlier term a year on (see termBefore).
  if (before && before.year >= cfg.years) {
    const off = before.year * YEAR_DAYS;
    const t = cfg.terms[before.term];
    for (const c of cfg.closures) {
      const d = dayOf(cfg.startDate, c) + off;
      if (d >= before.a && d <= before.b) mark(closed, d, d, 1);
    }
    if (t.halfTerm) mark(half, dayOf(cfg.startDate, t.halfTerm.start) + off, dayOf(cfg.startDate, t.halfTerm.end) + off, 1);
    spans.push({ term: before.term, year: before.year, a: before.a, b: before.b });
  }
  spans.sort((x, y) => x.a - y.a);
  const termBeforeStart = before ? spans.findIndex((x) => x.term === before.term && x.year === before.year) : -1;
  const inTerm = new Uint8Array(span);
  const terms: TermInstance[] = spans.map((s, k) => {
    mark(termInstance, s.a, s.b, k);
    const days: number[] = [];
    for (let d = s.a; d <= s.b; d++) {
      if (working[d] && !half[d] && !closed[d]) {
        inTerm[d] = 1;
        days.push(d);
      }
    }
    return { term: s.term, name: cfg.terms[s.term].name, year: s.year, startDay: s.a, endDay: s.b, days: Int32Array.from(days) };
  });
  const weeks = horizonDays / 7;
  const termWeek = new Uint8Array(horizonDays);
  for (let w = 0; w < weeks; w++) {
    let any = 0;
    for (let d = 7 * w; d < 7 * w + 7; d++) any |= inTerm[d];
    if (any) termWeek.fill(1, 7 * w, 7 * w + 7);
  }
  const cut = <T extends Uint8Array | Int16Array>(a: T): T => (span === horizonDays ? a : (a.subarray(0, horizonDays) as T));
  return {
    startDate: cfg.startDate,
    horizonDays,
    weeks,
    weekday: cut(weekday),
    working: cut(working),
    inTerm: cut(inTerm),
    closed: cut(closed),
    termInstance: cut(termInstance),
    termWeek,
    terms,
    termBeforeStart,
    date: (day) => new Date(start + day * DAY_MS).toISOString().slice(0, 10),
    termName: (day) => (termInstance[day] >= 0 ? terms[termInstance[day]].name : null),
    week: (day) => Math.floor(day / 7),
  };
}
