/**
 * Non-clinical cluster work on the calendar: each school's link-worker meetings, the joint
 * cluster meeting and the cluster training session (preparation, then delivery).
 *
 * Placement rule (calendar-fixed, so it never depends on staffing): in a term with n in-term
 * days d[0..n-1], a school of rank r in its cluster holds its j-th link meeting
 * (j = 0..linkMeetingsPerTerm−1) on d[floor(j·n/k) + r mod 5], k = meetings per term; the
 * cluster meeting is on d[5] (second week); training preparation is due on d[n/2 − 5] and
 * delivery on d[n/2] (mid-term). A task becomes due on its day and is done by whichever
 * practitioner works in the cluster on that or a later in-term day of the same term, taking
 * its slots (split over days if need be); what is left at the end of term is dropped.
 */

import type { ServiceModel } from "./config.js";
import type { SchoolCalendar } from "./calendar.js";
import type { Structure } from "./structure.js";

/** Activity indices into `ACTIVITIES`. */
export const A = {
  oneToOne: 0,
  group: 1,
  mhstPlus: 2,
  dna: 3,
  linkMeeting: 4,
  clusterMeeting: 5,
  training: 6,
  supervision: 7,
  admin: 8,
  idle: 9,
} as const;

/** Cluster task lists in compressed rows: cluster c owns entries start[c]..start[c+1]-1, by due day. */
export interface TaskSchedule {
  readonly start: Int32Array;
  readonly due: Int32Array;
  /** Last day of the task's term (the task is dropped after it). */
  readonly end: Int32Array;
  readonly activity: Uint8Array;
  /** Slots the task takes (template; the run copies it to count down). */
  readonly slots: Int32Array;
  /** Link-meeting days of each school over the horizon, ascending. */
  readonly schoolMeetings: readonly Int32Array[];
}

/** Builds every cluster task of the horizon. Cost: O(terms × schools × meetings). */
export function buildTasks(model: ServiceModel, st: Structure, cal: SchoolCalendar): TaskSchedule {
  const m = model.meetings;
  const nC = model.clusters.length;
  const rows: { due: number; end: number; act: number; slots: number }[][] = Array.from({ length: nC }, () => []);
  const meet: number[][] = model.schools.map(() => []);
  const k = Math.max(1, Math.floor(m.linkMeetingsPerTerm));
  for (const t of cal.terms) {
    const d = t.days;
    const n = d.length;
    if (n === 0) continue;
    const at = (i: number) => d[Math.max(0, Math.min(n - 1, i))];
    for (let c = 0; c < nC; c++) {
      const row = rows[c];
      st.clusterSchools[c].forEach((s, r) => {
        for (let j = 0; j < m.linkMeetingsPerTerm; j++) {
          const day = at(Math.floor((j * n) / k) + (r % 5));
          meet[s].push(day);
          if (m.linkMeetingSlots > 0) row.push({ due: day, end: t.endDay, act: A.linkMeeting, slots: m.linkMeetingSlots });
        }
      });
      if (m.clusterMeetingSlots > 0) row.push({ due: at(5), end: t.endDay, act: A.clusterMeeting, slots: m.clusterMeetingSlots });
      if (m.trainingPrepSlots > 0) row.push({ due: at(Math.floor(n / 2) - 5), end: t.endDay, act: A.training, slots: m.trainingPrepSlots });
      if (m.trainingDeliverySlots > 0) row.push({ due: at(Math.floor(n / 2)), end: t.endDay, act: A.training, slots: m.trainingDeliverySlots });
    }
  }
  const start = new Int32Array(nC + 1);
  for (let c = 0; c < nC; c++) start[c + 1] = start[c] + rows[c].length;
  const N = start[nC];
  const due = new Int32Array(N);
  const end = new Int32Array(N);
  const activity = new Uint8Array(N);
  const slots = new Int32Array(N);
  for (let c = 0; c < nC; c++) {
    rows[c].sort((a, b) => a.due - b.due);
    rows[c].forEach((r, i) => {
      const at = start[c] + i;
      due[at] = r.due;
      end[at] = r.end;
      activity[at] = r.act;
      slots[at] = r.slots;
    });
  }
  return { start, due, end, activity, slots, schoolMeetings: meet.map((x) => Int32Array.from(x).sort()) };
}
