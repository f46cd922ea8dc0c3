/**
 * Runtime state of one replication and the case-flow rules:
 * - referral → triage after triageDays (signposted ones leave) → consent after consentDays
 *   (declined ones leave) → a waiting line: MHST+ eligible cases go to their team's MHST+ line
 *   when MHST+ is enabled and the team has an MHST+ practitioner; group-suited cases (groups
 *   enabled) to their cluster's group line; the rest to their cluster's 1:1 line;
 * - lines serve urgent cases first, FIFO within priority; a case still waiting when its
 *   patience runs out is withdrawn;
 * - the first contact ends the wait and always counts as attended; later sessions are booked
 *   every sessionIntervalDays and a DNA (dnaShare) wastes the slot and rebooks the session one
 *   interval later;
 *   a session due on a day without a free slot moves to the next allocated day;
 * - after its last session a case is stepped up (stepUpShare) or completed.
 * Open cases stay with their post: if it falls vacant they wait for the new holder.
 */

import type { ServiceModel } from "./config.js";
import type { SchoolCalendar } from "./calendar.js";
import { CaseState, CaseTable, OutcomeCode, RouteCode } from "./cases.js";
import type { Stream } from "./draws.js";
import { F, Recorder } from "./recorder.js";
import type { Structure } from "./structure.js";
import { A, type TaskSchedule } from "./tasks.js";
import { WaitLine } from "./wait-line.js";
import type { Simulation } from "../engine/index.js";

/** Mutable state of one run. Built by `simulate`, driven by its events. */
export class Run {
  readonly model: ServiceModel;
  readonly cal: SchoolCalendar;
  readonly st: Structure;
  readonly cases: CaseTable;
  readonly rec: Recorder;
  readonly sim: Simulation;
  readonly tasks: TaskSchedule;
  /** Slots each cluster task still needs, and the first unfinished task of each cluster. */
  readonly taskLeft: Int32Array;
  readonly taskHead: Int32Array;
  /** Post status by day (see workforce.ts). */
  readonly status: readonly (Uint8Array | null)[];
  readonly dna: Stream;
  /** 1:1 lines per cluster; group lines per cluster; MHST+ lines per team. */
  readonly oneLine: WaitLine[];
  readonly groupLine: WaitLine[];
  readonly plusLine: WaitLine[];
  /** Open cases of each caseload bucket, in the order they started. */
  readonly open: number[][];
  /** Earliest due day of each bucket's open cases (a lower bound; lets the day loop skip a bucket). */
  readonly nextDue: Int32Array;
  /** Caseload units held by each bucket (cases, plus slotsPerSession per running group). */
  readonly load: Int32Array;
  /** Supervision and admin slots each practitioner still owes this week. */
  readonly supLeft: Int32Array;
  readonly adminLeft: Int32Array;
  /** Fractional virtual slots carried to the practitioner's next out-of-term day. */
  readonly carry: Float64Array;
  renegeKind = -1;
  readonly isLive = (id: number): boolean => this.cases.state[id] === CaseState.Waiting;

  constructor(model: ServiceModel, cal: SchoolCalendar, st: Structure, cases: CaseTable, tasks: TaskSchedule, status: (Uint8Array | null)[], dna: Stream, sim: Simulation) {
    this.model = model;
    this.cal = cal;
    this.st = st;
    this.cases = cases;
    this.tasks = tasks;
    this.status = status;
    this.dna = dna;
    this.sim = sim;
    this.rec = new Recorder(model.clusters.length, model.practitioners.length, cal.weeks);
    this.taskLeft = tasks.slots.slice();
    this.taskHead = tasks.start.slice(0, model.clusters.length);
    const nC = model.clusters.length;
    this.oneLine = Array.from({ length: nC }, () => new WaitLine());
    this.groupLine = Array.from({ length: nC }, () => new WaitLine());
    this.plusLine = model.teams.map(() => new WaitLine());
    this.open = st.buckets.map(() => []);
    this.load = new Int32Array(st.buckets.length);
    this.nextDue = new Int32Array(st.buckets.length).fill(0x7fffffff);
    const nP = model.practitioners.length;
    this.supLeft = new Int32Array(nP);
    this.adminLeft = new Int32Array(nP);
    this.carry = new Float64Array(nP);
  }

  /** A referral reaches the team (initial cases skip triage and consent). */
  arrive(id: number, t: number): void {
    const c = this.cases;
    if (c.initial[id]) {
      c.triageDay[id] = t;
      c.consentDay[id] = t;
      this.join(id);
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
    this.join(id);
  }

  /** Puts a consented case on its route's line: MHST+ (team), group or 1:1 (cluster). */
  private join(id: number): void {
    const c = this.cases;
    const m = this.model;
    const cl = c.cluster[id];
    if (c.plusEligible[id] && m.mhstPlus.enabled && this.st.teamHasPlus[c.team[id]]) c.route[id] = RouteCode.Plus;
    else if (m.groups.enabled && c.suitable[id]) c.route[id] = RouteCode.Group;
    else c.route[id] = RouteCode.OneToOne;
    c.state[id] = CaseState.Waiting;
    this.lineOf(id).push(id, c.urgent[id] ? 0 : 1);
    this.rec.waiting[cl]++;
    if (c.patience[id] >= 0) c.renege[id] = this.sim.after(c.patience[id], this.renegeKind, id);
  }

  lineOf(id: number): WaitLine {
    const c = this.cases;
    const r = c.route[id];
    return r === RouteCode.Plus ? this.plusLine[c.team[id]] : r === RouteCode.Group ? this.groupLine[c.cluster[id]] : this.oneLine[c.cluster[id]];
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
    if (c.renege[id] >= 0) this.sim.cancel(c.renege[id]);
    c.renege[id] = -1;
    c.state[id] = CaseState.Open;
    c.firstDay[id] = t;
    c.practitioner[id] = practitioner;
    c.bucket[id] = bucket;
    this.rec.waiting[c.cluster[id]]--;
    this.rec.count(c.cluster[id], F.started);
  }

  /** Starts a 1:1 or MHST+ case: first session attended today in `cluster`'s slot. */
  startCase(id: number, t: number, p: number, b: number, cluster: number): void {
    this.begin(id, t, p, b);
    this.open[b].push(id);
    this.load[b]++;
    this.attend(id, t, p, cluster);
  }

  /**
   * Holds a booked session: a DNA wastes the slot and rebooks one interval on; otherwise the
   * session counts, and the case ends after its last one. Returns true when the case ended.
   */
  session(id: number, t: number, p: number, cluster: number): boolean {
    const c = this.cases;
    if (this.dna.next() < this.model.casework.dnaShare) {
      c.dnas[id]++;
      c.due[id] = t + this.model.casework.sessionIntervalDays;
      this.rec.slots(cluster, p, A.dna, 1);
      return false;
    }
    return this.attend(id, t, p, cluster);
  }

  private attend(id: number, t: number, p: number, cluster: number): boolean {
    const c = this.cases;
    const plus = c.route[id] === RouteCode.Plus;
    c.sessions[id]++;
    this.rec.slots(cluster, p, plus ? A.mhstPlus : A.oneToOne, 1);
    this.rec.count(c.cluster[id], F.contacts);
    if (c.sessions[id] >= (plus ? c.plusNeeded[id] : c.needed[id])) {
      const b = c.bucket[id];
      const list = this.open[b];
      list.splice(list.indexOf(id), 1);
      this.load[b]--;
      this.discharge(id, t);
      return true;
    }
    c.due[id] = t + this.model.casework.sessionIntervalDays;
    if (c.due[id] < this.nextDue[c.bucket[id]]) this.nextDue[c.bucket[id]] = c.due[id];
    return false;
  }

  /** Ends a started case: stepped up or completed. */
  discharge(id: number, t: number): void {
    const c = this.cases;
    const up = c.stepUp[id] === 1;
    this.close(id, t, up ? OutcomeCode.SteppedUp : OutcomeCode.Completed);
    this.rec.count(c.cluster[id], up ? F.steppedUp : F.completed);
  }

  private close(id: number, t: number, outcome: number): void {
    this.cases.state[id] = CaseState.Closed;
    this.cases.outcome[id] = outcome;
    this.cases.endDay[id] = t;
  }
}
