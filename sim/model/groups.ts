/**
 * Group work. Suitable routine cases wait on their cluster's group line (urgent ones go to
 * 1:1 at once). A group forms on a practitioner's allocated day in the cluster when at least
 * `minChildren` wait (it takes up to `maxChildren`, longest waiting first), the day has
 * `slotsPerSession` free slots and the practitioner's caseload has room for the group (a
 * running group counts as `slotsPerSession` cases, as in Ealing's "a group counts as 2–3
 * cases"). A child for whom no group has started `maxWaitWeeks` after referral moves to the
 * cluster's 1:1 line (see run.ts). When the practitioner leaves, a running group passes to a
 * colleague working in the cluster; with none, its children go on 1:1 for the sessions left. Sessions are
 * weekly on that practitioner's allocated days (a session due on a day without
 * `slotsPerSession` free slots moves to the next allocated day); every child starts at the
 * first session and ends at the last. In-school groups run in term only; with
 * `groups.virtual` they also run (and form) outside term on virtual slots.
 *
 * `planned` formation: at most perClusterPerTerm groups form per cluster per term, the k-th
 * (0-based) not before in-term day floor(k·n/perClusterPerTerm) of the term (n in-term days);
 * planned groups form in term only. `whenEnough`: no quota.
 */

import { CaseState, RouteCode } from "./cases.js";
import { F } from "./recorder.js";
import type { Run } from "./run.js";
import { A } from "./tasks.js";

/** Running groups and planning quotas of one run. */
export class Groups {
  private readonly run: Run;
  /** Practitioner, cluster, next session day, sessions held and children of each group. */
  private readonly members: number[][] = [];
  private readonly due: number[] = [];
  private readonly done: number[] = [];
  private readonly active: number[] = [];
  private readonly owner: number[] = [];
  /** Running groups of each caseload bucket. */
  readonly byBucket: number[][];
  /** Term instance and groups formed in it, per cluster (planned formation). */
  private readonly termOf: Int32Array;
  private readonly formed: Int32Array;

  constructor(run: Run) {
    this.run = run;
    this.byBucket = run.st.buckets.map(() => []);
    this.termOf = new Int32Array(run.model.clusters.length).fill(-1);
    this.formed = new Int32Array(run.model.clusters.length);
  }

  /** Runs the bucket's groups due today; returns the slots left. */
  runDue(b: number, t: number, p: number, c: number, free: number): number {
    const list = this.byBucket[b];
    const sps = this.run.model.groups.slotsPerSession;
    for (let i = 0; i < list.length && free >= sps; ) {
      const g = list[i];
      if (this.due[g] > t) {
        i++;
        continue;
      }
      free -= sps;
      if (this.hold(g, t, p, c, b)) list.splice(i, 1);
      else i++;
    }
    return free;
  }

  /** Forms groups from the cluster's line while the rules allow; returns the slots left. */
  form(b: number, t: number, p: number, c: number, free: number, inTerm: boolean, cap: number): number {
    const run = this.run;
    const g = run.model.groups;
    const line = run.groupLine[c];
    while (line.alive >= g.minChildren && line.alive > 0 && free >= g.slotsPerSession && run.load[p] + g.slotsPerSession <= cap) {
      if (g.formation === "planned" && !this.quotaAllows(c, t, inTerm)) break;
      const kids: number[] = [];
      while (kids.length < g.maxChildren) {
        const id = line.pop(run.isWaitingGroup);
        if (id < 0) break;
        run.begin(id, t, p, b);
        kids.push(id);
      }
      const id = this.members.push(kids) - 1;
      this.due.push(t);
      this.done.push(0);
      this.active.push(1);
      this.owner.push(p);
      run.load[p] += g.slotsPerSession;
      free -= g.slotsPerSession;
      if (!this.hold(id, t, p, c, b)) this.byBucket[b].push(id);
    }
    return free;
  }

  private quotaAllows(c: number, t: number, inTerm: boolean): boolean {
    if (!inTerm) return false;
    const cal = this.run.cal;
    const k = cal.termInstance[t];
    if (this.termOf[c] !== k) {
      this.termOf[c] = k;
      this.formed[c] = 0;
    }
    const per = this.run.model.groups.perClusterPerTerm;
    if (this.formed[c] >= per) return false;
    const days = cal.terms[k].days;
    if (t < days[Math.floor((this.formed[c] * days.length) / per)]) return false;
    this.formed[c]++;
    return true;
  }

  /** Holds one session of group g today; returns true when it was the last. */
  private hold(g: number, t: number, p: number, c: number, b: number): boolean {
    const run = this.run;
    const cfg = run.model.groups;
    run.rec.slots(c, p, A.group, cfg.slotsPerSession);
    run.rec.count(c, F.groupSessions);
    const kids = this.members[g];
    for (const id of kids) run.cases.sessions[id]++;
    if (++this.done[g] < cfg.weeks) {
      this.due[g] = t + 7;
      return false;
    }
    for (const id of kids) if (run.cases.state[id] === CaseState.Open) run.discharge(id, t);
    run.load[this.owner[g]] -= cfg.slotsPerSession;
    this.active[g] = 0;
    return true;
  }

  /** Practitioner p leaves: each running group passes to a colleague in its cluster, or its children go on 1:1. */
  handOver(p: number): void {
    const run = this.run;
    const sps = run.model.groups.slotsPerSession;
    const weeks = run.model.groups.weeks;
    const c = run.cases;
    for (const b of run.st.bucketsOf[p]) {
      const list = this.byBucket[b];
      if (list.length === 0) continue;
      const cluster = run.st.buckets[b].cluster;
      let to = -1;
      for (const nb of run.st.clusterBuckets[cluster]) {
        const q = run.st.buckets[nb].practitioner;
        if (q !== p && run.st.doesGroup[q]) { to = nb; break; }
      }
      for (const g of list) {
        run.load[p] -= sps;
        if (to >= 0) {
          const q = run.st.buckets[to].practitioner;
          this.owner[g] = q;
          run.load[q] += sps;
          this.byBucket[to].push(g);
          for (const id of this.members[g]) c.practitioner[id] = q;
          continue;
        }
        this.active[g] = 0;
        for (const id of this.members[g]) {
          if (c.state[id] !== CaseState.Open) continue;
          c.needed[id] = c.sessions[id] + weeks - this.done[g];
          c.route[id] = RouteCode.OneToOne;
          c.practitioner[id] = -1;
          c.bucket[id] = -1;
          run.handLine[c.cluster[id]].push(id, c.key[id]);
        }
      }
      list.length = 0;
    }
  }
}
