import type { ServiceModel } from "../../sim/model/config.js";
import type { ScenarioInput } from "../schema/index.js";
import type { DocPath } from "./issues.js";
import { dayNumber } from "./dates.js";
import type { Add } from "./validate.js";

/**
 * Calendar rules: each term starts before it ends, half-terms lie inside their term, terms are
 * in order without overlap, day 0 is not after the first term, repeated years do not overlap,
 * and seasonality names real terms. Template terms are reported at `calendar.template`.
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
  if (first && cal.startDate > first.start) add(["calendar", "startDate"], cal.startDate, `must not be after the first term's start ${first.start}`);
  if (first && last && cal.years > 1 && dayNumber(last.end) - dayNumber(cal.startDate) >= 364) {
    add(["calendar", "terms"], undefined, `span more than 364 days from the start date, so repeated years would overlap`);
  }
  const seen = new Set<string>();
  cal.terms.forEach((t, i) => {
    if (seen.has(t.name)) add(["calendar", "terms", i, "name"], t.name, "is a duplicate term name");
    seen.add(t.name);
  });
  for (const name of Object.keys(model.referrals.seasonality)) {
    if (!seen.has(name)) add(["referrals", "seasonality", name], model.referrals.seasonality[name], `is not a term name (terms: ${[...seen].join(", ")})`);
  }
}
