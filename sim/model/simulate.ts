/**
 * One replication of the MHST model: builds the calendar, the referral stream and the
 * workforce timeline, then drives the engine with few events — a chain of working-day
 * events (the day's referrals, then every practitioner's slots), week-closing events, and
 * per case one triage-outcome event (signposted, or consent decided) and, with patience,
 * one withdrawal event; the per-case events wait in day lists (see day-queue.ts).
 */

import type { ServiceModel } from "./config.js";
import { buildCalendar, type SchoolCalendar } from "./calendar.js";
import { openStreams } from "./draws.js";
import { Groups } from "./groups.js";
import type { RunRecords } from "./records.js";
import { drawReferrals } from "./referrals.js";
import { Run } from "./run.js";
import { workDay, type SegmentAudit } from "./slot-policy.js";
import { makeRunRecords } from "./run-records.js";
import { countUndone, drawSchoolWork } from "./school-work.js";
import { buildStructure, owedWithOffset, type Structure } from "./structure.js";
import { buildTasks, type TaskSchedule } from "./tasks.js";
import { buildWorkforce } from "./workforce.js";
import { buildParts, type Part } from "./parts.js";
import { DayQueue } from "./day-queue.js";
import { upToFar } from "./cases.js";
import { handBack } from "./scratch.js";
import { Simulation } from "../engine/index.js";

// The calendar, indices and task schedule depend on the model only; replications share them.
// Models are immutable (frozen by the scenario loader), so an object is a safe cache key.
const statics = new WeakMap<ServiceModel, { cal: SchoolCalendar; st: Structure; tasks: TaskSchedule; parts?: readonly Part[]; whole?: readonly Part[] }>();

function staticsOf(model: ServiceModel) {
  let s = statics.get(model);
  if (!s) {
    const cal = buildCalendar(model.calendar);
    const st = buildStructure(model);
    s = { cal, st, tasks: buildTasks(model, st, cal) };
    statics.set(model, s);
  }
  return s;
}

/** The model's parts (cached with its statics); postsPerPart 0 gives the whole service as one part. */
function partsOf(model: ServiceModel, st: Structure, postsPerPart?: number): readonly Part[] {
  const s = staticsOf(model);
  if (postsPerPart === 0) return (s.whole ??= buildParts(model, st, 0));
  return (s.parts ??= buildParts(model, st));
}

/** Part of each practitioner's index (parts hold consecutive ranges, in order). */
function partIndex(parts: readonly Part[], p: number): number {
  let k = 0;
  while (parts[k].practitionerTo <= p) k++;
  return k;
}

/**
 * Indices 0 … n − 1 split into `groups` ascending lists, index i going to group
 * groupOfKey[key[i]]. Each loop over the indices is a function of its own, optimised as a
 * whole (a replication runs this once; see drawReferrals in referrals.ts).
 */
function split(n: number, groups: number, key: Int32Array, groupOfKey: Int32Array): Int32Array[] {
  if (groups === 1) return [iota(n)];
  const size = new Int32Array(groups + 1);
  countGroups(n, key, groupOfKey, size);
  for (let g = 0; g < groups; g++) size[g + 1] += size[g];
  const all = placeInGroups(n, key, groupOfKey, size.slice(0, groups));
  return Array.from({ length: groups }, (_, g) => all.subarray(size[g], size[g + 1]));
}

/** 0, 1, …, n − 1. */
function iota(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** The size of group g into size[g + 1]. */
function countGroups(n: number, key: Int32Array, groupOfKey: Int32Array, size: Int32Array): void {
  for (let i = 0; i < n; i++) size[groupOfKey[key[i]] + 1]++;
}

/** The indices in group order (ascending within a group), from each group's first position `at` (advanced). */
function placeInGroups(n: number, key: Int32Array, groupOfKey: Int32Array, at: Int32Array): Int32Array {
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[at[groupOfKey[key[i]]]++] = i;
  return all;
}

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Master seed of the experiment. */
  readonly seed: number;
  /** Replication index (0, 1, …); with the seed it fixes every random stream. */
  readonly replication: number;
  /** Called at the end of every practitioner segment (for the work-conserving check). */
  readonly audit?: (a: SegmentAudit) => void;
  /**
   * Simulates the whole service day by day instead of part by part (sim/model/parts.ts): the
   * same records, more slowly for a large service. For tests that the parts change nothing.
   */
  readonly wholeService?: boolean;
}

/**
 * Simulates one replication of a service over its horizon (`calendar.years` school years, or `calendar.horizonDays`).
 *
 * Same model, seed and replication → identical records. Streams are named by mechanism
 * (referrals, triage, consent, sessions, dna, withdrawal, workforce, groups), so changing
 * staffing leaves the referral stream and each case's own draws unchanged. The record
 * arrays are built on first access (then cached); `computeKpis` does not need them. The
 * model must not be mutated after its first run (static indices are cached per model object).
 *
 * Cost: about a millisecond per team-year (see the report in the commit log).
 * @returns flat case, cluster-week and practitioner-week records.
 * @throws RangeError naming the field when the model refers to an unknown id or is malformed.
 * @example
 * const out = simulate(model, { seed: 2026, replication: 0 });
 * computeKpis(out).waitWeeksMean;
 */
export function simulate(model: ServiceModel, options: SimulateOptions): RunRecords {
  const { cal, st, tasks } = staticsOf(model);
  const rs = openStreams(options.seed, options.replication);
  // Consultations and requests on demand are drawn per replication, so their tasks are too.
  const work = drawSchoolWork(model, cal, rs);
  const tk = work ? buildTasks(model, st, cal, work) : tasks;
  const parts = partsOf(model, st, options.wholeService ? 0 : undefined);
  const partOf = new Int32Array(model.clusters.length);
  parts.forEach((q, k) => partOf.fill(k, q.clusterFrom, q.clusterTo));
  // Each part's cases together in the table, so that a part's run keeps to its own stretch of every column (cache).
  const { cases, ageLabels, fromConsultation, draws } = drawReferrals(model, st, cal, rs, tasks.schoolMeetings, work, parts.length > 1 ? partOf : null);
  const wf = buildWorkforce(model, cal, rs);
  const H = cal.horizonDays;
  const sim = new Simulation();
  const run = new Run(model, cal, st, cases, tk, wf, rs.keyed.dna, sim, draws, new DayQueue(sim, H));
  const groups = new Groups(run);
  // Each part's children (in id order, so in referral order) and its posts' leaving days.
  const members = split(cases.n, parts.length, cases.cluster, partOf);
  const leavesOf: (readonly [number, number])[][] = parts.map(() => []);
  for (const l of wf.leaves) leavesOf[partIndex(parts, l[1])].push(l);
  let events = 0;
  let clockEvents = 0;
  for (let k = 0; k < parts.length; k++) {
    const q = parts[k];
    const ids = members[k];
    const sim = k === 0 ? run.sim : (run.sim = new Simulation());
    const queue = k === 0 ? run.queue : (run.queue = new DayQueue(sim, H));
    run.daySegments = q.daySegments;
    run.leaves = leavesOf[k];
    run.nextLeave = 0;
    run.rec.beginPart(q.clusterFrom, q.clusterTo, q.practitionerFrom, q.practitionerTo);
    const consent = queue.defineEvent((id) => run.consent(id, sim.now));
    const signpost = queue.defineEvent((id) => run.signpost(id, sim.now));
    const stepUp = queue.defineEvent((id) => run.stepUpAtTriage(id, sim.now));
    run.renegeKind = queue.defineEvent((id) => run.withdraw(id, sim.now));
    run.groupWaitKind = queue.defineEvent((id) => run.groupWaitOver(id));
    // A referral's triage and consent delays are drawn up front, so one event settles it.
    const admit = (id: number, t: number) => {
      run.arrive(id, t);
      if (cases.initial[id]) return;
      const triaged = t + cases.triageDelay[id];
      if (cases.signpost[id]) {
        if (triaged === t) run.signpost(id, t);
        else queue.at(triaged, signpost, id);
        return;
      }
      if (cases.stepUpTriage[id]) {
        if (triaged === t) run.stepUpAtTriage(id, t);
        else queue.at(triaged, stepUp, id);
        return;
      }
      cases.triageDay[id] = upToFar(triaged);
      draws.consent(id);
      const consented = triaged + cases.consentDelay[id];
      if (consented === t) run.consent(id, t);
      else queue.at(consented, consent, id);
    };
    let termWeeks = 0;
    let ticks = 0;
    const week = sim.defineEvent("week", (w) => {
      ticks++;
      if (w > 0) run.rec.closeWeek(w);
      else run.rec.setWeek(w);
      if (cal.termWeek[7 * w] === 1) {
        const k = termWeeks++;
        for (let i = q.seatFrom; i < q.seatTo; i++) {
          run.supLeft[i] = owedWithOffset(st.seatSupervision[i], k, st.seatOffset[i]);
          run.adminLeft[i] = owedWithOffset(st.seatAdmin[i], k, st.seatOffset[i]);
        }
      } else {
        run.supLeft.fill(0, q.seatFrom, q.seatTo);
        run.adminLeft.fill(0, q.seatFrom, q.seatTo);
      }
      if (w + 1 < cal.weeks) sim.at(7 * (w + 1), week, w + 1, -2);
    });
    let next = 0;
    while (next < ids.length && cases.initial[ids[next]]) admit(ids[next++], 0);
    const day = sim.defineEvent("day", (t) => {
      ticks++;
      // Referrals arrive on school days (in-term days, or link-meeting days).
      while (next < ids.length && cases.referralDay[ids[next]] <= t) admit(ids[next++], t);
      workDay(run, groups, t, options.audit);
      let d = t + 1;
      while (d < H && !cal.working[d]) d++;
      if (d < H) sim.at(d, day, d, 1);
    });

    sim.at(0, week, 0, -2);
    let first = 0;
    while (first < H && !cal.working[first]) first++;
    if (first < H) sim.at(first, day, first, 1);
    sim.run(H - 1);
    run.rec.closeWeek();
    events += queue.eventsOf(sim) - ticks;
    clockEvents = ticks;
  }
  // Counted as one service-wide calendar counts them: the day and week events once.
  events += clockEvents;
  handBack(...members);
  if (work || model.wholeSchool) countUndone(run.rec.cw, run.rec.nC, run.rec.weeks, H, tk, run.taskLeft, fromConsultation, cases.referralDay, cases.cluster);
  return makeRunRecords({ model, cases, ageLabels, rec: run.rec, clusterTeam: st.clusterTeam, horizonDays: H }, events);
}
