/**
 * The {@link RunRecords} a run returns: the flat record arrays are built on first access
 * from the run's columnar data (typed arrays), then cached. Runs whose caller only needs
 * KPIs never allocate a record object; `computeKpis` reads the columns directly.
 */

import { NEEDS, type ServiceModel } from "./config.js";
import { CaseState, RouteCode, ROUTE_NAMES, STEP_UP_NAMES, type CaseTable } from "./cases.js";
import { standardDaysByTeam } from "./kpi-tally.js";
import { CF, F, PF, PU, PV } from "./recorder.js";
import type { Recorder } from "./recorder.js";
import { type Activity, type CaseRecord, type Mechanisms, type Outcome, type PractitionerWeekRecord, type RunRecords, type WeekClusterRecord } from "./records.js";

/** Columnar results of a run, reachable from its records under {@link COLUMNS}. */
export interface RunColumns {
  readonly model: ServiceModel;
  readonly cases: CaseTable;
  readonly ageLabels: readonly string[];
  readonly rec: Recorder;
  /** Team index of each cluster. */
  readonly clusterTeam: Int32Array;
  readonly horizonDays: number;
}

/** Symbol key of the columnar data (not copied by structured clone or JSON). */
export const COLUMNS: unique symbol = Symbol("mhst.runColumns");

const OUTCOMES: readonly Outcome[] = ["open", "signposted", "declined", "withdrawn", "completed", "steppedUp"];

/** Wraps a run's columns as RunRecords with lazily built, cached record arrays. */
export function makeRunRecords(cols: RunColumns, events: number): RunRecords {
  const m = cols.model;
  const extra = m.consultations !== undefined || m.wholeSchool !== undefined ? { mechanisms: mechanismsOf(m) } : {};
  const out = { events, horizonDays: cols.horizonDays, ...extra } as unknown as RunRecords;
  // Not enumerable: a copy made by spreading (say, with a subset of the cases) must not carry
  // the whole run's columns, or computeKpis would read them instead of the copy's records.
  Object.defineProperty(out, COLUMNS, { value: cols, enumerable: false });
  lazy(out, "cases", () => caseRecords(liveColumns(cols)));
  lazy(out, "weeks", () => weekRecords(liveColumns(cols)));
  lazy(out, "practitionerWeeks", () => practitionerWeekRecords(liveColumns(cols)));
  return out;
}

/**
 * Hands a run's case table back for the next run in this thread to reuse (see
 * `CaseTable.release`), and its weekly counters' memory to the next run or back at once (see
 * `Recorder.handBack`), once
 * the records have been read for the last time: a KPI computation or a record array built
 * afterwards throws instead of reading the next run's cases. Records not made by `simulate`
 * (no columns) are left alone; a second call does nothing.
 * @example const run = simulate(model, o); const kpis = computeKpis(run); releaseRecords(run);
 */
export function releaseRecords(records: RunRecords): void {
  const cols = (records as unknown as { [COLUMNS]?: RunColumns })[COLUMNS];
  if (!cols || cols.cases.released) return;
  cols.cases.release();
  cols.rec.handBack();
}

/**
 * The run's columns, checked to be still the run's own.
 * @throws Error when the records were released (their case table now belongs to another run).
 */
export function liveColumns(cols: RunColumns): RunColumns {
  if (cols.cases.released) throw new Error("run records were read after releaseRecords");
  return cols;
}

/** Which optional mechanisms a model has (their KPIs are reported only then). */
export function mechanismsOf(model: ServiceModel): Mechanisms {
  return { consultations: model.consultations !== undefined, wholeSchool: model.wholeSchool !== undefined };
}

function lazy<T>(obj: object, key: string, build: () => T): void {
  let value: T | undefined;
  Object.defineProperty(obj, key, { enumerable: true, configurable: true, get: () => (value ??= build()) });
}

function caseRecords({ model: m, cases: c, ageLabels, horizonDays, clusterTeam }: RunColumns): CaseRecord[] {
  const out: CaseRecord[] = new Array(c.n);
  const nullable = (v: number) => (v < 0 ? null : v);
  const schools = m.schools.map((x) => x.id);
  const clusters = m.clusters.map((x) => x.id);
  const teams = m.teams.map((x) => x.id);
  const practitioners = m.practitioners.map((x) => x.id);
  const std = standardDaysByTeam(m);
  const ivIds = m.interventions ? m.interventions.catalogue.map((x) => x.id) : null;
  // In serial order (the service's referral order), whatever the order of the table.
  for (let i = 0; i < c.n; i++) {
    const s = c.state[i];
    const p = c.practitioner[i];
    out[c.serial[i]] = {
      id: c.serial[i],
      school: schools[c.school[i]],
      cluster: clusters[c.cluster[i]],
      team: teams[clusterTeam[c.cluster[i]]],
      need: NEEDS[c.need[i]],
      ageBand: ageLabels[c.age[i]],
      priority: c.urgent[i] ? "urgent" : "routine",
      mhstPlusEligible: c.plusEligible[i] === 1,
      initial: c.initial[i] === 1,
      referralDay: c.referralDay[i],
      concernDay: c.concernDay[i],
      standardDays: std[clusterTeam[c.cluster[i]]],
      triageDay: c.triageDay[i] >= horizonDays ? null : nullable(c.triageDay[i]),
      consentDay: nullable(c.consentDay[i]),
      firstContactDay: nullable(c.firstDay[i]),
      endDay: nullable(c.endDay[i]),
      outcome: s === CaseState.Closed ? OUTCOMES[c.outcome[i]] : s === CaseState.Waiting ? "waiting" : s === CaseState.Open || s === CaseState.Between ? "open" : "inTriage",
      route: ROUTE_NAMES[c.route[i]],
      intervention: ivIds === null || c.route[i] === RouteCode.Plus || c.route[i] === RouteCode.None ? null : ivIds[c.intervention[i]],
      practitioner: p < 0 ? null : practitioners[p],
      sessions: c.sessions[i],
      dnas: c.dnas[i],
      stepUpAt: STEP_UP_NAMES[c.stepUpAt[i]],
      assessedDay: nullable(c.assessedDay[i]),
      interventionDay: nullable(c.interventionDay[i]),
    };
  }
  return out;
}

// A literal keeps every slots object on one hidden class (ACTIVITIES order).
function slotRecord(a: ArrayLike<number>, o: number): Record<Activity, number> {
  return {
    oneToOne: a[o],
    group: a[o + 1],
    mhstPlus: a[o + 2],
    dna: a[o + 3],
    linkMeeting: a[o + 4],
    clusterMeeting: a[o + 5],
    training: a[o + 6],
    consultation: a[o + 7],
    wholeSchool: a[o + 8],
    supervision: a[o + 9],
    admin: a[o + 10],
    idle: a[o + 11],
  };
}

function weekRecords({ model, rec }: RunColumns): WeekClusterRecord[] {
  const out: WeekClusterRecord[] = [];
  const a = rec.clusterWeeks();
  for (let w = 0; w < rec.weeks; w++) {
    model.clusters.forEach((cl, c) => {
      const o = (w * rec.nC + c) * CF;
      out.push({
        week: w,
        cluster: cl.id,
        team: cl.team,
        referrals: a[o + F.referrals],
        signposted: a[o + F.signposted],
        accepted: a[o + F.accepted],
        declined: a[o + F.declined],
        waitlistEnd: a[o + F.waitlistEnd],
        started: a[o + F.started],
        completed: a[o + F.completed],
        steppedUp: a[o + F.steppedUp],
        withdrawn: a[o + F.withdrawn],
        contacts: a[o + F.contacts],
        groupSessions: a[o + F.groupSessions],
        consultations: a[o + F.consultations],
        consultationsUnanswered: a[o + F.consultationsUnanswered],
        consultationReferrals: a[o + F.consultationReferrals],
        wholeSchoolSessions: a[o + F.wholeSchoolSessions],
        wholeSchoolDropped: a[o + F.wholeSchoolDropped],
        slots: slotRecord(a, o + F.SLOTS),
      });
    });
  }
  return out;
}

function practitionerWeekRecords({ model, rec }: RunColumns): PractitionerWeekRecord[] {
  const out: PractitionerWeekRecord[] = [];
  const a = rec.practitionerWeeks();
  for (let w = 0; w < rec.weeks; w++) {
    model.practitioners.forEach((p, i) => {
      const o = (w * rec.nP + i) * PF;
      out.push({ week: w, practitioner: p.id, role: p.role, team: p.team, slots: slotRecord(a, o), vacantSlots: a[o + PV], universitySlots: a[o + PU] });
    });
  }
  return out;
}
