/**
 * Who holds each post on each day: present, vacant, or (for a trainee EMHP) at university.
 *
 * Rules. A post is vacant before its `startDate` and from its `endDate`. A trainee spends
 * `universityDays` days a week at university (Monday first) during each training phase;
 * phase weeks are calendar weeks from the intake, and the course ends `courseWeeks` weeks
 * (a year) after its first day, when the trainee qualifies. During the course the trainee
 * holds a reduced caseload (casework.traineeCaseloadShare). At training end the trainee leaves with probability
 * `leaveAfterTrainingShare`. A qualified holder leaves after an exponential time with daily
 * hazard −ln(1 − annualTurnover)/365. When the post's `refill` (default `workforce.refill`) is
 * set, a vacated post is filled after the recruitment lag (weeks × 7, rounded) by a qualified
 * holder (no second training year); when it is not, the post stays vacant to the end of the run.
 * Draws come from the stream `workforce/<post id>`, so posts do not disturb one another.
 */

import type { ServiceModel, Training } from "./config.js";
import { dayOf, type SchoolCalendar } from "./calendar.js";
import { sampler, type Streams } from "./draws.js";

/** Post status codes of a day: held and working, vacant, or the trainee at university. */
export const PRESENT = 0;
export const VACANT = 1;
export const UNIVERSITY = 2;

/** Each post's days: status by day, the trainee's course, and the days a holder leaves. */
export interface Workforce {
  /**
   * Day-by-day status of each post: `status[p][day]` is PRESENT, VACANT or UNIVERSITY; null for
   * a post present on every day (most posts, so the day loop skips the lookup).
   */
  readonly status: (Uint8Array | null)[];
  /** First and last day of each post's training course (a trainee's reduced caseload), or -1. */
  readonly trainingFrom: Int32Array;
  readonly trainingTo: Int32Array;
  /** (day, post) pairs, by day, on which a holder leaves and the post falls vacant. */
  readonly leaves: readonly (readonly [number, number])[];
}

/** Builds each post's timeline over the horizon (see the module notes). */
export function buildWorkforce(model: ServiceModel, cal: SchoolCalendar, rs: Streams): Workforce {
  const H = cal.horizonDays;
  const wf = model.workforce;
  const lag = sampler(wf.recruitmentLagWeeks, "workforce.recruitmentLagWeeks");
  const hazard = wf.annualTurnover > 0 ? -Math.log(1 - Math.min(wf.annualTurnover, 1 - 1e-12)) / 365 : 0;
  const nP = model.practitioners.length;
  const trainingFrom = new Int32Array(nP).fill(-1);
  const trainingTo = new Int32Array(nP).fill(-1);
  const leaves: [number, number][] = [];
  const status = model.practitioners.map((p, pi) => {
    const status = new Uint8Array(H);
    // Whether a vacancy was marked (university days are looked for after the loop, for trainees only).
    let vacant = false;
    const fill = (v: number, a: number, b: number) => {
      const from = Math.max(0, Math.min(H, a));
      const to = Math.max(0, Math.min(H, b));
      if (from < to) vacant = true;
      status.fill(v, from, to);
    };
    let from = p.startDate ? dayOf(cal.startDate, p.startDate) : 0;
    fill(VACANT, 0, from);
    const refill = p.refill ?? wf.refill;
    const random = p.training || hazard > 0 || (refill && p.endDate);
    const s = random ? rs.factory.stream(`workforce/${p.id}`) : null;
    const endDay = p.endDate ? dayOf(cal.startDate, p.endDate) : Infinity;
    let trainee = !!p.training;
    let first = true;
    while (from < H) {
      let leave = Infinity;
      if (trainee && p.training) {
        const start = dayOf(cal.startDate, p.training.start);
        const end = markUniversity(status, cal, start, p.training, from);
        trainingFrom[pi] = Math.max(start, from);
        trainingTo[pi] = end;
        if (s && s.next() < wf.leaveAfterTrainingShare) leave = end + 1;
        else if (s && hazard > 0) leave = end + 1 + Math.ceil(-Math.log(s.next()) / hazard);
      } else if (s && hazard > 0) {
        leave = from + Math.ceil(-Math.log(s.next()) / hazard);
      }
      if (first) leave = Math.min(leave, endDay);
      if (leave >= H) break;
      if (trainingTo[pi] >= leave) trainingTo[pi] = leave - 1;
      if (leave > 0) leaves.push([leave, pi]);
      const back = refill ? leave + Math.max(0, Math.round(lag(s ?? rs.workforce /* unreachable: s exists whenever a post can fall vacant */) * 7)) : H;
      fill(VACANT, leave, back);
      from = back;
      trainee = false;
      first = false;
    }
    return vacant || (p.training && anyAbsent(status)) ? status : null;
  });
  leaves.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { status, trainingFrom, trainingTo, leaves };
}

/** Whether the post is vacant or at university on some day (a plain loop: no call per day). */
function anyAbsent(status: Uint8Array): boolean {
  for (let d = 0; d < status.length; d++) if (status[d] !== PRESENT) return true;
  return false;
}

/**
 * Marks university days of the course from its first day; returns the course's last day
 * (`courseWeeks` weeks on). Phase weeks are calendar weeks from the intake week, holidays
 * included (university terms are not school terms).
 */
function markUniversity(status: Uint8Array, cal: SchoolCalendar, start: number, training: Training, from: number): number {
  const H = cal.horizonDays;
  // The Monday of the intake week (weekdays repeat every 7 days from day 0's weekday).
  let w0 = start - ((((cal.weekday[0] + start) % 7) + 7) % 7);
  for (const phase of training.phases) {
    for (let k = 0; k < phase.weeks; k++, w0 += 7) {
      for (let d = Math.max(w0, 0); d < w0 + 7 && d < H; d++) {
        if (d >= start && d >= from && cal.working[d] && cal.weekday[d] < phase.universityDays && status[d] === PRESENT) status[d] = UNIVERSITY;
      }
    }
  }
  return start + training.courseWeeks * 7 - 1;
}
