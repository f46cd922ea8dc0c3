/**
 * One working day for every practitioner. Each allocated segment (a cluster's half or whole
 * day) offers its slots — all of them on an in-term day; outside term (holidays, half-terms,
 * closures) only virtualOutsideTermShare of them, rounded down with the fraction carried to
 * the practitioner's next out-of-term day. A vacant post's or a university day's slots are
 * booked as vacant / university instead. The slots then go, in this order, to:
 *  1. running groups due today (in term, or any day when groups are virtual);
 *  2. in term only: the cluster's due tasks (link and cluster meetings, training), then the
 *     practitioner's weekly supervision and admin (owed in term weeks, taken first come);
 *  3. booked 1:1 / MHST+ sessions due (in the order the cases started; overdue first come);
 *  4. new groups, then new cases from the line (urgent first, FIFO) while the caseload has room;
 *  5. idle: allocated but unused.
 * MHST+ practitioners serve only their team's MHST+ line and take no cluster tasks.
 */

import type { Groups } from "./groups.js";
import type { Run } from "./run.js";
import { A } from "./tasks.js";
import { PU, PV } from "./recorder.js";
import { UNIVERSITY } from "./workforce.js";

/** Processes day `t` (a Monday–Friday) for every practitioner. */
export function workDay(run: Run, groups: Groups, t: number): void {
  const { st, cal, model, rec } = run;
  const wd = cal.weekday[t];
  const inTerm = cal.inTerm[t] === 1;
  const share = model.calendar.virtualOutsideTermShare;
  const groupsOn = model.groups.enabled && (inTerm || model.groups.virtual);
  const practitionerScope = model.waitlist.scope === "practitioner";
  const segs = st.daySegments[wd];
  const segCluster = st.segCluster;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const p = (seg / 10) | 0;
    const c = segCluster[seg];
    const plus = st.isPlus[p] === 1;
    let free = st.segSlots[seg];
    if (!inTerm) {
      const exact = free * share + run.carry[p];
      free = Math.floor(exact + 1e-9);
      run.carry[p] = exact - free;
    }
    if (free === 0) continue;
    const status = run.status[p];
    if (status !== null && status[t] !== 0) {
      rec.lost(p, status[t] === UNIVERSITY ? PU : PV, free);
      continue;
    }
    const b = st.segBucket[seg];
    if (groupsOn && !plus) free = groups.runDue(b, t, p, c, free);
    if (inTerm && free > 0) free = doTasks(run, t, p, c, plus, free);
    if (free > 0 && run.nextDue[b] <= t) free = bookedSessions(run, b, t, p, c, free);
    if (groupsOn && !plus && free > 0) free = groups.form(b, t, p, c, free, inTerm);
    if (free > 0) {
      const line = plus ? run.plusLine[st.practitionerTeam[p]] : practitionerScope && st.named[c] !== p ? null : run.oneLine[c];
      const cap = st.bucketCap[b];
      while (line !== null && free > 0 && line.alive > 0 && run.load[b] < cap) {
        const id = line.pop(run.isLive);
        if (id < 0) break;
        run.startCase(id, t, p, b, c);
        free--;
      }
    }
    if (free > 0) rec.slots(c, p, A.idle, free);
  }
}

function doTasks(run: Run, t: number, p: number, c: number, plus: boolean, free: number): number {
  const tk = run.tasks;
  if (!plus) {
    const last = tk.start[c + 1];
    let head = run.taskHead[c];
    while (head < last && (run.taskLeft[head] === 0 || tk.end[head] < t)) head++;
    run.taskHead[c] = head;
    for (let i = head; i < last && free > 0 && tk.due[i] <= t; i++) {
      const left = run.taskLeft[i];
      if (left === 0 || tk.end[i] < t) continue;
      const n = left < free ? left : free;
      run.taskLeft[i] = left - n;
      free -= n;
      run.rec.slots(c, p, tk.activity[i], n);
    }
  }
  if (free > 0 && run.supLeft[p] > 0) {
    const n = Math.min(free, run.supLeft[p]);
    run.supLeft[p] -= n;
    free -= n;
    run.rec.slots(c, p, A.supervision, n);
  }
  if (free > 0 && run.adminLeft[p] > 0) {
    const n = Math.min(free, run.adminLeft[p]);
    run.adminLeft[p] -= n;
    free -= n;
    run.rec.slots(c, p, A.admin, n);
  }
  return free;
}

function bookedSessions(run: Run, b: number, t: number, p: number, c: number, free: number): number {
  const list = run.open[b];
  const due = run.cases.due;
  let next = 0x7fffffff;
  for (let i = 0; i < list.length; ) {
    const id = list[i];
    if (due[id] > t || free === 0) {
      if (due[id] < next) next = due[id];
      i++;
      continue;
    }
    free--;
    // A finished case leaves the list, so the next one slides into position i.
    if (!run.session(id, t, p, c)) {
      if (due[id] < next) next = due[id];
      i++;
    }
  }
  run.nextDue[b] = next;
  return free;
}
