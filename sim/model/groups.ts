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
 * (0-based) on in-term day floor(k·n/perClusterPerTerm) of the term (n in-term days) or the
 * first segment after it with the slots, with the children waiting however few (at least one);
 * planned groups form in term only. `whenEnough`: a group forms whenever minChildren wait, no quota.
 */

import { CaseState, RouteCode, upToFar } from "./cases.js";
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
  /** Out-of-term slots already put towards each group's next (virtual) session. */
  private readonly paid: number[] = [];
  /** Programme of each group (Run.programmes). */
  private readonly prog: number[] = [];
  /** Running groups of each caseload bucket. */
  readonly byBucket: number[][];
  /** Term instance and groups formed in it, per cluster (planned formation). */
  private readonly termOf: Int32Array;
  private readonly formed: Int32Array;

  constructor(run: Run) {
    this.run = run;
    this.byBucket = run.st.buckets.map(() => []);
    const n = run.model.clusters.length * run.programmes.length;
    this.termOf = new Int32Array(n).fill(-1);
    this.formed = new Int32Array(n);
  }

  /**
   * Runs the bucket's groups due today; returns the slots left. Out of term (virtual groups)
   * a session's slots may be gathered over several days: each day's free slots go towards it
   * and it is held on the day they reach `slotsPerSession`.
   */
  runDue(b: number, t: number, p: number, c: number, free: number, inTerm = true): number {
    const list = this.byBucket[b];
    const progs = this.run.programmes;
    for (let i = 0; i < list.length && free > 0; ) {
      const g = list[i];
      const pg = progs[this.prog[g]];
      const sps = pg.slotsPerSession;
      // In term a session needs its slots on the day; out of term only a virtual group meets.
      if (this.due[g] > t || (inTerm ? free < sps : !pg.virtual)) {
        i++;
        continue;
      }
      const need = sps - this.paid[g];
      if (!inTerm && free < need) {
        this.paid[g] += free;
        this.run.rec.slots(c, p, A.group, free);
        free = 0;
        break;
      }
      free -= need;
      if (this.paid[g] > 0) this.run.rec.slots(c, p, A.group, need);
      if (this.hold(g, t, p, c, b, this.paid[g] === 0)) {
        // The group leaves the list (no array is made, as splice would); the next slides into position i.
        for (let j = i + 1; j < list.length; j++) list[j - 1] = list[j];
        list.pop();
      }
      else i++;
      this.paid[g] = 0;
    }
    return free;
  }

  /**
   * Forms groups of each programme the practitioner runs, from the cluster's line (the team's
   * for a programme open across the team), while the rules allow; returns the slots left.
   */
  form(b: number, t: number, p: number, c: number, free: number, inTerm: boolean, cap: number): number {
    const run = this.run;
    const bit = run.tasks.roleBit[p];
    for (let q = 0; q < run.programmes.length && free > 0; q++) {
      const pg = run.programmes[q];
      if ((pg.roleMask & bit) === 0 || (!inTerm && !pg.virtual)) continue;
      free = this.formOf(q, b, t, p, c, free, inTerm, cap);
    }
    return free;
  }

  private formOf(q: number, b: number, t: number, p: number, c: number, free: number, inTerm: boolean, cap: number): number {
    const run = this.run;
    const g = run.model.groups;
    const pg = run.programmes[q];
    const line = run.groupLines[q][pg.team ? run.st.clusterTeam[c] : c];
    // Out of term a virtual group may start with fewer free slots: its first session gathers them.
    const least = inTerm ? pg.slotsPerSession : 1;
    // A planned group starts on its day with whoever waits; otherwise minChildren must wait.
    const planned = g.formation === "planned";
    const enough = planned ? 1 : pg.minChildren;
    while (line.alive >= enough && line.alive > 0 && free >= least && run.load[p] + pg.slotsPerSession <= cap) {
      if (planned && !this.quotaAllows(q, c, t, inTerm)) break;
      const kids: number[] = [];
      while (kids.length < pg.maxChildren) {
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
      this.paid.push(0);
      this.prog.push(q);
      run.load[p] += pg.slotsPerSession;
      if (free >= pg.slotsPerSession) {
        free -= pg.slotsPerSession;
        if (!this.hold(id, t, p, c, b)) this.byBucket[b].push(id);
      } else {
        this.byBucket[b].push(id);
        free = this.runDue(b, t, p, c, free, false);
      }
    }
    return free;
  }

  private quotaAllows(q: number, cluster: number, t: number, inTerm: boolean): boolean {
    if (!inTerm) return false;
    const cal = this.run.cal;
    const c = q * this.run.model.clusters.length + cluster;
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

  /** Holds one session of group g today (booking its slots unless already gathered); returns true when it was the last. */
  private hold(g: number, t: number, p: number, c: number, b: number, book = true): boolean {
    const run = this.run;
    const cfg = run.programmes[this.prog[g]];
    if (book) run.rec.slots(c, p, A.group, cfg.slotsPerSession);
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
        const { slotsPerSession: sps, weeks } = run.programmes[this.prog[g]];
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
          c.needed[id] = upToFar(c.sessions[id] + weeks - this.done[g]);
          c.route[id] = RouteCode.OneToOne;
          run.toFallback(id);
          c.practitioner[id] = -1;
          c.bucket[id] = -1;
          run.handLine[c.cluster[id]].push(id, c.keyOf(id));
        }
      }
      list.length = 0;
    }
  }
}
