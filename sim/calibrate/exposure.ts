import { buildCalendar, dayOf, YEAR_DAYS, type ServiceModel } from "../model/index.js";
import type { ObservedPeriod } from "./types.js";

/** In-term school days of the observed period, by term name and by half-term (`autumn 1`, `autumn 2`). */
export interface TermExposure {
  readonly termDays: number;
  readonly byTerm: ReadonlyMap<string, number>;
  readonly byHalfTerm: ReadonlyMap<string, number>;
  /** Term name and half-term of each in-term day of the period (other days: absent). */
  readonly termOf: ReadonlyMap<number, { term: string; half: string }>;
}

/**
 * Counts the in-term school days of a period, by term and half-term: a term's first half runs
 * to its half-term holiday (to its middle school day when it has none). A term week is five
 * in-term days, as the model's referral rate counts it.
 * @example termExposure(model, { fromDay: 0, toDay: 364 }).termDays / 5 // term weeks in the year
 */
export function termExposure(model: ServiceModel, period: ObservedPeriod): TermExposure {
  const cal = buildCalendar(model.calendar);
  const byTerm = new Map<string, number>();
  const byHalf = new Map<string, number>();
  const termOf = new Map<number, { term: string; half: string }>();
  let total = 0;
  for (const t of cal.terms) {
    const cfg = model.calendar.terms[t.term];
    const split = cfg.halfTerm ? dayOf(model.calendar.startDate, cfg.halfTerm.start) + t.year * YEAR_DAYS : t.days[Math.floor(t.days.length / 2)];
    for (const d of t.days) {
      if (d < period.fromDay || d >= period.toDay) continue;
      const half = `${t.name} ${d < split ? 1 : 2}`;
      termOf.set(d, { term: t.name, half });
      byTerm.set(t.name, (byTerm.get(t.name) ?? 0) + 1);
      byHalf.set(half, (byHalf.get(half) ?? 0) + 1);
      total++;
    }
  }
  return { termDays: total, byTerm, byHalfTerm: byHalf, termOf };
}
