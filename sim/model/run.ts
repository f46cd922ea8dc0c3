/**
 * Runtime state of one replication and the case-flow rules (sim/model/README.md says them in
 * plain words):
 * - referral → triage after triageDays (signposted ones leave) → consent after consentDays
 *   (declined ones leave) → a waiting line: MHST+ eligible cases go to their team's MHST+ line
 *   when MHST+ is enabled and the team has an MHST+ practitioner; group-suited routine cases
 *   (groups enabled) to their cluster's group line; urgent and other cases to their cluster's
 *   1:1 line;
 * - lines run urgent first, then by concern date (the referral date outside link-meeting mode);
 *   a case still waiting when its patience runs out is withdrawn; a child still waiting for a
 *   group `groups.maxWaitWeeks` after referral moves to the 1:1 line, keeping its place;
 * - the first contact ends the wait and always counts as attended; later sessions are booked
 *   every sessionIntervalDays and a DNA (dnaShare, drawn per case and session) wastes the slot
 *   and rebooks the session one interval later; a session due on a day without a free slot
 *   moves to the next allocated day;
 * - triage may step a case up at once (stepUpAtTriageShare); a 1:1 case may be stepped up after
 *   its first stepUpEarlyAfterSessions sessions (stepUpEarlyShare), freeing the rest of its
 *   course; after its last session a case is stepped up (stepUpShare) or completed;
 * - an MHST+ case is assessed first; a child offered an intervention then leaves the caseload
 *   and waits on the team's MHST+ intervention line (by the day assessed) for its package;
 * - when a holder leaves, the post's open cases are handed over: colleagues in the cluster
 *   (then the team) pick them up before any new start.
 */

import type { ServiceModel } from "./config.js";
import type { SchoolCalendar } from "./calendar.js";
import { CaseState, CaseTable, OutcomeCode, RouteCode, StepUpAt, upToFar } from "./cases.js";
import type { KeyedStream } from "./draws.js";
import { F, Recorder } from "./recorder.js";
import type { Structure } from "./structure.js";
import { FORM_GROUP, groupProgrammes, interventionTable, isPhoneSession, type GroupProgramme, type InterventionTable } from "./interventions.js";
import { A, type TaskSchedule } from "./tasks.js";
import { orderKey, WaitLine } from "./wait-line.js";
import type { Workforce } from "./workforce.js";
import type { CaseDraws } from "./referrals.js";
import type { Simulation } from "../engine/index.js";
import type { DayQueue } from "./day-queue.js";

/** Mutable state of one run. Built by `simulate`, driven by its events. */
export class Run {
  readonly model: ServiceModel;
  readonly cal: SchoolCalendar;
  readonly st: Structure;
  readonly cases: CaseTable;
  readonly rec: Recorder;
  /** The event calendar of the part of the service being simulated (sim/model/parts.ts). */
  sim: Simulation;
  /** The per-case events (withdrawal, the end of a group wait) of the part being simulated, by day. */
  queue: DayQueue;
  readonly tasks: TaskSchedule;
  /** Slots each task still needs, and the first unfinished task of each row (cluster, then team advice line). */
  readonly taskLeft: Int32Array;
  readonly taskHead: Int32Array;
  readonly wf: Workforce;
  readonly dna: KeyedStream;
  /** Each case's course draws, made as it joins a line. */
  readonly draws: CaseDraws;
  /** 1:1 and group lines per cluster; MHST+ lines per team. */
  readonly oneLine: WaitLine[];
  /** Group lines: per group programme, per cluster (per team for a programme open across the team). */
  readonly groupLines: WaitLine[][];
  /** Group programmes (sim/model/interventions.ts), the programme of each intervention, and whether any meets out of term. */
  readonly programmes: readonly GroupProgramme[];
  readonly programmeOfIv: Int32Array;
  readonly anyVirtual: boolean;
  readonly plusLine: WaitLine[];
  /** MHST+ children assessed and waiting for their intervention package, per team. */
  readonly plusNextLine: WaitLine[];
  /** Children assessed today: they join the intervention line from the next working day. */
  readonly assessed: number[] = [];
  /** Started cases handed over by a leaver, waiting for a colleague: per cluster, and per team for MHST+. */
  readonly handLine: WaitLine[];
  readonly plusHandLine: WaitLine[];
  /** Open cases of each bucket, in the order they started there. */
  readonly open: number[][];
  /** Earliest due day of each bucket's open cases (a lower bound; lets the day loop skip a bucket). */
  readonly nextDue: Int32Array;
  /** Caseload units each practitioner holds (cases, plus slotsPerSession per running group). */
  readonly load: Int32Array;
  /** Supervision and admin slots each seat still owes this week. */
  readonly supLeft: Int32Array;
  readonly adminLeft: Int32Array;
  /** Fraction of a slot each seat (practitioner × cluster) carries to its next segment. */
  readonly carry: Float64Array;
  /** The intervention catalogue, or null (one casework course). */
  readonly iv: InterventionTable | null;
  /** Per practitioner: bit k set when the role delivers intervention k; 1 when it delivers every oneToOne one at one slot a session. */
  readonly ivMask: Int32Array;
  readonly ivAll: Uint8Array;
  /** Part of a slot a practitioner's last phone session left for another phone session in the same segment. */
  readonly phoneCredit: Float64Array;
  /** casework.dnaShare, sessionIntervalDays and stepUpEarlyAfterSessions (default 2), read once. */
  private readonly dnaShare: number;
  private readonly intervalDays: number;
  private readonly earlyAfter: number;
  /** Slots left in the segment being filled, for the predicates of the fitting starts (slot-policy.ts). */
  freeNow = 0;
  /** Handed-over cases on any hand-over line, not yet picked up (0 lets a segment skip the lines). */
  handedOver = 0;
  /** The part's segments of each day (its slice of `st.daySegments`), and its posts' leaving days (of `wf.leaves`). */
  daySegments: readonly Int32Array[];
  leaves: readonly (readonly [number, number])[];
  /** Next entry of `leaves` to hand over. */
  nextLeave = 0;
  renegeKind = -1;
  groupWaitKind = -1;
  readonly isWaitingOne = (id: number): boolean => this.cases.state[id] === CaseState.Waiting && this.cases.route[id] !== RouteCode.Group;
  readonly isWaitingGroup = (id: number): boolean => this.cases.state[id] === CaseState.Waiting && this.cases.route[id] === RouteCode.Group;
  readonly isBetween = (id: number): boolean => this.cases.state[id] === CaseState.Between;
  readonly isHandedOver = (id: number): boolean => this.cases.state[id] === CaseState.Open && this.cases.practitioner[id] < 0;

  constructor(model: ServiceModel, cal: SchoolCalendar, st: Structure, cases: CaseTable, tasks: TaskSchedule, wf: Workforce, dna: KeyedStream, sim: Simulation, draws: CaseDraws, queue: DayQueue) {
    this.model = model;
    this.cal = cal;
    this.st = st;
    this.cases = cases;
    this.tasks = tasks;
    this.wf = wf;
    this.dna = dna;
    this.draws = draws;
    this.dnaShare = model.casework.dnaShare;
    this.intervalDays = model.casework.sessionIntervalDays;
    this.earlyAfter = model.casework.stepUpEarlyAfterSessions ?? 2;
    this.sim = sim;
    this.queue = queue;
    this.daySegments = st.daySegments;
    this.leaves = wf.leaves;
    this.rec = new Recorder(model.clusters.length, model.practitioners.length, cal.weeks);
    this.taskLeft = tasks.slots.slice();
    this.taskHead = tasks.start.slice(0, tasks.start.length - 1);
    const nC = model.clusters.length;
    const line = () => new WaitLine();
    this.oneLine = Array.from({ length: nC }, line);
    const progs = groupProgrammes(model);
    this.programmes = progs.list;
    this.programmeOfIv = progs.of;
    this.anyVirtual = progs.list.some((x) => x.virtual);
    this.groupLines = progs.list.map((x) => Array.from({ length: x.team ? model.teams.length : nC }, line));
    this.handLine = Array.from({ length: nC }, line);
    this.plusLine = model.teams.map(line);
    this.plusNextLine = model.teams.map(line);
    this.plusHandLine = model.teams.map(line);
    this.open = st.buckets.map(() => []);
    this.nextDue = new Int32Array(st.buckets.length).fill(0x7fffffff);
    const nP = model.practitioners.length;
    this.load = new Int32Array(nP);
    this.supLeft = new Int32Array(st.seatSupervision.length);
    this.adminLeft = new Int32Array(st.seatAdmin.length);
    this.carry = new Float64Array(st.seatSupervision.length);
    this.iv = interventionTable(model);
    this.ivMask = new Int32Array(nP);
    this.ivAll = new Uint8Array(nP).fill(1);
    this.phoneCredit = new Float64Array(nP);
    const iv = this.iv;
    if (iv) {
      model.practitioners.forEach((_, p) => {
        const bit = tasks.roleBit[p];
        for (let k = 0; k < iv.n; k++) if (iv.roleMask[k] & bit) this.ivMask[p] |= 1 << k;
        let all = iv.unitSlots;
        for (let k = 0; k < iv.n; k++) if (iv.form[k] !== FORM_GROUP && (this.ivMask[p] & (1 << k)) === 0) all = false;
        this.ivAll[p] = all ? 1 : 0;
      });
    }
  }

  /** Days to the case's next session: its intervention's interval (MHST+ and without a catalogue: casework.sessionIntervalDays). */
  private interval(id: number): number {
    const iv = this.iv;
    return iv !== null && this.cases.route[id] === RouteCode.OneToOne ? iv.interval[this.cases.intervention[id]] : this.intervalDays;
  }

  /**
   * Whole slots the case's next session takes from practitioner p's segment now: its
   * intervention's slots a face-to-face session, and for a phone session 1, or 0 while the
   * slot p's last phone session began still has room for it. Without a catalogue: 1.
   */
  slotsFor(id: number, p: number): number {
    const iv = this.iv;
    const c = this.cases;
    if (iv === null || c.route[id] !== RouteCode.OneToOne) return 1;
    const k = c.intervention[id];
    if (!isPhoneSession(iv, k, c.sessions[id] + 1)) return iv.slots[k];
    return this.phoneCredit[p] >= iv.phoneSlots[k] - 1e-9 ? 0 : 1;
  }

  /** Takes the slots of the case's next session from p (see {@link slotsFor}); returns them. */
  charge(id: number, p: number): number {
    const n = this.slotsFor(id, p);
    const iv = this.iv;
    // A phone session draws on the slot the last one began, or begins a slot of its own.
    if (iv !== null && this.cases.route[id] === RouteCode.OneToOne && isPhoneSession(iv, this.cases.intervention[id], this.cases.sessions[id] + 1)) {
      const cost = iv.phoneSlots[this.cases.intervention[id]];
      this.phoneCredit[p] = n === 0 ? this.phoneCredit[p] - cost : 1 - cost;
    }
    return n;
  }

  /** Whether practitioner p may start or pick up case id with `free` slots: p's role delivers its intervention and its next session fits. */
  fits(id: number, p: number, free: number): boolean {
    return (this.ivMask[p] & (1 << this.cases.intervention[id])) !== 0 && this.slotsFor(id, p) <= free;
  }

  /** Caseload cap of practitioner p on day t (reduced during a trainee's course). */
  capOf(p: number, t: number): number {
    const w = this.wf;
    return t >= w.trainingFrom[p] && t <= w.trainingTo[p] ? this.st.traineeCap[p] : this.st.cap[p];
  }

  /** A referral reaches the team (initial cases skip triage and consent). */
  arrive(id: number, t: number): void {
    const c = this.cases;
    if (c.initial[id]) {
      c.triageDay[id] = t;
      c.consentDay[id] = t;
      this.join(id, t);
      return;
    }
    c.state[id] = CaseState.InTriage;
    this.rec.count(c.cluster[id], F.referrals);
  }

  /** Triage signposts the case to another service (it leaves). */
  signpost(id: number, t: number): void {
    const c = this.cases;
    c.triageDay[id] = t;
    this.close(id, t, OutcomeCode.Signposted);
    this.rec.count(c.cluster[id], F.signposted);
  }

  /** Triage steps the case up to specialist services at once (it leaves). */
  stepUpAtTriage(id: number, t: number): void {
    const c = this.cases;
    c.triageDay[id] = t;
    c.stepUpAt[id] = StepUpAt.Triage;
    this.close(id, t, OutcomeCode.SteppedUp);
    this.rec.count(c.cluster[id], F.steppedUp);
  }

  /** Consent decision: declined, or accepted onto a waiting line. */
  consent(id: number, t: number): void {
    const c = this.cases;
    c.consentDay[id] = t;
    if (c.decline[id]) {
      this.close(id, t, OutcomeCode.Declined);
      this.rec.count(c.cluster[id], F.declined);
      return;
    }
    this.rec.count(c.cluster[id], F.accepted);
    this.join(id, t);
  }

  /** Puts a consented case on its route's line: MHST+ (team), group or 1:1 (cluster). */
  private join(id: number, t: number): void {
    const c = this.cases;
    const m = this.model;
    const cl = c.cluster[id];
    const plus = c.plusEligible[id] === 1 && m.mhstPlus.enabled && this.st.teamHasPlus[this.teamOf(id)] === 1;
    this.draws.course(id, plus);
    if (plus) c.route[id] = RouteCode.Plus;
    else if (m.groups.enabled && c.suitable[id] && !c.urgent[id]) c.route[id] = RouteCode.Group;
    else {
      c.route[id] = RouteCode.OneToOne;
      this.toFallback(id);
    }
    c.state[id] = CaseState.Waiting;
    this.lineOf(id).push(id, c.keyOf(id));
    this.rec.waiting[cl]++;
    if (c.patience[id] >= 0) c.renege[id] = this.queue.at(t + c.patience[id], this.renegeKind, id);
    if (c.route[id] === RouteCode.Group) {
      const by = c.referralDay[id] + 7 * m.groups.maxWaitWeeks;
      if (by <= t) this.toOneToOne(id);
      else this.queue.at(by, this.groupWaitKind, id);
    }
  }

  /** Team of case id (its cluster's). */
  teamOf(id: number): number {
    return this.st.clusterTeam[this.cases.cluster[id]];
  }

  lineOf(id: number): WaitLine {
    const c = this.cases;
    const r = c.route[id];
    return r === RouteCode.Plus ? this.plusLine[this.teamOf(id)] : r === RouteCode.Group ? this.groupLineOf(id) : this.oneLine[c.cluster[id]];
  }

  /** Group programme of a case on a group route (0 without a catalogue). */
  programmeOf(id: number): number {
    return this.iv === null ? 0 : this.programmeOfIv[this.cases.intervention[id]];
  }

  /** The group line a case on a group route waits on. */
  groupLineOf(id: number): WaitLine {
    const q = this.programmeOf(id);
    return this.groupLines[q][this.programmes[q].team ? this.teamOf(id) : this.cases.cluster[id]];
  }

  /** No group has started for a waiting child by `groups.maxWaitWeeks`: 1:1 instead, same place. */
  groupWaitOver(id: number): void {
    if (this.isWaitingGroup(id)) this.toOneToOne(id);
  }

  private toOneToOne(id: number): void {
    const c = this.cases;
    this.groupLineOf(id).alive--;
    c.route[id] = RouteCode.OneToOne;
    this.toFallback(id);
    this.oneLine[c.cluster[id]].push(id, c.keyOf(id));
  }

  /** A case routed to a group that goes 1:1 takes the catalogue's fallback intervention. */
  toFallback(id: number): void {
    const iv = this.iv;
    if (iv !== null && iv.form[this.cases.intervention[id]] === FORM_GROUP) this.cases.intervention[id] = iv.fallback;
  }

  /** Patience runs out: the family withdraws if the case still waits. */
  withdraw(id: number, t: number): void {
    const c = this.cases;
    if (c.state[id] !== CaseState.Waiting) return;
    this.lineOf(id).alive--;
    this.rec.waiting[c.cluster[id]]--;
    this.close(id, t, OutcomeCode.Withdrawn);
    this.rec.count(c.cluster[id], F.withdrawn);
  }

  /** First contact: the wait ends. The caller books the first session's slot. */
  begin(id: number, t: number, practitioner: number, bucket: number): void {
    const c = this.cases;
    if (c.patience[id] >= 0) {
      if (c.renege[id] >= 0) this.queue.cancel(c.renege[id]);
      c.renege[id] = -1;
    }
    c.state[id] = CaseState.Open;
    c.firstDay[id] = t;
    c.practitioner[id] = practitioner;
    c.bucket[id] = bucket;
    this.rec.waiting[c.cluster[id]]--;
    this.rec.count(c.cluster[id], F.started);
  }

  /** Starts a 1:1 or MHST+ case: first session (`slots` slots, face to face) attended today in `cluster`'s time. */
  startCase(id: number, t: number, p: number, b: number, cluster: number, slots = 1): void {
    this.begin(id, t, p, b);
    this.hold(id, p, b);
    this.cases.booked[id]++;
    this.attend(id, t, p, cluster, slots);
  }

  /** A colleague picks up a handed-over case: it joins their caseload, session today. */
  pickUp(id: number, t: number, p: number, b: number, cluster: number, slots = 1): void {
    const c = this.cases;
    this.handedOver--;
    c.practitioner[id] = p;
    c.bucket[id] = b;
    this.hold(id, p, b);
    this.session(id, t, p, cluster, slots);
  }

  private hold(id: number, p: number, b: number): void {
    this.open[b].push(id);
    this.load[p]++;
  }

  /**
   * Holds a booked session: a DNA wastes the slot and rebooks one interval on; otherwise the
   * session counts, and the case ends after its last one. Returns true when the case ended.
   */
  session(id: number, t: number, p: number, cluster: number, slots = 1): boolean {
    const c = this.cases;
    const k = c.booked[id]++;
    if (this.dna.first(c.serial[id], k) < this.dnaShare) {
      c.dnas[id]++;
      this.book(id, t + this.interval(id));
      this.rec.slots(cluster, p, A.dna, slots);
      return false;
    }
    return this.attend(id, t, p, cluster, slots);
  }

  private attend(id: number, t: number, p: number, cluster: number, slots: number): boolean {
    const c = this.cases;
    const plus = c.route[id] === RouteCode.Plus;
    c.sessions[id]++;
    this.rec.slots(cluster, p, plus ? A.mhstPlus : A.oneToOne, slots);
    this.rec.count(c.cluster[id], F.contacts);
    if (plus && c.sessions[id] === c.plusAssessment[id] && c.plusNeeded[id] > c.plusAssessment[id]) {
      // Assessed and offered an intervention: off the caseload, onto the team's intervention line.
      this.release(id);
      c.state[id] = CaseState.Between;
      c.practitioner[id] = -1;
      c.bucket[id] = -1;
      c.assessedDay[id] = t;
      this.assessed.push(id);
      return true;
    }
    const early = !plus && c.stepUpEarly[id] === 1 && c.sessions[id] === this.earlyAfter;
    if (early || c.sessions[id] >= (plus ? c.plusNeeded[id] : c.needed[id])) {
      this.release(id);
      if (early) {
        c.stepUp[id] = 1;
        c.stepUpAt[id] = StepUpAt.Early;
      }
      this.discharge(id, t);
      return true;
    }
    this.book(id, t + this.interval(id));
    return false;
  }

  /** Puts the children assessed on earlier days on their team's intervention line. */
  queueAssessed(): void {
    const c = this.cases;
    for (const id of this.assessed) this.plusNextLine[this.teamOf(id)].push(id, orderKey(c.urgent[id] === 1, c.assessedDay[id], c.serial[id]));
    this.assessed.length = 0;
  }

  /** An assessed MHST+ child starts the intervention package: first session attended today. */
  resume(id: number, t: number, p: number, b: number, cluster: number): void {
    const c = this.cases;
    c.state[id] = CaseState.Open;
    c.practitioner[id] = p;
    c.bucket[id] = b;
    c.interventionDay[id] = t;
    this.hold(id, p, b);
    c.booked[id]++;
    this.attend(id, t, p, cluster, 1);
  }

  private book(id: number, day: number): void {
    const c = this.cases;
    c.due[id] = upToFar(day);
    if (day < this.nextDue[c.bucket[id]]) this.nextDue[c.bucket[id]] = day;
  }

  /** Takes an open case off its practitioner's caseload. */
  private release(id: number): void {
    const c = this.cases;
    const b = c.bucket[id];
    removeFrom(this.open[b], id);
    this.load[c.practitioner[id]]--;
  }

  /** A holder leaves: each open case goes to the hand-over line of its cluster (MHST+: team). */
  handOver(p: number): void {
    const c = this.cases;
    for (const b of this.st.bucketsOf[p]) {
      for (const id of this.open[b]) {
        c.practitioner[id] = -1;
        c.bucket[id] = -1;
        (c.route[id] === RouteCode.Plus ? this.plusHandLine[this.teamOf(id)] : this.handLine[c.cluster[id]]).push(id, c.keyOf(id));
        this.handedOver++;
      }
      this.load[p] -= this.open[b].length;
      this.open[b].length = 0;
      this.nextDue[b] = 0x7fffffff;
    }
  }

  /** Ends a started case: stepped up or completed. */
  discharge(id: number, t: number): void {
    const c = this.cases;
    const up = c.stepUp[id] === 1;
    if (up && c.stepUpAt[id] === StepUpAt.None) c.stepUpAt[id] = StepUpAt.End;
    this.close(id, t, up ? OutcomeCode.SteppedUp : OutcomeCode.Completed);
    this.rec.count(c.cluster[id], up ? F.steppedUp : F.completed);
  }

  private close(id: number, t: number, outcome: number): void {
    this.cases.state[id] = CaseState.Closed;
    this.cases.outcome[id] = outcome;
    this.cases.endDay[id] = t;
  }
}

/** Removes id from the list, keeping the order of the rest (no array is made, as splice would). */
function removeFrom(list: number[], id: number): void {
  const last = list.length - 1;
  let i = list.indexOf(id);
  if (i < 0) i = last; // as splice(-1, 1)
  for (; i < last; i++) list[i] = list[i + 1];
  list.pop();
}
