/**
 * Weekly counters in columnar arrays (week × cluster × field and week × practitioner ×
 * field). No record objects are made while the run goes on; the records are views built on
 * demand (see run-records.ts).
 */

import { ACTIVITIES } from "./records.js";
import { handBack, reusable } from "./scratch.js";
import { WeekCounts } from "./week-counts.js";

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

/**
 * Largest weekly store, in bytes at 32 bits a counter (cluster and practitioner rows together),
 * that a recorder writes in place (see {@link Recorder}). 16 MiB holds twice the 59-team wave
 * over three school years (8.8 MB); a national service (about 91 MB) stays compact.
 */
export const IN_PLACE_BYTES = 16 * 1024 * 1024;

/**
 * Columnar weekly counters of one run, in one of two layouts that file the same numbers:
 * - in place, when the 32-bit store takes at most {@link IN_PLACE_BYTES}: the simulation
 *   writes straight into the current week's rows of a 32-bit store, so closing a week moves
 *   nothing (the buffer goes to the next recorder of the thread once the run is released);
 * - compact, for larger services: the simulation writes the current week's counters into
 *   32-bit scratch rows (one row set per week, small enough to stay in cache), and closing the
 *   week moves them into {@link WeekCounts} stores, as compact as the counts allow.
 */
export class Recorder {
  readonly nC: number;
  readonly nP: number;
  readonly weeks: number;
  /** Cases waiting (consented, not started) now, per cluster. */
  readonly waiting: Int32Array;
  /**
   * The current week's cluster rows (cluster × CF + field) and practitioner rows (practitioner
   * × PF + field): scratch rows (compact), or views of the week's rows in the store (in place).
   */
  private curC: Int32Array;
  private curP: Int32Array;
  private readonly storeC: WeekCounts;
  private readonly storeP: WeekCounts;
  /** The 32-bit store written in place (cluster rows of every week, then practitioner rows), or null (compact). */
  private readonly wide: Int32Array | null;
  private week = 0;
  private handedBack = false;
  /** Clusters and practitioners of the part of the service being simulated (see {@link beginPart}). */
  private c0 = 0;
  private c1: number;
  private p0 = 0;
  private p1: number;

  /** `inPlace`: the layout (see {@link Recorder}); by default in place when the 32-bit store is at most {@link IN_PLACE_BYTES}. */
  constructor(clusters: number, practitioners: number, weeks: number, inPlace = weeks * (clusters * CF + practitioners * PF) * 4 <= IN_PLACE_BYTES) {
    this.nC = clusters;
    this.nP = practitioners;
    this.weeks = weeks;
    const wC = clusters * CF;
    const wP = practitioners * PF;
    if (inPlace) {
      const n = weeks * (wC + wP);
      const kept = spare;
      spare = null;
      let all: Int32Array;
      if (kept !== null && reusable(kept.length, n)) {
        all = kept.subarray(0, n);
        all.fill(0);
      } else all = new Int32Array(n);
      this.wide = all;
      this.storeC = new WeekCounts(weeks, wC, all.subarray(0, weeks * wC));
      this.storeP = new WeekCounts(weeks, wP, all.subarray(weeks * wC));
      this.curC = weekRows(this.storeC, 0);
      this.curP = weekRows(this.storeP, 0);
    } else {
      this.wide = null;
      this.curC = new Int32Array(wC);
      this.curP = new Int32Array(wP);
      this.storeC = new WeekCounts(weeks, wC);
      this.storeP = new WeekCounts(weeks, wP);
    }
    this.waiting = new Int32Array(clusters);
    this.c1 = clusters;
    this.p1 = practitioners;
  }

  /** Whether counts are written in place (see {@link Recorder}). */
  get inPlace(): boolean {
    return this.wide !== null;
  }

  /**
   * Starts the simulation of one part of the service (sim/model/parts.ts): clusters
   * [c0, c1) and practitioners [p0, p1), from week 0. Weeks then close for that part only;
   * counts of other clusters and practitioners must not be made until the next part begins.
   */
  beginPart(c0: number, c1: number, p0: number, p1: number): void {
    this.c0 = c0;
    this.c1 = c1;
    this.p0 = p0;
    this.p1 = p1;
    this.toWeek(0);
  }

  /** Makes `week` the current week (counts not yet moved by {@link closeWeek} go to the week they were made in). */
  setWeek(week: number): void {
    this.flush();
    this.toWeek(week);
  }

  /** Adds to a cluster counter of the current week. */
  count(cluster: number, field: number, n = 1): void {
    this.curC[cluster * CF + field] += n;
  }

  /** Books slots of an activity to a cluster and a practitioner in the current week. */
  slots(cluster: number, practitioner: number, activity: number, n: number): void {
    this.curC[cluster * CF + F.SLOTS + activity] += n;
    this.curP[practitioner * PF + activity] += n;
  }

  /** Adds vacant (PV) or university (PU) slots to a practitioner in the current week. */
  lost(practitioner: number, field: number, n: number): void {
    this.curP[practitioner * PF + field] += n;
  }

  /**
   * Ends the current week: stores each cluster's waiting-list length (replacing any count of
   * it); for a part, its clusters only. With `next`, week `next` then becomes the current week
   * (as {@link setWeek} would make it, without a second pass over the emptied rows).
   */
  closeWeek(next?: number): void {
    const w = this.week;
    if (this.wide !== null) {
      for (let c = this.c0; c < this.c1; c++) this.curC[c * CF + F.waitlistEnd] = this.waiting[c];
    } else {
      const stored = w >= 0 && w < this.weeks ? this.storeC.data : null;
      const o = w * this.nC * CF;
      for (let c = this.c0; c < this.c1; c++) {
        const at = c * CF + F.waitlistEnd;
        this.curC[at] = this.waiting[c] - (stored ? stored[o + at] : 0);
      }
      this.flush();
    }
    if (next !== undefined) this.toWeek(next);
  }

  /**
   * Cluster-week rows, (week × nC + cluster) × CF + field, in their compact store (read only:
   * a later write may widen the store into a new array).
   */
  clusterWeeks(): Uint8Array | Uint16Array | Int32Array {
    this.flush();
    return this.storeC.data;
  }

  /** Practitioner-week rows, (week × nP + practitioner) × PF + field, read only (see {@link clusterWeeks}). */
  practitionerWeeks(): Uint8Array | Uint16Array | Int32Array {
    this.flush();
    return this.storeP.data;
  }

  /** Cluster-week rows as 32-bit integers that may be written in place (the store becomes 32-bit: four times the compact size at most). */
  get cw(): Int32Array {
    this.flush();
    return this.storeC.int32();
  }

  /** Practitioner-week rows as 32-bit integers that may be written in place (see {@link cw}). */
  get pw(): Int32Array {
    this.flush();
    return this.storeP.int32();
  }

  /**
   * Hands the counters' memory back once nothing reads them: in place, to the next recorder
   * made in this thread (as the case table's buffer goes to the next table), else at once (see
   * `handBack`). Either way the recorder's counts are gone afterwards; a second call does nothing.
   */
  handBack(): void {
    if (this.handedBack) return; // a second call must not give away a store the next recorder now uses
    this.handedBack = true;
    if (this.wide !== null) {
      const whole = new Int32Array(this.wide.buffer);
      if (spare === null || spare.length < whole.length) spare = whole;
      return;
    }
    handBack(this.storeC.data, this.storeP.data, this.curC, this.curP);
  }

  private flush(): void {
    if (this.wide !== null) return;
    this.storeC.add(this.week, this.curC, this.c0 * CF, this.c1 * CF);
    this.storeP.add(this.week, this.curP, this.p0 * PF, this.p1 * PF);
  }

  /** Makes `week` current; in place, its rows of the store become the rows written. */
  private toWeek(week: number): void {
    this.week = week;
    if (this.wide !== null) {
      this.curC = weekRows(this.storeC, week);
      this.curP = weekRows(this.storeP, week);
    }
  }
}

/**
 * Week w's rows of a store written in place (32-bit), or, for a week outside it, rows of their
 * own that nothing reads (as `WeekCounts.add` ignores such a week).
 */
function weekRows(store: WeekCounts, w: number): Int32Array {
  const n = store.width;
  return w >= 0 && w < store.weeks ? (store.data as Int32Array).subarray(w * n, (w + 1) * n) : new Int32Array(n);
}

/** The in-place store of the last recorder handed back in this thread, for the next recorder. */
let spare: Int32Array | null = null;

/** Lets go of the in-place store a handed-back recorder left for the next one (see `dropSpareBuffers`). */
export function dropSpareWeeks(): void {
  spare = null;
}
