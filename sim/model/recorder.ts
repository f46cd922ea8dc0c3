/**
 * Weekly counters written straight into columnar arrays (week × cluster × field and
 * week × practitioner × field). No record objects are made while the run goes on; the
 * records are views built on demand (see run-records.ts).
 */

import { ACTIVITIES } from "./records.js";

/** Field offsets of a cluster-week row; slots by activity start at SLOTS (ACTIVITIES order). */
export const F = {
  referrals: 0,
  signposted: 1,
  accepted: 2,
  declined: 3,
  started: 4,
  completed: 5,
  steppedUp: 6,
  withdrawn: 7,
  contacts: 8,
  groupSessions: 9,
  waitlistEnd: 10,
  consultations: 11,
  consultationsUnanswered: 12,
  consultationReferrals: 13,
  wholeSchoolSessions: 14,
  wholeSchoolDropped: 15,
  SLOTS: 16,
} as const;
/** Width of a cluster-week row. */
export const CF = F.SLOTS + ACTIVITIES.length;
/** Practitioner-week row: slots by activity, then vacant (PV) and university (PU) slots. */
export const PV = ACTIVITIES.length;
export const PU = ACTIVITIES.length + 1;
export const PF = ACTIVITIES.length + 2;

/** Columnar weekly counters of one run. */
export class Recorder {
  readonly nC: number;
  readonly nP: number;
  readonly weeks: number;
  /** Cluster-week rows: (week × nC + cluster) × CF + field. */
  readonly cw: Int32Array;
  /** Practitioner-week rows: (week × nP + practitioner) × PF + field. */
  readonly pw: Int32Array;
  /** Cases waiting (consented, not started) now, per cluster. */
  readonly waiting: Int32Array;
  /** Row offsets of the current week. */
  cOff = 0;
  pOff = 0;

  constructor(clusters: number, practitioners: number, weeks: number) {
    this.nC = clusters;
    this.nP = practitioners;
    this.weeks = weeks;
    this.cw = new Int32Array(weeks * clusters * CF);
    this.pw = new Int32Array(weeks * practitioners * PF);
    this.waiting = new Int32Array(clusters);
  }

  /** Makes `week` the current week. */
  setWeek(week: number): void {
    this.cOff = week * this.nC * CF;
    this.pOff = week * this.nP * PF;
  }

  /** Adds to a cluster counter of the current week. */
  count(cluster: number, field: number, n = 1): void {
    this.cw[this.cOff + cluster * CF + field] += n;
  }

  /** Books slots of an activity to a cluster and a practitioner in the current week. */
  slots(cluster: number, practitioner: number, activity: number, n: number): void {
    this.cw[this.cOff + cluster * CF + F.SLOTS + activity] += n;
    this.pw[this.pOff + practitioner * PF + activity] += n;
  }

  /** Adds vacant (PV) or university (PU) slots to a practitioner in the current week. */
  lost(practitioner: number, field: number, n: number): void {
    this.pw[this.pOff + practitioner * PF + field] += n;
  }

  /** Ends the current week: stores each cluster's waiting-list length. */
  closeWeek(): void {
    for (let c = 0; c < this.nC; c++) this.cw[this.cOff + c * CF + F.waitlistEnd] = this.waiting[c];
  }
}
