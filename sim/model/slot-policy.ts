/**
 * The slot-allocation policy: how one practitioner's segment of a day (a cluster's half or
 * whole day) is spent. sim/model/README.md says the same in words a service manager can
 * check; each step below is one named function.
 *
 * A segment offers halves × slotsPerDay / 2 slots on an in-term day, and that times
 * `virtualOutsideTermShare` on other working days; the fraction of a slot left over is carried
 * to the practitioner's next segment in the same cluster, so 3.5 slots a day gives 17.5 a full-time week on
 * average. The fraction is carried per cluster of the practitioner, so each cluster gets exactly
 * its half-days' share over the weeks, whatever its place in the week. On a vacant day or a university day the slots are booked as vacant or university.
 * Otherwise the slots go, in this order, to:
 *  1. `runningGroups`: sessions of the practitioner's running groups due today;
 *  2. `bookedSessions`: booked 1:1 and MHST+ sessions due today or overdue (the earliest
 *     started first);
 *  3. `nonClinical` (in term only): the cluster's due tasks in due order (link and cluster
 *     meetings, training, whole-school work, consultations held at visits; each done only by a
 *     practitioner whose role may do it, the rest left for a colleague), then the team's
 *     advice-line consultations due (for a practitioner whose role answers, in any of their
 *     segments), then the practitioner's supervision and admin owed to this cluster this week;
 *  4. `newStarts`, while the practitioner's caseload has room: cases handed over by a leaver
 *     (the segment's cluster first, then the rest of the team), then a new group when enough children wait, then new 1:1 (or MHST+) children from the
 *     lines this segment may start from, urgent first, then by concern date;
 *  5. idle: allocated but unused.
 * Leavers' cases are handed over at the start of the first working day of the vacancy.
 */

import type { Groups } from "./groups.js";
import type { Run } from "./run.js";
import { A } from "./tasks.js";
import { F, PU, PV } from "./recorder.js";
import { UNIVERSITY } from "./workforce.js";
import type { WaitLine } from "./wait-line.js";

/** What the work-conserving check sees at the end of each segment (see `SimulateOptions.audit`). */
export interface SegmentAudit {
  readonly day: number;
  readonly practitioner: number;
  readonly cluster: number;
  /** School the half-day is at, or -1 for the whole cluster. */
  readonly school: number;
  /** Slots left idle in the segment. */
  readonly idle: number;
  /** Caseload held, and the cap that applied, at the end of the segment. */
  readonly load: number;
  readonly cap: number;
  /** Whether a child waits on a cluster's 1:1 line, a team's MHST+ line, or a cluster's hand-over line. */
  waitingOneToOne(cluster: number): boolean;
  /** Whether a child of the school waits on its cluster's 1:1 line, or was handed over there. */
  waitingAtSchool(school: number): boolean;
  waitingPlus(team: number): boolean;
  handedOver(cluster: number): boolean;
}

/** Processes day `t` (a Monday–Friday) for every practitioner of the part being simulated. */
export function workDay(run: Run, groups: Groups, t: number, audit?: (a: SegmentAudit) => void): void {
  const { st, cal, model, rec } = run;
  const leaves = run.leaves;
  while (run.nextLeave < leaves.length && leaves[run.nextLeave][0] <= t) {
    const p = leaves[run.nextLeave++][1];
    run.handOver(p);
    groups.handOver(p);
  }
  if (run.assessed.length > 0) run.queueAssessed();
  const wd = cal.weekday[t];
  const inTerm = cal.inTerm[t] === 1;
  if (!inTerm && model.calendar.virtualOutsideTermShare === 0) return;
  const halfSlots = inTerm ? st.halfSlotsInTerm : st.halfSlotsOutOfTerm;
  const groupsOn = model.groups.enabled && (inTerm || run.anyVirtual);
  const segs = run.daySegments[((cal.week(t) % st.cycleWeeks) * 5) + wd];
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const p = (seg / st.segsPerPost) | 0;
    const c = st.segCluster[seg];
    const seat = st.segSeat[seg];
    const exact = st.segHalves[seg] * halfSlots[p] + run.carry[seat];
    let free = Math.floor(exact + 1e-9);
    run.carry[seat] = exact - free;
    if (free === 0) continue;
    const status = run.wf.status[p];
    if (status !== null && status[t] !== 0) {
      rec.lost(p, status[t] === UNIVERSITY ? PU : PV, free);
      continue;
    }
    const plus = st.isPlus[p] === 1;
    const b = st.segBucket[seg];
    if (run.iv !== null) run.phoneCredit[p] = 0;
    if (groupsOn && !plus) free = groups.runDue(b, t, p, c, free, inTerm); // running groups (a handed-over one too)
    const school = st.segSchool[seg];
    if (free > 0 && run.nextDue[b] <= t) free = bookedSessions(run, b, t, p, c, free, school);
    if (inTerm && free > 0) free = nonClinical(run, t, p, c, seat, plus, free);
    if (free > 0) free = school >= 0 && !plus ? schoolStarts(run, groups, school, t, p, c, b, groupsOn, inTerm, free) : newStarts(run, groups, seg, t, p, c, b, plus, groupsOn, inTerm, free);
    if (free > 0) rec.slots(c, p, A.idle, free);
    if (audit) audit(auditOf(run, t, p, c, school, free));
  }
}

/**
 * Step 2: booked sessions due (overdue ones too), in the order the cases started here. On a
 * half-day at a named school, only that school's children are seen.
 */
function bookedSessions(run: Run, b: number, t: number, p: number, c: number, free: number, school: number): number {
  if (run.iv !== null) return bookedCostly(run, b, t, p, c, free, school);
  const list = run.open[b];
  const due = run.cases.due;
  const at = run.cases.school;
  let next = 0x7fffffff;
  for (let i = 0; i < list.length; ) {
    if (free === 0) {
      // Full: the rest wait. The day is a lower bound of every due day from the next working day on.
      if (t < next) next = t;
      break;
    }
    const id = list[i];
    const d = due[id];
    if (d > t || (school >= 0 && at[id] !== school)) {
      if (d < next) next = d;
      i++;
      continue;
    }
    free--;
    // A finished case leaves the list, so the next one slides into position i.
    if (!run.session(id, t, p, c, 1)) {
      if (due[id] < next) next = due[id];
      i++;
    }
  }
  run.nextDue[b] = next;
  return free;
}

/** {@link bookedSessions} with an intervention catalogue: a session takes its intervention's slots, and one that does not fit waits. */
function bookedCostly(run: Run, b: number, t: number, p: number, c: number, free: number, school: number): number {
  const list = run.open[b];
  const due = run.cases.due;
  const at = run.cases.school;
  let next = 0x7fffffff;
  for (let i = 0; i < list.length; ) {
    const id = list[i];
    if (due[id] > t || run.slotsFor(id, p) > free || (school >= 0 && at[id] !== school)) {
      if (due[id] < next) next = due[id];
      i++;
      continue;
    }
    const n = run.charge(id, p);
    free -= n;
    if (!run.session(id, t, p, c, n)) {
      if (due[id] < next) next = due[id];
      i++;
    }
  }
  run.nextDue[b] = next;
  return free;
}

/**
 * Step 3: the cluster's due tasks (meetings, training, whole-school work, consultations at
 * visits) in due order, then the consultations due on the team's advice line, then the
 * supervision and admin this practitioner owes the cluster. A task for other roles is left for
 * a colleague whose role does it.
 */
function nonClinical(run: Run, t: number, p: number, c: number, seat: number, plus: boolean, free: number): number {
  const tk = run.tasks;
  free = dueTasks(run, c, t, p, c, plus, free);
  const line = tk.teamRow + run.st.practitionerTeam[p];
  if (free > 0 && tk.start[line + 1] > tk.start[line]) free = dueTasks(run, line, t, p, c, plus, free);
  free = owe(run, run.supLeft, seat, c, p, A.supervision, free);
  return owe(run, run.adminLeft, seat, c, p, A.admin, free);
}

function dueTasks(run: Run, row: number, t: number, p: number, c: number, plus: boolean, free: number): number {
  const tk = run.tasks;
  const last = tk.start[row + 1];
  let head = run.taskHead[row];
  while (head < last && (run.taskLeft[head] === 0 || tk.end[head] < t)) head++;
  run.taskHead[row] = head;
  const bit = tk.roleBit[p];
  for (let i = head; i < last && free > 0 && tk.due[i] <= t; i++) {
    const left = run.taskLeft[i];
    if (left === 0 || tk.end[i] < t) continue;
    const who = tk.who[i];
    // Meetings and training (who 0) are for anyone not on MHST+; the rest for the roles marked.
    if (who === 0 ? plus : (who & bit) === 0) continue;
    const n = left < free ? left : free;
    run.taskLeft[i] = left - n;
    free -= n;
    run.rec.slots(c, p, tk.activity[i], n);
    if (n === left && who !== 0) run.rec.count(tk.home[i], tk.activity[i] === A.consultation ? F.consultations : F.wholeSchoolSessions);
  }
  return free;
}

function owe(run: Run, left: Int32Array, seat: number, c: number, p: number, activity: number, free: number): number {
  const owed = left[seat];
  if (free === 0 || owed === 0) return free;
  const n = owed < free ? owed : free;
  left[seat] = owed - n;
  run.rec.slots(c, p, activity, n);
  return free - n;
}

/** Step 4: hand-overs, a new group, then new children, while the caseload has room. */
function newStarts(run: Run, groups: Groups, seg: number, t: number, p: number, c: number, b: number, plus: boolean, groupsOn: boolean, inTerm: boolean, free: number): number {
  const st = run.st;
  const cap = run.capOf(p, t);
  if (plus) {
    const team = st.practitionerTeam[p];
    free = fill(run, run.plusHandLine[team], true, t, p, b, c, cap, free);
    // Assessments and intervention packages: whoever has waited longest (urgent first).
    const first = run.plusLine[team];
    const next = run.plusNextLine[team];
    while (free > 0 && run.load[p] < cap) {
      const a = first.alive > 0 && first.peek(run.isWaitingOne) >= 0 ? first.topKey() : Infinity;
      const n = next.alive > 0 && next.peek(run.isBetween) >= 0 ? next.topKey() : Infinity;
      if (a === Infinity && n === Infinity) break;
      if (n < a) run.resume(next.pop(run.isBetween), t, p, b, c);
      else run.startCase(first.pop(run.isWaitingOne), t, p, b, c);
      free--;
    }
    return free;
  }
  const from = st.segLineStart[seg];
  const to = st.segLineStart[seg + 1];
  if (st.doesOne[p] === 0) {
    if (groupsOn && st.doesGroup[p] && free > 0) free = groups.form(b, t, p, c, free, inTerm, cap);
    return free;
  }
  if (run.ivAll[p] === 0) return startsFitting(run, groups, seg, t, p, c, b, groupsOn, inTerm, cap, free);
  // Hand-overs: the segment's own cluster first, then any of the team's clusters (none waits most days).
  if (run.handedOver > 0) {
    free = fill(run, run.handLine[c], true, t, p, b, c, cap, free);
    const team = st.teamClusters[st.clusterTeam[c]];
    for (let k = 0; k < team.length && free > 0; k++) if (team[k] !== c) free = fill(run, run.handLine[team[k]], true, t, p, b, c, cap, free);
  }
  if (groupsOn && st.doesGroup[p] && free > 0) free = groups.form(b, t, p, c, free, inTerm, cap);
  if (to - from === 1) return fill(run, run.oneLine[c], false, t, p, b, c, cap, free);
  while (free > 0 && run.load[p] < cap) {
    let best: WaitLine | null = null;
    let key = Infinity;
    for (let k = from; k < to; k++) {
      const line = run.oneLine[st.segLines[k]];
      if (line.alive > 0 && line.peek(run.isWaitingOne) >= 0 && line.topKey() < key) {
        key = line.topKey();
        best = line;
      }
    }
    if (best === null) break;
    run.startCase(best.pop(run.isWaitingOne), t, p, b, c);
    free--;
  }
  return free;
}

/**
 * Step 4 on a half-day at a named school: that school's handed-over cases, a new group, then
 * that school's children from the cluster's 1:1 line, urgent first, then by concern date.
 */
function schoolStarts(run: Run, groups: Groups, school: number, t: number, p: number, c: number, b: number, groupsOn: boolean, inTerm: boolean, free: number): number {
  const st = run.st;
  const cap = run.capOf(p, t);
  const here = run.ivAll[p] === 1 ? (id: number) => run.cases.school[id] === school : (id: number) => run.cases.school[id] === school && run.fits(id, p, run.freeNow);
  if (st.doesOne[p]) free = fillWhere(run, run.handLine[c], true, here, t, p, b, c, cap, free);
  if (groupsOn && st.doesGroup[p] && free > 0) free = groups.form(b, t, p, c, free, inTerm, cap);
  if (st.doesOne[p]) free = fillWhere(run, run.oneLine[c], false, here, t, p, b, c, cap, free);
  return free;
}

function fillWhere(run: Run, line: WaitLine, handed: boolean, where: (id: number) => boolean, t: number, p: number, b: number, c: number, cap: number, free: number): number {
  const live = handed ? run.isHandedOver : run.isWaitingOne;
  while (free > 0 && line.alive > 0 && run.load[p] < cap) {
    run.freeNow = free;
    const id = line.bestWhere(live, where);
    if (id < 0) break;
    line.alive--;
    free -= take(run, id, handed, t, p, b, c);
  }
  return free;
}

/** Starts (or picks up) case id and returns the slots its session took. */
function take(run: Run, id: number, handed: boolean, t: number, p: number, b: number, c: number): number {
  const n = run.iv === null ? 1 : handed ? run.charge(id, p) : run.slotsFor(id, p);
  if (handed) run.pickUp(id, t, p, b, c, n);
  else run.startCase(id, t, p, b, c, n);
  return n;
}

/**
 * Step 4 when the practitioner's role does not deliver every intervention of the catalogue,
 * or some session costs more than a slot: the same order (hand-overs, a new group, new
 * children), each time the longest-waiting child whose intervention the role delivers and
 * whose session fits in the slots left.
 */
function startsFitting(run: Run, groups: Groups, seg: number, t: number, p: number, c: number, b: number, groupsOn: boolean, inTerm: boolean, cap: number, free: number): number {
  const st = run.st;
  const fits = (id: number) => run.fits(id, p, run.freeNow);
  const team = st.teamClusters[st.clusterTeam[c]];
  const hands = [c, ...team.filter((x) => x !== c)];
  for (const x of hands) if (free > 0) free = fillWhere(run, run.handLine[x], true, fits, t, p, b, c, cap, free);
  if (groupsOn && st.doesGroup[p] && free > 0) free = groups.form(b, t, p, c, free, inTerm, cap);
  const from = st.segLineStart[seg];
  const to = st.segLineStart[seg + 1];
  while (free > 0 && run.load[p] < cap) {
    run.freeNow = free;
    let best = -1;
    let line: WaitLine | null = null;
    let key = Infinity;
    for (let k = from; k < to; k++) {
      const l = run.oneLine[st.segLines[k]];
      if (l.alive === 0) continue;
      const id = l.bestWhere(run.isWaitingOne, fits);
      if (id >= 0 && run.cases.keyOf(id) < key) {
        key = run.cases.keyOf(id);
        best = id;
        line = l;
      }
    }
    if (line === null) break;
    line.alive--;
    free -= take(run, best, false, t, p, b, c);
  }
  return free;
}

function fill(run: Run, line: WaitLine, handed: boolean, t: number, p: number, b: number, c: number, cap: number, free: number): number {
  while (free > 0 && line.alive > 0 && run.load[p] < cap) {
    const id = line.pop(handed ? run.isHandedOver : run.isWaitingOne);
    if (id < 0) break;
    free -= take(run, id, handed, t, p, b, c);
  }
  return free;
}

function auditOf(run: Run, t: number, p: number, c: number, school: number, idle: number): SegmentAudit {
  // With a catalogue, a child counts only if the practitioner's role delivers their intervention and the session fits in the idle slots.
  const fits = (id: number) => run.ivAll[p] === 1 || run.fits(id, p, idle);
  const has = (line: WaitLine, live: (id: number) => boolean) => line.alive > 0 && (run.ivAll[p] === 1 ? line.peek(live) : line.bestWhere(live, fits)) >= 0;
  const any = (line: WaitLine, live: (id: number) => boolean) => line.alive > 0 && line.peek(live) >= 0;
  return {
    day: t,
    practitioner: p,
    cluster: c,
    school,
    idle,
    load: run.load[p],
    cap: run.capOf(p, t),
    waitingOneToOne: (x) => has(run.oneLine[x], run.isWaitingOne),
    waitingPlus: (x) => any(run.plusLine[x], run.isWaitingOne) || any(run.plusNextLine[x], run.isBetween),
    handedOver: (x) => has(run.handLine[x], run.isHandedOver),
    waitingAtSchool: (x) => {
      const at = (id: number) => run.cases.school[id] === x && fits(id);
      const cl = run.st.schoolCluster[x];
      return run.oneLine[cl].bestWhere(run.isWaitingOne, at) >= 0 || run.handLine[cl].bestWhere(run.isHandedOver, at) >= 0;
    },
  };
}
