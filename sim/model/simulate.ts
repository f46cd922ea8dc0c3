/**
 * One replication of the MHST model: builds the calendar, the referral stream and the
 * workforce timeline, then drives the engine with few events — a chain of working-day
 * events (every practitioner's slots for the day), week-closing events, and per case an
 * arrival, a triage, a consent and (with patience) a withdrawal event.
 */

import { NEEDS, type ServiceModel } from "./config.js";
import { buildCalendar } from "./calendar.js";
import { CaseState, ROUTE_NAMES } from "./cases.js";
import { workDay } from "./day.js";
import { openStreams } from "./draws.js";
import { Groups } from "./groups.js";
import type { CaseRecord, Outcome, RunRecords } from "./records.js";
import { drawReferrals } from "./referrals.js";
import { Run } from "./run.js";
import { buildStructure } from "./structure.js";
import { buildTasks } from "./tasks.js";
import { buildWorkforce } from "./workforce.js";
import { Simulation } from "../engine/index.js";

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Master seed of the experiment. */
  readonly seed: number;
  /** Replication index (0, 1, …); with the seed it fixes every random stream. */
  readonly replication: number;
}

const OUTCOMES: readonly Outcome[] = ["open", "signposted", "declined", "withdrawn", "completed", "steppedUp"];

/**
 * Simulates one replication of a service over `calendar.years` school years.
 *
 * Same model, seed and replication → identical records. Streams are named by mechanism
 * (referrals, triage, consent, sessions, dna, withdrawal, workforce, groups), so changing
 * staffing leaves the referral stream and each case's own draws unchanged.
 *
 * @returns flat case, cluster-week and practitioner-week records.
 * @throws RangeError naming the field when the model refers to an unknown id or is malformed.
 * @example
 * const out = simulate(model, { seed: 2026, replication: 0 });
 * computeKpis(out).waitWeeksMean;
 */
export function simulate(model: ServiceModel, options: SimulateOptions): RunRecords {
  const cal = buildCalendar(model.calendar);
  const st = buildStructure(model);
  const rs = openStreams(options.seed, options.replication);
  const tasks = buildTasks(model, st, cal);
  const { cases, ageLabels } = drawReferrals(model, st, cal, rs, tasks.schoolMeetings);
  const status = buildWorkforce(model, cal, rs);
  const sim = new Simulation();
  const run = new Run(model, cal, st, cases, tasks, status, rs.dna, sim);
  const groups = new Groups(run);
  const H = cal.horizonDays;
  const n = cases.n;

  const consent = sim.defineEvent("consent", (id) => run.consent(id, sim.now));
  const triage = sim.defineEvent("triage", (id) => {
    if (run.triage(id, sim.now)) sim.after(cases.consentDelay[id], consent, id);
  });
  const arrive = sim.defineEvent("arrive", (id) => {
    run.arrive(id, sim.now);
    if (!cases.initial[id]) sim.after(cases.triageDelay[id], triage, id);
    if (id + 1 < n) sim.at(cases.referralDay[id + 1], arrive, id + 1);
  });
  run.renegeKind = sim.defineEvent("withdraw", (id) => run.withdraw(id, sim.now));
  const week = sim.defineEvent("week", (w) => {
    if (w > 0) run.rec.close(w - 1);
    const owed = cal.termWeek[7 * w] === 1;
    run.supLeft.fill(owed ? model.meetings.supervisionSlotsPerWeek : 0);
    run.adminLeft.fill(owed ? model.meetings.adminSlotsPerWeek : 0);
    if (w + 1 < cal.weeks) sim.at(7 * (w + 1), week, w + 1, -2);
  });
  const day = sim.defineEvent("day", (t) => {
    workDay(run, groups, t);
    let next = t + 1;
    while (next < H && !cal.working[next]) next++;
    if (next < H) sim.at(next, day, next, 1);
  });

  sim.at(0, week, 0, -2);
  if (n > 0) sim.at(cases.referralDay[0], arrive, 0);
  let first = 0;
  while (first < H && !cal.working[first]) first++;
  if (first < H) sim.at(first, day, first, 1);
  sim.run(H - 1);
  run.rec.close(cal.weeks - 1);

  const records: CaseRecord[] = new Array(n);
  const { model: m } = run;
  for (let i = 0; i < n; i++) {
    const s = cases.state[i];
    const p = cases.practitioner[i];
    const nullable = (v: number) => (v < 0 ? null : v);
    records[i] = {
      id: i,
      school: m.schools[cases.school[i]].id,
      cluster: m.clusters[cases.cluster[i]].id,
      team: m.teams[cases.team[i]].id,
      need: NEEDS[cases.need[i]],
      ageBand: ageLabels[cases.age[i]],
      priority: cases.urgent[i] ? "urgent" : "routine",
      mhstPlusEligible: cases.plusEligible[i] === 1,
      initial: cases.initial[i] === 1,
      referralDay: cases.referralDay[i],
      triageDay: nullable(cases.triageDay[i]),
      consentDay: nullable(cases.consentDay[i]),
      firstContactDay: nullable(cases.firstDay[i]),
      endDay: nullable(cases.endDay[i]),
      outcome:
        s === CaseState.Closed ? OUTCOMES[cases.outcome[i]] : s === CaseState.Waiting ? "waiting" : s === CaseState.Open ? "open" : "inTriage",
      route: ROUTE_NAMES[cases.route[i]],
      practitioner: p < 0 ? null : m.practitioners[p].id,
      sessions: cases.sessions[i],
      dnas: cases.dnas[i],
    };
  }
  return { cases: records, weeks: run.rec.weeks, practitionerWeeks: run.rec.practitionerWeeks, events: sim.eventsExecuted, horizonDays: H };
}
