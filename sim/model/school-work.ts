/**
 * Work with schools that opens no case: consultations with school staff and whole-school
 * requests made on demand, drawn up front for each replication, and the counts of that work
 * a run leaves undone. Scheduled whole-school items are calendar-fixed (see tasks.ts).
 *
 * Draws (common random numbers: each has its own keyed stream, so no other draw moves):
 * - consultations: for each school i and term k (key k + 1, as the referral draws), a Poisson
 *   count of mean `ratePerSchoolPerWeek` × in-term days / 5 at position (−1 − i, k + 1) of the
 *   `consultations` stream; consultation j then draws at (i, (k + 1)·65536 + j) its day
 *   (uniform over the term's in-term days), whether it is held at a visit (`visitShare`, drawn
 *   even when `via` decides it) and whether it becomes a referral (`referralShare`); a referral
 *   goes on drawing its need, age band, priority and MHST+ eligibility at the same position;
 * - whole-school requests on demand: the same at the `wholeSchool` stream, one day each.
 * Seasonality does not apply (it is a referral pattern); nothing is drawn for the term before day 0.
 */

import type { ServiceModel } from "./config.js";
import type { SchoolCalendar } from "./calendar.js";
import { poisson, type Stream, type Streams } from "./draws.js";
import { CF, F } from "./recorder.js";
import { A, type TaskSchedule } from "./tasks.js";

/** Offset of a consultation referral's own key (keyB), clear of the ordinary referrals' keys. */
export const CONSULTATION_KEY = 0x08000000;

/** Work with schools drawn for one replication, in draw order (school, term, number). */
export interface SchoolWork {
  /** Consultations: day, school, 1 when held at a visit (else on the advice line), 1 when it becomes a referral, draw key. */
  readonly day: Int32Array;
  readonly school: Int32Array;
  readonly visit: Uint8Array;
  readonly referral: Uint8Array;
  readonly key: Int32Array;
  /** Whole-school requests on demand: day and school. */
  readonly requestDay: Int32Array;
  readonly requestSchool: Int32Array;
}

/**
 * Draws the consultations and whole-school requests of one replication, or null when the model
 * has neither (so that a run without them draws nothing more). Cost: O(schools × terms + items).
 * @example drawSchoolWork(model, buildCalendar(model.calendar), openStreams(1, 0))?.day.length // consultations drawn
 */
export function drawSchoolWork(model: ServiceModel, cal: SchoolCalendar, rs: Streams): SchoolWork | null {
  const c = model.consultations;
  const od = model.wholeSchool?.onDemand;
  if (!c && !od) return null;
  const day: number[] = [];
  const school: number[] = [];
  const visit: number[] = [];
  const referral: number[] = [];
  const key: number[] = [];
  const requestDay: number[] = [];
  const requestSchool: number[] = [];
  const K = rs.keyed;
  cal.terms.forEach((t, k) => {
    const n = t.days.length;
    if (n === 0) return;
    const termKey = k + 1;
    for (let i = 0; i < model.schools.length; i++) {
      if (c && c.ratePerSchoolPerWeek > 0) {
        const count = poisson((c.ratePerSchoolPerWeek * n) / 5)(K.consultations.at(-1 - i, termKey));
        for (let j = 0; j < count; j++) {
          const b = termKey * 65536 + j;
          const s = K.consultations.at(i, b);
          day.push(t.days[Math.floor(s.next() * n)]);
          const atVisit = s.next() < c.visitShare;
          visit.push(c.via === "both" ? (atVisit ? 1 : 0) : c.via === "visit" ? 1 : 0);
          referral.push(s.next() < c.referralShare ? 1 : 0);
          school.push(i);
          key.push(b);
        }
      }
      if (od && od.ratePerSchoolPerWeek > 0) {
        const count = poisson((od.ratePerSchoolPerWeek * n) / 5)(K.wholeSchool.at(-1 - i, termKey));
        for (let j = 0; j < count; j++) {
          requestDay.push(t.days[Math.floor(K.wholeSchool.at(i, termKey * 65536 + j).next() * n)]);
          requestSchool.push(i);
        }
      }
    }
  });
  return {
    day: Int32Array.from(day), school: Int32Array.from(school), visit: Uint8Array.from(visit), referral: Uint8Array.from(referral), key: Int32Array.from(key),
    requestDay: Int32Array.from(requestDay), requestSchool: Int32Array.from(requestSchool),
  };
}

/**
 * The stream a consultation's referral draws its attributes from: the consultation's own
 * position, after its three draws (day, visit, referral).
 * @example needOf(consultationStream(rs, work.school[i], work.key[i]))
 */
export function consultationStream(rs: Streams, school: number, key: number): Stream {
  const s = rs.keyed.consultations.at(school, key);
  s.next();
  s.next();
  s.next();
  return s;
}

/**
 * After a run: consultations and whole-school sessions still undone when their term ended
 * within the run (counted in the week the term ended, for the school's cluster), and the
 * referrals that came from consultations (in the week they reached the team). Adds to `cw`
 * (the recorder's cluster-week rows) in place.
 * @example countUndone(run.rec.cw, run.rec.nC, run.rec.weeks, horizonDays, tasks, run.taskLeft, fromConsultation, cases.referralDay, cases.cluster)
 */
export function countUndone(cw: Int32Array, nC: number, weeks: number, horizon: number, tk: TaskSchedule, left: Int32Array, fromConsultation: Uint8Array | null, referralDay: Int16Array, cluster: Int32Array): void {
  for (let i = 0; i < tk.who.length; i++) {
    if (tk.who[i] === 0 || left[i] === 0 || tk.end[i] >= horizon) continue;
    const w = Math.floor(tk.end[i] / 7);
    if (w >= weeks) continue;
    cw[(w * nC + tk.home[i]) * CF + (tk.activity[i] === A.consultation ? F.consultationsUnanswered : F.wholeSchoolDropped)]++;
  }
  if (!fromConsultation) return;
  for (let id = 0; id < fromConsultation.length; id++) {
    if (!fromConsultation[id]) continue;
    const w = Math.floor(referralDay[id] / 7);
    if (w < weeks) cw[(w * nC + cluster[id]) * CF + F.consultationReferrals]++;
  }
}
