import type { ServiceModel } from "../../sim/model/config.js";
import type { ScenarioInput } from "../schema/index.js";
import type { DocPath } from "./issues.js";
import { MAX_HORIZON_DAYS, MAX_YEARS } from "../../sim/model/calendar.js";
import { addDays, dayNumber } from "./dates.js";
import { resolveHorizon, type Horizon } from "./horizon.js";
import type { Add } from "./validate.js";

/**
 * Calendar rules: each term starts before it ends, half-terms lie inside their term, terms are
 * in order without overlap, day 0 is not after the first term, repeated years do not overlap,
 * seasonality names real terms, the run is at most MAX_YEARS school years, and a horizon is
 * well formed (see checkHorizon). Template
 * terms are reported at `calendar.template`.
 */
export function checkCalendar(model: ServiceModel, input: ScenarioInput, add: Add): void {
  const cal = model.calendar;
  const base: DocPath = input.calendar.terms ? ["calendar", "terms"] : ["calendar", "template"];
  if (cal.terms.length === 0) add(["calendar", "terms"], undefined, "must be given when template is none");
  cal.terms.forEach((t, i) => {
    const at = input.calendar.terms ? [...base, i] : base;
    if (t.start > t.end) add([...at, ...(input.calendar.terms ? ["end"] : [])], t.end, `must not be before the term's start ${t.start}`);
    if (t.halfTerm) {
      const h = t.halfTerm;
      const hp = input.calendar.terms ? [...at, "halfTerm"] : at;
      if (h.start > h.end) add([...hp, "end"], h.end, `must not be before the half-term's start ${h.start}`);
      else if (h.start < t.start || h.end > t.end) add(hp, `${h.start}..${h.end}`, `must lie inside the term ${t.start}..${t.end}`);
    }
    const prev = cal.terms[i - 1];
    if (prev && t.start <= prev.end) {
      add([...at, ...(input.calendar.terms ? ["start"] : [])], t.start, `must be after the previous term's end ${prev.end} (terms in order, not overlapping)`);
    }
  });
  const first = cal.terms[0];
  const last = cal.terms[cal.terms.length - 1];
  const hz = resolveHorizon(input.calendar, cal.terms, false);
  const dated = hz.from !== undefined;
  if (first && !dated && cal.startDate > first.start) add(["calendar", "startDate"], cal.startDate, `must not be after the first term's start ${first.start}`);
  if (first && last && cal.years > 1 && dayNumber(last.end) - dayNumber(hz.yearStart) >= 364) {
    add(["calendar", "terms"], undefined, `span more than 364 days from the start date, so repeated years would overlap`);
  }
  const seen = new Set<string>();
  cal.terms.forEach((t, i) => {
    if (seen.has(t.name)) add(["calendar", "terms", i, "name"], t.name, "is a duplicate term name");
    seen.add(t.name);
  });
  if (input.calendar.horizon) checkHorizon(model, input, hz, add);
  else if (cal.years > MAX_YEARS) add(["calendar", "years"], cal.years, `must be at most ${MAX_YEARS}, the longest horizon (${MAX_HORIZON_DAYS} days)`);
  for (const name of Object.keys(model.referrals.seasonality)) {
    if (!seen.has(name)) add(["referrals", "seasonality", name], model.referrals.seasonality[name], `is not a term name (terms: ${[...seen].join(", ")})`);
  }
}

/** The last ISO date (YYYY-MM-DD) a calendar can hold. */
const LAST_DATE = "9999-12-31";

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

/**
 * Horizon rules: one form (`weeks`, `to` or `term`; `from` only with the first two), a real
 * term name, an end not before its start, day 0 set once (`startDate` or `from`), `years` as
 * the horizon needs it, at most MAX_YEARS school years long and within the calendar's dates, and at
 * least one term inside.
 */
function checkHorizon(model: ServiceModel, input: ScenarioInput, hz: Horizon, add: Add): void {
  const h = input.calendar.horizon!;
  const at: DocPath = ["calendar", "horizon"];
  const cal = model.calendar;
  if (h.term !== undefined) {
    if (h.weeks !== undefined || h.from !== undefined || h.to !== undefined) {
      add([...at, "term"], h.term, "must be given alone (not with weeks, from or to)");
      return;
    }
    if (!cal.terms.some((t) => t.name === h.term)) {
      add([...at, "term"], h.term, `is not a term name (terms: ${cal.terms.map((t) => t.name).join(", ")})`);
      return;
    }
  } else if (h.weeks === undefined && h.to === undefined) {
    add(at, h, "must give weeks, to or term");
    return;
  } else if (h.weeks !== undefined && h.to !== undefined) {
    add([...at, "to"], h.to, `cannot be given with horizon.weeks (${h.weeks}); give one of them`);
    return;
  }
  if (h.to !== undefined) {
    if (h.from !== undefined && h.to < h.from) {
      add([...at, "to"], h.to, `must not be before horizon.from ${h.from}`);
      return;
    }
    if (h.from === undefined && h.to < hz.startDate) {
      add([...at, "to"], h.to, `must not be before day 0, ${hz.startDate} (calendar.startDate)`);
      return;
    }
  }
  const given = input.calendar.startDate;
  if (hz.from !== undefined && given !== undefined && given !== hz.startDate) {
    const by = h.term !== undefined ? `calendar.horizon.term ${h.term} (from ${hz.from})` : `calendar.horizon.from ${hz.from}`;
    add(["calendar", "startDate"], given, `conflicts with ${by}: day 0 is then the Monday of its week, ${hz.startDate}; give one of them`);
  }
  const field: DocPath = h.weeks !== undefined ? [...at, "weeks"] : h.to !== undefined ? [...at, "to"] : [...at, "term"];
  const value = h.weeks ?? h.to ?? h.term;
  if (hz.days > MAX_HORIZON_DAYS) {
    add(field, value, `gives ${hz.days} days from ${hz.startDate}; the longest horizon is ${MAX_YEARS} school years (${MAX_HORIZON_DAYS} days)`);
    return;
  }
  // Dates run to 9999-12-31, past the longest horizon from any day 0 before 9920.
  const room = dayNumber(LAST_DATE) - dayNumber(hz.startDate) + 1;
  if (hz.days > room) {
    add(field, value, `gives ${hz.days} days from ${hz.startDate}, past ${LAST_DATE}, the last date the calendar holds (at most ${room} days)`);
    return;
  }
  if (cal.years !== hz.years) {
    add(["calendar", "years"], cal.years, `conflicts with calendar.horizon, which needs ${plural(hz.years, "school year")} of terms; leave years out with a horizon`);
  }
  const end = addDays(hz.startDate, hz.days - 1);
  if (!termInside(cal.terms, hz)) {
    add(field, value, `gives the horizon ${hz.startDate}..${end}, which holds no term day (terms repeat every 364 days from ${cal.terms[0]?.start ?? "none"})`);
  }
}

/** Whether some term (in a year the horizon needs) overlaps days 0..days−1. */
function termInside(terms: ServiceModel["calendar"]["terms"], hz: Horizon): boolean {
  const day0 = dayNumber(hz.startDate);
  for (let y = 0; y < Math.min(hz.years, 4); y++) {
    for (const t of terms) {
      const a = dayNumber(t.start) - day0 + 364 * y;
      const b = dayNumber(t.end) - day0 + 364 * y;
      if (b >= 0 && a < hz.days) return true;
    }
  }
  return false;
}
