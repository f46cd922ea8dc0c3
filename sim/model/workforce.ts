/**
 * Who holds each post on each day: present, vacant, or (for a trainee EMHP) at university.
 *
 * Rules. A post is vacant before its `startDate` and from its `endDate`. A trainee spends
 * `universityDays` days a week at university (Monday first) during each training phase;
 * phase weeks count only term weeks (weeks with at least one in-term day), and training ends
 * with the last phase week. At training end the trainee leaves with probability
 * `leaveAfterTrainingShare`. A qualified holder leaves after an exponential time with daily
 * hazard −ln(1 − annualTurnover)/365. When `refill` is set, a vacated post is filled after
 * the recruitment lag (weeks × 7, rounded) by a qualified holder (no second training year).
 * Draws come from the stream `workforce/<post id>`, so posts do not disturb one another.
 */

import type { ServiceModel } from "./config.js";
import { dayOf, type SchoolCalendar } from "./calendar.js";
import { sampler, type Streams } from "./draws.js";

/** Post status codes of a day: held and working, vacant, or the trainee at university. */
export const PRESENT = 0;
export const VACANT = 1;
export const UNIVERSITY = 2;

/**
 * Day-by-day status of each post: `status[p][day]` is PRESENT, VACANT or UNIVERSITY; null for
 * a post present on every day (most posts, so the day loop skips the lookup).
 */
export function buildWorkforce(model: ServiceModel, cal: SchoolCalendar, rs: Streams): (Uint8Array | null)[] {
  const H = cal.horizonDays;
  const wf = model.workforce;
  const lag = sampler(wf.recruitmentLagWeeks, "workforce.recruitmentLagWeeks");
  const hazard = wf.annualTurnover > 0 ? -Math.log(1 - Math.min(wf.annualTurnover, 1 - 1e-12)) / 365 : 0;
  return model.practitioners.map((p) => {
    const status = new Uint8Array(H);
    const fill = (v: number, a: number, b: number) => status.fill(v, Math.max(0, Math.min(H, a)), Math.max(0, Math.min(H, b)));
    let from = p.startDate ? dayOf(cal.startDate, p.startDate) : 0;
    fill(VACANT, 0, from);
    const random = p.training || hazard > 0 || (wf.refill && p.endDate);
    const s = random ? rs.factory.stream(`workforce/${p.id}`) : null;
    const endDay = p.endDate ? dayOf(cal.startDate, p.endDate) : Infinity;
    let trainee = !!p.training;
    let first = true;
    while (from < H) {
      let leave = Infinity;
      if (trainee && p.training) {
        const end = markUniversity(status, cal, dayOf(cal.startDate, p.training.start), p.training.phases, from);
        if (s && s.next() < wf.leaveAfterTrainingShare) leave = end + 1;
        else if (s && hazard > 0) leave = end + 1 + Math.ceil(-Math.log(s.next()) / hazard);
      } else if (s && hazard > 0) {
        leave = from + Math.ceil(-Math.log(s.next()) / hazard);
      }
      if (first) leave = Math.min(leave, endDay);
      if (leave >= H) break;
      const back = wf.refill ? leave + Math.max(0, Math.round(lag(s ?? rs.workforce /* unreachable: s exists whenever a post can fall vacant */) * 7)) : H;
      fill(VACANT, leave, back);
      from = back;
      trainee = false;
      first = false;
    }
    return status.some((v) => v !== PRESENT) ? status : null;
  });
}

/**
 * Marks university days from the training start; returns the last day of training. Weeks
 * before day 0 (a course that began before the run) count as term weeks when the same week
 * of the template year is one, since the template repeats every 364 days.
 */
function markUniversity(status: Uint8Array, cal: SchoolCalendar, start: number, phases: readonly { weeks: number; universityDays: number }[], from: number): number {
  const H = cal.horizonDays;
  const termWeek = (d0: number) => (d0 >= H ? true : cal.termWeek[d0 >= 0 ? d0 : ((d0 % 364) + 364) % 364] === 1);
  let phase = 0;
  let used = 0;
  let last = start;
  for (let w = Math.floor(start / 7); phase < phases.length; w++) {
    const d0 = 7 * w;
    if (!termWeek(d0)) continue;
    const uni = phases[phase].universityDays;
    for (let d = Math.max(d0, 0); d < d0 + 7 && d < H; d++) {
      if (d >= start && d >= from && cal.working[d] && cal.weekday[d] < uni && status[d] === PRESENT) status[d] = UNIVERSITY;
    }
    last = d0 + 6;
    if (++used >= phases[phase].weeks) {
      phase++;
      used = 0;
    }
  }
  return last;
}
