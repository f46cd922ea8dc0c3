/**
 * Weekly accumulators that become {@link WeekClusterRecord}s and
 * {@link PractitionerWeekRecord}s when a week closes.
 */

import { ACTIVITIES, type Activity, type PractitionerWeekRecord, type WeekClusterRecord } from "./records.js";
import type { ServiceModel } from "./config.js";

/** Field offsets of a cluster-week accumulator row; slots by activity follow from SLOTS. */
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
  SLOTS: 10,
} as const;
const CF = F.SLOTS + ACTIVITIES.length;
/** Practitioner row: slots by activity, then vacant and university slots. */
export const PV = ACTIVITIES.length;
export const PU = ACTIVITIES.length + 1;
const PF = ACTIVITIES.length + 2;

/** Accumulates the current week and emits records. */
export class Recorder {
  /** Current week's cluster rows: cluster c at c × stride. */
  readonly cw: Float64Array;
  readonly cStride = CF;
  /** Current week's practitioner rows. */
  readonly pw: Float64Array;
  readonly pStride = PF;
  /** Cases waiting (consented, not started) now, per cluster. */
  readonly waiting: Int32Array;
  readonly weeks: WeekClusterRecord[] = [];
  readonly practitionerWeeks: PractitionerWeekRecord[] = [];
  private readonly model: ServiceModel;

  constructor(model: ServiceModel) {
    this.model = model;
    this.cw = new Float64Array(model.clusters.length * CF);
    this.pw = new Float64Array(model.practitioners.length * PF);
    this.waiting = new Int32Array(model.clusters.length);
  }

  /** Adds one to a cluster counter. */
  count(cluster: number, field: number, n = 1): void {
    this.cw[cluster * CF + field] += n;
  }

  /** Books slots of an activity to a cluster and a practitioner. */
  slots(cluster: number, practitioner: number, activity: number, n: number): void {
    this.cw[cluster * CF + F.SLOTS + activity] += n;
    this.pw[practitioner * PF + activity] += n;
  }

  /** Emits week `week`'s records and clears the accumulators. */
  close(week: number): void {
    const { clusters, practitioners } = this.model;
    for (let c = 0; c < clusters.length; c++) {
      const o = c * CF;
      const a = this.cw;
      this.weeks.push({
        week,
        cluster: clusters[c].id,
        team: clusters[c].team,
        referrals: a[o],
        signposted: a[o + 1],
        accepted: a[o + 2],
        declined: a[o + 3],
        waitlistEnd: this.waiting[c],
        started: a[o + 4],
        completed: a[o + 5],
        steppedUp: a[o + 6],
        withdrawn: a[o + 7],
        contacts: a[o + 8],
        groupSessions: a[o + 9],
        slots: slotRecord(a, o + F.SLOTS),
      });
    }
    for (let p = 0; p < practitioners.length; p++) {
      const o = p * PF;
      this.practitionerWeeks.push({
        week,
        practitioner: practitioners[p].id,
        role: practitioners[p].role,
        team: practitioners[p].team,
        slots: slotRecord(this.pw, o),
        vacantSlots: this.pw[o + PV],
        universitySlots: this.pw[o + PU],
      });
    }
    this.cw.fill(0);
    this.pw.fill(0);
  }
}

function slotRecord(a: Float64Array, o: number): Record<Activity, number> {
  return {
    oneToOne: a[o],
    group: a[o + 1],
    mhstPlus: a[o + 2],
    dna: a[o + 3],
    linkMeeting: a[o + 4],
    clusterMeeting: a[o + 5],
    training: a[o + 6],
    supervision: a[o + 7],
    admin: a[o + 8],
    idle: a[o + 9],
  };
}
