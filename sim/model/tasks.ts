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
 *
 * Work with schools (`consultations`, `wholeSchool`) joins the same lists, each task marked
 * with the roles that may do it:
 * - whole-school item q (in `wholeSchool.items` order) with perTerm = k: for a school of rank r,
 *   session j (j = 0..k−1) is due on d[floor((2j+1)·n/(2k)) + (r + q) mod 5], the middle of the
 *   j-th of k equal parts of the term (staggered by school and item); an item held `per:
 *   cluster` takes r = 0;
 * - whole-school requests on demand and consultations held at visits are due on the day drawn
 *   (school-work.ts), in the school's cluster;
 * - advice-line consultations go on their team's list (rows after the clusters'), which every
 *   practitioner of the team whose role answers takes in any of their segments.
 * At equal due days the meetings and training come first, then this work in the order above.
 */

import { ROLES, type Role, type ServiceModel, type Work } from "./config.js";
import type { SchoolCalendar } from "./calendar.js";
import { roleConfig } from "./roles.js";
import type { SchoolWork } from "./school-work.js";
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
  consultation: 7,
  wholeSchool: 8,
  supervision: 9,
  admin: 10,
  idle: 11,
} as const;

/**
 * Task lists in compressed rows, by due day: cluster c owns entries start[c]..start[c+1]-1, and
 * team k's advice line the row `teamRow` + k (start has clusters + teams + 1 entries).
 */
export interface TaskSchedule {
  readonly start: Int32Array;
  /** Row of the first team's advice line (= the number of clusters). */
  readonly teamRow: number;
  /** Who may do each task: 0 for any practitioner not on MHST+ (meetings, training), else {@link MASKED} | role bits. */
  readonly who: Int32Array;
  /** Cluster a task is counted for when done or dropped (its school's). */
  readonly home: Int32Array;
  /** Role bit of each practitioner (see {@link roleBit}). */
  readonly roleBit: Int32Array;
  readonly due: Int32Array;
  /** Last day of the task's term (the task is dropped after it). */
  readonly end: Int32Array;
  readonly activity: Uint8Array;
  /** Slots the task takes (template; the run copies it to count down). */
  readonly slots: Int32Array;
  /** Link-meeting days of each school over the horizon, ascending. */
  readonly schoolMeetings: readonly Int32Array[];
}

/** Bit of a role in a task's `who` mask; {@link MASKED} marks a mask. */
export const roleBit = (role: Role): number => 1 << ROLES.indexOf(role);
export const MASKED = 1 << 30;

/**
 * The `who` mask of work done by `roles`, or by every role that delivers `work` when absent.
 * @example whoMask(model, ["educationalPsychologist"], "wholeSchool") === (MASKED | roleBit("educationalPsychologist"))
 */
export function whoMask(model: ServiceModel, roles: readonly Role[] | undefined, work: Work): number {
  const list = roles ?? ROLES.filter((r) => roleConfig(model, r).delivers.includes(work));
  return list.reduce((mask, r) => mask | roleBit(r), MASKED);
}

interface Row { due: number; end: number; act: number; slots: number; who: number; home: number }

/**
 * Builds every task of the horizon: the cluster tasks and scheduled whole-school work (static),
 * plus a replication's drawn consultations and requests when given.
 * Cost: O(terms × schools × (meetings + items) + drawn work).
 */
export function buildTasks(model: ServiceModel, st: Structure, cal: SchoolCalendar, drawn: SchoolWork | null = null): TaskSchedule {
  const m = model.meetings;
  const nC = model.clusters.length;
  const nT = model.teams.length;
  const rows: Row[][] = Array.from({ length: nC + nT }, () => []);
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
          if (m.linkMeetingSlots > 0) row.push({ due: day, end: t.endDay, act: A.linkMeeting, slots: m.linkMeetingSlots, who: 0, home: c });
        }
      });
      if (m.clusterMeetingSlots > 0) row.push({ due: at(5), end: t.endDay, act: A.clusterMeeting, slots: m.clusterMeetingSlots, who: 0, home: c });
      if (m.trainingPrepSlots > 0) row.push({ due: at(Math.floor(n / 2) - 5), end: t.endDay, act: A.training, slots: m.trainingPrepSlots, who: 0, home: c });
      if (m.trainingDeliverySlots > 0) row.push({ due: at(Math.floor(n / 2)), end: t.endDay, act: A.training, slots: m.trainingDeliverySlots, who: 0, home: c });
    }
  }
  // Pushed after every meeting and training task, so that the stable sort below keeps those in
  // their old order (a run without this work is unchanged bit for bit).
  scheduleWholeSchool(model, st, cal, rows);
  if (drawn) addDrawn(model, st, cal, drawn, rows);
  const start = new Int32Array(nC + nT + 1);
  for (let c = 0; c < nC + nT; c++) start[c + 1] = start[c] + rows[c].length;
  const N = start[nC + nT];
  const due = new Int32Array(N);
  const end = new Int32Array(N);
  const activity = new Uint8Array(N);
  const slots = new Int32Array(N);
  const who = new Int32Array(N);
  const home = new Int32Array(N);
  for (let c = 0; c < nC + nT; c++) {
    rows[c].sort((a, b) => a.due - b.due);
    rows[c].forEach((r, i) => {
      const at = start[c] + i;
      due[at] = r.due;
      end[at] = r.end;
      activity[at] = r.act;
      slots[at] = r.slots;
      who[at] = r.who;
      home[at] = r.home;
    });
  }
  const roleBits = Int32Array.from(model.practitioners, (p) => roleBit(p.role));
  return { start, teamRow: nC, who, home, roleBit: roleBits, due, end, activity, slots, schoolMeetings: meet.map((x) => Int32Array.from(x).sort()) };
}

/** Scheduled whole-school items, at the calendar-fixed days of the header. */
function scheduleWholeSchool(model: ServiceModel, st: Structure, cal: SchoolCalendar, rows: Row[][]): void {
  const items = model.wholeSchool?.items ?? [];
  if (items.length === 0) return;
  const masks = items.map((it) => whoMask(model, it.roles, "wholeSchool"));
  for (const t of cal.terms) {
    const d = t.days;
    const n = d.length;
    if (n === 0) continue;
    const at = (i: number) => d[Math.max(0, Math.min(n - 1, i))];
    items.forEach((it, q) => {
      if (it.slots <= 0) return;
      const k = Math.floor(it.perTerm);
      for (let c = 0; c < st.clusterSchools.length; c++) {
        const ranks = it.per === "school" ? st.clusterSchools[c].map((_, r) => r) : [0];
        for (const r of ranks) {
          for (let j = 0; j < k; j++) rows[c].push({ due: at(Math.floor(((2 * j + 1) * n) / (2 * k)) + ((r + q) % 5)), end: t.endDay, act: A.wholeSchool, slots: it.slots, who: masks[q], home: c });
        }
      }
    });
  }
}

/** A replication's requests on demand and consultations: visits in the school's cluster, advice-line calls on the team's row. */
function addDrawn(model: ServiceModel, st: Structure, cal: SchoolCalendar, w: SchoolWork, rows: Row[][]): void {
  // Work is drawn over whole terms, which run on past a shorter horizon, where the calendar's
  // day lookup ends: a day beyond it finds its term among the terms.
  const endOf = (day: number) => {
    const k = day < cal.horizonDays ? cal.termInstance[day] : -1;
    if (k >= 0) return cal.terms[k].endDay;
    const t = cal.terms.find((x) => x.startDay <= day && day <= x.endDay);
    if (!t) throw new RangeError(`buildTasks: day ${day} of drawn work lies in no term`);
    return t.endDay;
  };
  const od = model.wholeSchool?.onDemand;
  if (od && od.slots > 0) {
    const mask = whoMask(model, od.roles, "wholeSchool");
    w.requestDay.forEach((day, i) => {
      const c = st.schoolCluster[w.requestSchool[i]];
      rows[c].push({ due: day, end: endOf(day), act: A.wholeSchool, slots: od.slots, who: mask, home: c });
    });
  }
  const cs = model.consultations;
  if (!cs || cs.slots <= 0) return;
  const mask = whoMask(model, cs.roles, "consultation");
  const nC = st.clusterSchools.length;
  w.day.forEach((day, i) => {
    const c = st.schoolCluster[w.school[i]];
    const row = w.visit[i] ? c : nC + st.clusterTeam[c];
    rows[row].push({ due: day, end: endOf(day), act: A.consultation, slots: cs.slots, who: mask, home: c });
  });
}
