/** Independent re-derivations used to check the model's records. */

import { ACTIVITIES, buildCalendar, type PractitionerWeekRecord, type RunRecords, type ServiceModel, type WeekClusterRecord } from "../../sim/model/index.js";

/** Sum of slots over every activity (idle included). */
export const slotSum = (r: WeekClusterRecord | PractitionerWeekRecord): number => ACTIVITIES.reduce((s, a) => s + r.slots[a], 0);

/**
 * Slots a practitioner's pattern gives each cluster on a day, by the plain rule
 * "half-days × slotsPerDay / 2" (exact when slotsPerDay is even), scaled outside term.
 */
export function patternSlots(model: ServiceModel, p: number, day: number): Map<string, number> {
  const cal = buildCalendar(model.calendar);
  const out = new Map<string, number>();
  const wd = cal.weekday[day];
  if (wd > 4) return out;
  const scale = cal.inTerm[day] ? 1 : model.calendar.virtualOutsideTermShare;
  for (const id of model.practitioners[p].pattern[wd]) {
    if (id !== null) out.set(id, (out.get(id) ?? 0) + (scale * model.casework.slotsPerDay) / 2);
  }
  return out;
}

/** Total pattern slots of a practitioner in a week (all clusters). */
export function weekPatternSlots(model: ServiceModel, p: number, week: number): number {
  let n = 0;
  for (let d = 7 * week; d < 7 * week + 7; d++) for (const v of patternSlots(model, p, d).values()) n += v;
  return n;
}

/** Case counts that must add up: referred = every way of leaving or staying. */
export function balance(records: RunRecords, filter: (c: RunRecords["cases"][number]) => boolean = () => true) {
  const cs = records.cases.filter(filter);
  const n = (o: string) => cs.filter((c) => c.outcome === o).length;
  const started = cs.filter((c) => c.firstContactDay !== null).length;
  return {
    total: cs.length,
    parts: n("signposted") + n("declined") + started + n("withdrawn") + n("waiting") + n("inTriage"),
    started,
    closedStarted: n("completed") + n("steppedUp") + n("open"),
  };
}
