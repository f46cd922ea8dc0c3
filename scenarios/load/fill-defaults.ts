import {
  ROLES, type CalendarConfig, type Cluster, type Distribution, type Practitioner, type Role, type RoleSettings, type School,
  type ServiceModel, type Team, type WeekPattern,
} from "../../sim/model/config.js";
import { scenarioSchema, type DistributionInput, type ScenarioInput } from "../schema/index.js";
import { allocateHalfDays, layOut } from "./allocate.js";
import { roleConfig } from "../../sim/model/roles.js";
import { englandYear } from "./calendar-template.js";
import { resolveHorizon } from "./horizon.js";
import { expandTemplate } from "./expand-template.js";
import type { RawIssue } from "./issues.js";
import { standIn } from "./schema-walk.js";
import { fromZodIssues } from "./zod-issues.js";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"] as const;

/** EMHP course default: 64 university days (domain-figures: a block first, then 3, 2, 1 days a week). */
export const DEFAULT_TRAINING_PHASES = [
  { weeks: 3, universityDays: 5 },
  { weeks: 6, universityDays: 3 },
  { weeks: 10, universityDays: 2 },
  { weeks: 11, universityDays: 1 },
] as const;

/** The result of the fill-defaults stage. */
export interface Filled {
  /** The scenario with zod's defaults applied (absent when its types are too broken to go on). */
  input?: ScenarioInput;
  /** The service model built from it, not yet cross-checked or frozen. */
  model?: ServiceModel;
  /** Problems found so far (types, ranges, unknown fields). */
  issues: RawIssue[];
  /** How many teams, clusters, schools and practitioners the file lists (the rest are generated). */
  listed: { teams: number; clusters: number; schools: number; practitioners: number };
}

/**
 * Fill-defaults stage: applies the schema's defaults, the calendar template, team templates
 * and byPupils allocations, giving a complete ServiceModel. Type and range problems are
 * collected; if the document is still usable once the bad values are dropped (their defaults
 * apply instead), the model is built anyway so the validate stage can report its problems too.
 */
export function fillDefaults(data: unknown): Filled {
  const first = scenarioSchema.safeParse(data);
  const listed = { teams: 0, clusters: 0, schools: 0, practitioners: 0 };
  if (first.success) return { ...build(first.data, yearsGiven(data)), issues: [] };
  const issues = fromZodIssues(first.error.issues, data);
  const repaired = structuredClone(data) as Record<string, unknown>;
  for (const issue of first.error.issues) drop(repaired, issue.path as (string | number)[], issue);
  // A horizon with a bad field is left out as a whole (whole school years apply), so that its
  // other rules, and the rules that depend on the run's length, add no noise.
  const cal = repaired.calendar;
  if (cal !== null && typeof cal === "object" && first.error.issues.some((i) => i.path[0] === "calendar" && i.path[1] === "horizon")) {
    delete (cal as Record<string, unknown>).horizon;
  }
  const second = scenarioSchema.safeParse(repaired);
  if (!second.success) return { issues, listed };
  return { ...build(second.data, yearsGiven(repaired)), issues };
}

/** Whether the document writes `calendar.years` (with a horizon, years is otherwise derived). */
function yearsGiven(data: unknown): boolean {
  const cal = data !== null && typeof data === "object" ? (data as Record<string, unknown>).calendar : undefined;
  return cal !== null && typeof cal === "object" && (cal as Record<string, unknown>).years !== undefined;
}

function drop(data: unknown, path: (string | number)[], issue: { code: string; keys?: string[] }): void {
  const target = path.reduce<unknown>(
    (cur, seg) => (cur !== null && typeof cur === "object" ? (cur as Record<string | number, unknown>)[seg] : undefined),
    data,
  );
  if (issue.code === "unrecognized_keys") {
    if (target && typeof target === "object") for (const k of issue.keys ?? []) delete (target as Record<string, unknown>)[k];
    return;
  }
  const parent = path.slice(0, -1).reduce<unknown>(
    (cur, seg) => (cur !== null && typeof cur === "object" ? (cur as Record<string | number, unknown>)[seg] : undefined),
    data,
  );
  if (parent === null || typeof parent !== "object" || path.length === 0) return;
  const key = path[path.length - 1]!;
  // A field with a default is dropped so the default applies; a required one gets a harmless
  // stand-in. Either way the issue is already recorded, and the validate stage can still run.
  const stand = standIn(path);
  if (stand === undefined) delete (parent as Record<string | number, unknown>)[key];
  else (parent as Record<string | number, unknown>)[key] = stand;
}

/** Converts a distribution as written into the model's form. */
export function toDistribution(d: DistributionInput): Distribution {
  return typeof d === "number" ? { kind: "deterministic", value: d } : d;
}

/** The role settings the scenario writes (defaults apply in sim/model/roles.ts). */
function writtenRoles(input: Pick<ScenarioInput, "roles">): Partial<Record<Role, RoleSettings>> {
  const out: Partial<Record<Role, RoleSettings>> = {};
  for (const role of ROLES) {
    const set = input.roles[role];
    if (!set) continue;
    const kept = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)) as RoleSettings;
    out[role] = set.delivers ? { ...kept, delivers: [...set.delivers] } : kept;
  }
  return out;
}

function buildCalendar(c: ScenarioInput["calendar"], yearsGiven: boolean): CalendarConfig {
  const template = c.template === "england" ? englandYear(c.schoolYear) : { terms: [], closures: [] };
  const terms = c.terms ?? template.terms;
  const h = resolveHorizon(c, terms, yearsGiven);
  return {
    startDate: h.startDate,
    years: h.years,
    ...(c.horizon ? { horizonDays: h.days } : {}),
    terms,
    closures: c.closures ?? (c.terms ? [] : template.closures),
    virtualOutsideTermShare: c.virtualOutsideTermShare,
  };
}

/** The `consultations` and `wholeSchool` blocks, copied (absent blocks stay absent). */
function schoolWork({ consultations: c, wholeSchool: w }: ScenarioInput): Pick<ServiceModel, "consultations" | "wholeSchool"> {
  const roles = (r: readonly Role[] | undefined) => (r === undefined ? {} : { roles: [...r] });
  return {
    ...(c === undefined ? {} : { consultations: { ratePerSchoolPerWeek: c.ratePerSchoolPerWeek, via: c.via, visitShare: c.visitShare, slots: c.slots, referralShare: c.referralShare, ...roles(c.roles) } }),
    ...(w === undefined
      ? {}
      : {
          wholeSchool: {
            items: w.items.map((it) => ({ kind: it.kind, per: it.per, perTerm: it.perTerm, slots: it.slots, ...roles(it.roles) })),
            ...(w.onDemand === undefined ? {} : { onDemand: { ratePerSchoolPerWeek: w.onDemand.ratePerSchoolPerWeek, slots: w.onDemand.slots, ...roles(w.onDemand.roles) } }),
          },
        }),
  };
}

/** The `interventions` block with each intervention's defaults from `casework` (an absent block stays absent). */
function interventionCatalogue({ interventions: iv, casework: c, groups: g }: ScenarioInput): Pick<ServiceModel, "interventions"> {
  if (iv === undefined) return {};
  const catalogue = iv.catalogue.map((x) => ({
    id: x.id,
    ...(x.label === undefined ? {} : { label: x.label }),
    form: x.form,
    sessions: toDistribution(x.sessions ?? c.sessions),
    slotsPerSession: x.slotsPerSession ?? (x.form === "group" ? g.slotsPerSession : 1),
    phoneSessions: x.phoneSessions,
    phoneSlots: x.phoneSlots,
    intervalDays: x.intervalDays ?? c.sessionIntervalDays,
    ...(x.deliveredBy === undefined ? {} : { deliveredBy: [...x.deliveredBy] }),
    weeks: x.weeks ?? g.weeks,
    minChildren: x.minChildren ?? g.minChildren,
    maxChildren: x.maxChildren ?? g.maxChildren,
    virtual: x.virtual ?? g.virtual,
    scope: x.scope,
  }));
  const routes = Object.fromEntries(Object.entries(iv.routes).filter(([, v]) => v !== undefined).map(([k, v]) => [k, { ...v }]));
  return { interventions: { catalogue, routes, fallback: iv.fallback ?? catalogue.find((x) => x.form === "oneToOne")?.id ?? "" } };
}

function build(parsed: ScenarioInput, yearsGiven: boolean): Omit<Filled, "issues"> {
  // zod hands back its default objects by reference; the model is frozen later, so copy first.
  const input = structuredClone(parsed);
  const calendar = buildCalendar(input.calendar, yearsGiven);
  const listed = {
    teams: input.teams.length,
    clusters: input.clusters.length,
    schools: input.schools.length,
    practitioners: input.practitioners.length,
  };
  const teams: Team[] = input.teams.map((t) => ({ id: t.id, name: t.name ?? t.id, ...(t.firstContactWeeks === undefined ? {} : { firstContactWeeks: t.firstContactWeeks }) }));
  const onlyTeam = teams.length === 1 ? teams[0]!.id : "";
  const clusters: Cluster[] = input.clusters.map((c) => ({ id: c.id, name: c.name ?? c.id, team: c.team ?? onlyTeam }));
  const schools: School[] = input.schools.map((s) => ({
    id: s.id,
    name: s.name ?? s.id,
    phase: s.phase,
    pupils: s.pupils,
    cluster: s.cluster,
    ...(s.referralRate === undefined ? {} : { referralRate: s.referralRate }),
  }));
  // Generated items go after the listed ones (so document paths stay valid) but are made first,
  // so that listed practitioners may name generated teams and clusters.
  const roleOf = (role: Role) => roleConfig({ roles: writtenRoles(input), casework: { ...input.casework, sessions: toDistribution(input.casework.sessions) }, meetings: input.meetings, supervision: input.supervision }, role);
  const generated = input.generate ? expandTemplate(input.generate, calendar.startDate, (r) => roleOf(r).caseworkDays) : undefined;
  if (generated) {
    teams.push(...generated.teams);
    clusters.push(...generated.clusters);
    schools.push(...generated.schools);
  }
  const pupilsOf = new Map<string, number>();
  for (const s of schools) pupilsOf.set(s.cluster, (pupilsOf.get(s.cluster) ?? 0) + s.pupils);
  const fixedDays = new Map(input.clusters.map((c) => [c.id, c.practitionerDays]));
  const teamOfCluster = new Map(clusters.map((c) => [c.id, c.team]));

  const clusterIds = new Set(clusters.map((c) => c.id));
  const schoolCluster = new Map(schools.map((s) => [s.id, s.cluster]));
  const practitioners: Practitioner[] = input.practitioners.map((p) => {
    let pattern: WeekPattern = WEEKDAYS.map(() => [null, null] as const);
    let firstCluster: string | undefined;
    let cycle: WeekPattern[] | undefined;
    let visits: WeekPattern[] | undefined;
    if (p.pattern) {
      // A school id names a half-day at that school, in its cluster.
      const weeks = Array.isArray(p.pattern) ? p.pattern : [p.pattern];
      const halves = weeks.map((w) => WEEKDAYS.map((d) => {
        const v = w[d];
        return Array.isArray(v) ? ([v[0], v[1]] as const) : ([v ?? null, v ?? null] as const);
      }));
      const clusterOf = (x: string | null) => (x === null || clusterIds.has(x) ? x : schoolCluster.get(x) ?? x);
      const schoolOf = (x: string | null) => (x !== null && !clusterIds.has(x) && schoolCluster.has(x) ? x : null);
      const all = halves.map((w) => w.map(([a, b]) => [clusterOf(a), clusterOf(b)] as const));
      pattern = all[0]!;
      if (all.length > 1) cycle = all;
      if (halves.some((w) => w.some(([a, b]) => schoolOf(a) !== null || schoolOf(b) !== null))) {
        visits = halves.map((w) => w.map(([a, b]) => [schoolOf(a), schoolOf(b)] as const));
      }
      firstCluster = all.flat(2).find((x): x is string => x !== null);
    } else if (p.allocation) {
      const a = p.allocation;
      const halfDays = Math.floor((a.days ?? p.fte * roleOf(p.role).caseworkDays) * 2 + 1e-9);
      const claims = a.clusters.map((id) => ({ id, pupils: pupilsOf.get(id) ?? 0, fixedDays: fixedDays.get(id) }));
      const counts = allocateHalfDays(claims, halfDays);
      if (counts) pattern = layOut(a.clusters, counts);
      firstCluster = a.clusters[0];
    }
    const team = p.team ?? (firstCluster !== undefined ? teamOfCluster.get(firstCluster) : undefined) ?? onlyTeam;
    return {
      id: p.id,
      name: p.name ?? p.id,
      role: p.role,
      team,
      fte: p.fte,
      pattern,
      ...(cycle ? { cycle } : {}),
      ...(visits ? { visits } : {}),
      startDate: p.startDate ?? calendar.startDate,
      ...(p.endDate === undefined ? {} : { endDate: p.endDate }),
      ...(p.refill === undefined ? {} : { refill: p.refill }),
      ...(p.training === undefined
        ? {}
        : { training: { start: p.training.start, phases: p.training.phases ?? DEFAULT_TRAINING_PHASES.map((x) => ({ ...x })), courseWeeks: p.training.courseWeeks } }),
    };
  });

  if (generated) practitioners.push(...generated.practitioners);

  const { referrals: r, triage: t, waitlist: w, casework: c, groups: g, meetings: m, workforce: wf, mhstPlus: mp, supervision: sv, standards: sd } = input;
  const roles = writtenRoles(input);
  const model: ServiceModel = {
    name: input.name,
    description: input.description,
    calendar,
    teams,
    clusters,
    schools,
    practitioners,
    referrals: {
      ...r,
      seasonality: { ...r.seasonality },
      needMix: { ...r.needMix },
      phaseRate: { ...r.phaseRate },
      ageBands: Object.fromEntries(Object.entries(r.ageBands).filter(([, v]) => v !== undefined)) as unknown as ServiceModel["referrals"]["ageBands"],
    },
    triage: { ...t, triageDays: toDistribution(t.triageDays), consentDays: toDistribution(t.consentDays) },
    waitlist: {
      scope: w.scope,
      initialPerCluster: w.initialPerCluster,
      ...(w.patienceWeeks === undefined ? {} : { patienceWeeks: toDistribution(w.patienceWeeks) }),
    },
    casework: { ...c, sessions: toDistribution(c.sessions) },
    groups: { ...g, suitableShare: { ...g.suitableShare } },
    meetings: { ...m },
    supervision: { ...sv, superviseeRoles: [...sv.superviseeRoles], supervisorRoles: [...sv.supervisorRoles] },
    roles,
    standards: { ...sd },
    workforce: { ...wf, recruitmentLagWeeks: toDistribution(wf.recruitmentLagWeeks) },
    mhstPlus: {
      ...mp,
      assessmentSessions: toDistribution(mp.assessmentSessions),
      interventionSessions: toDistribution(mp.interventionSessions),
    },
    ...schoolWork(input),
    ...interventionCatalogue(input),
  };
  return { input, model, listed };
}
