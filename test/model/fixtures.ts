/**
 * ServiceModel fixtures for the model tests: a small service (one team, three clusters,
 * six schools, two practitioners) and a parametrised builder for larger ones.
 */

import type { CalendarConfig, Practitioner, ServiceModel, WeekPattern } from "../../sim/model/index.js";

/** A 2025/26 English school year; day 0 is Monday 1 September 2025. */
export const CALENDAR: CalendarConfig = {
  startDate: "2025-09-01",
  years: 1,
  terms: [
    { name: "autumn", start: "2025-09-03", end: "2025-12-19", halfTerm: { start: "2025-10-27", end: "2025-10-31" } },
    { name: "spring", start: "2026-01-05", end: "2026-03-27", halfTerm: { start: "2026-02-16", end: "2026-02-20" } },
    { name: "summer", start: "2026-04-13", end: "2026-07-21", halfTerm: { start: "2026-05-25", end: "2026-05-29" } },
  ],
  closures: ["2026-05-04"],
  virtualOutsideTermShare: 0,
};

const week = (...days: [string | null, string | null][]): WeekPattern => days;

/** Options of {@link smallService}; everything else is fixed. */
export interface SmallOptions {
  years?: number;
  /** Referrals per 1,000 pupils per term week. */
  rate?: number;
  patienceWeeks?: number;
  dnaShare?: number;
  practitioners?: Practitioner[];
}

/**
 * One team "t1", clusters c1..c3, six schools (two per cluster), two EMHPs:
 * p1 works c1 Mon–Tue and c2 Wed; p2 works c2 Thu (am) + c3 Thu (pm) and c3 Fri.
 */
export function smallService(o: SmallOptions = {}): ServiceModel {
  const schools = [
    ["s1", "primary", 400, "c1"], ["s2", "secondary", 900, "c1"],
    ["s3", "primary", 300, "c2"], ["s4", "primary", 350, "c2"],
    ["s5", "secondary", 1100, "c3"], ["s6", "special", 120, "c3"],
  ] as const;
  return {
    name: "small",
    description: "test fixture",
    calendar: { ...CALENDAR, years: o.years ?? 1 },
    teams: [{ id: "t1", name: "Team 1" }],
    clusters: ["c1", "c2", "c3"].map((id) => ({ id, name: id, team: "t1" })),
    schools: schools.map(([id, phase, pupils, cluster]) => ({ id, name: id, phase, pupils, cluster })),
    practitioners: o.practitioners ?? [
      emhp("p1", week(["c1", "c1"], ["c1", "c1"], ["c2", "c2"], [null, null], [null, null])),
      emhp("p2", week([null, null], [null, null], [null, null], ["c2", "c3"], ["c3", "c3"])),
    ],
    referrals: {
      ratePer1000PerWeek: o.rate ?? 0.5,
      seasonality: { autumn: 1.2, spring: 1, summer: 0.8 },
      mode: "continuous",
      needMix: { lowMood: 0.3, anxiety: 0.45, behaviour: 0.15, sleep: 0.1 },
      ageBands: { primary: [{ label: "5-10", share: 1 }], other: [{ label: "11-15", share: 0.8 }, { label: "16-18", share: 0.2 }] },
      urgentShare: 0.1,
      mhstPlusShare: 0,
    },
    triage: { triageDays: { kind: "uniform", min: 3, max: 10 }, signpostShare: 0.2, consentDays: { kind: "uniform", min: 2, max: 14 }, declineShare: 0.1 },
    waitlist: { scope: "cluster", patienceWeeks: o.patienceWeeks === undefined ? undefined : { kind: "deterministic", value: o.patienceWeeks }, initialPerCluster: 2 },
    casework: { slotsPerDay: 4, sessions: { kind: "discrete", values: [6, 7, 8], weights: [1, 2, 1] }, sessionIntervalDays: 7, caseloadCap: 12, traineeCaseloadShare: 0.5, dnaShare: o.dnaShare ?? 0.1, stepUpShare: 0.1 },
    groups: { enabled: false, slotsPerSession: 3, weeks: 6, formation: "whenEnough", perClusterPerTerm: 1, minChildren: 4, maxChildren: 8, suitableShare: { lowMood: 0.2, anxiety: 0.3, behaviour: 0.1, sleep: 0.3 }, virtual: false, maxWaitWeeks: 6 },
    meetings: { linkMeetingSlots: 0, linkMeetingsPerTerm: 1, clusterMeetingSlots: 0, trainingPrepSlots: 0, trainingDeliverySlots: 0, supervisionSlotsPerWeek: 0, adminSlotsPerWeek: 0 },
    supervision: { superviseeRoles: ["emhp"], supervisorRoles: [], maxSuperviseesPerSupervisor: 4, supervisorSlotsPerSupervisee: 1 },
    standards: { firstContactWeeks: 4 },
    workforce: { recruitmentLagWeeks: { kind: "deterministic", value: 17 }, leaveAfterTrainingShare: 0, annualTurnover: 0, refill: true },
    mhstPlus: { enabled: false, assessmentSessions: { kind: "deterministic", value: 2 }, interventionShare: 0.5, interventionSessions: { kind: "deterministic", value: 6 } },
  };
}

/** A qualified EMHP post, full time, with the given pattern. */
export function emhp(id: string, pattern: WeekPattern, extra: Partial<Practitioner> = {}): Practitioner {
  return { id, name: id, role: "emhp", team: "t1", fte: 1, pattern, ...extra };
}

/** Returns a copy of a model with some top-level sections replaced or patched. */
export function withPatch(model: ServiceModel, patch: { [K in keyof ServiceModel]?: Partial<ServiceModel[K]> }): ServiceModel {
  const out: Record<string, unknown> = { ...model };
  for (const [k, v] of Object.entries(patch)) {
    const cur = (model as unknown as Record<string, unknown>)[k];
    out[k] = Array.isArray(v) || typeof cur !== "object" ? v : { ...(cur as object), ...(v as object) };
  }
  return out as unknown as ServiceModel;
}

/**
 * A service of `teams` standard teams: each team has 5 clusters of 4 schools (about 8,000
 * pupils) and 8 practitioners, each covering one or two clusters on set days.
 */
export function bigService(teams: number, years = 3, extra: { [K in keyof ServiceModel]?: Partial<ServiceModel[K]> } = {}): ServiceModel {
  const base = smallService({ years });
  const ts = Array.from({ length: teams }, (_, i) => ({ id: `t${i}`, name: `Team ${i}` }));
  const clusters = ts.flatMap((t) => Array.from({ length: 5 }, (_, c) => ({ id: `${t.id}c${c}`, name: `${t.id}c${c}`, team: t.id })));
  const phases = ["primary", "primary", "secondary", "primary"] as const;
  const schools = clusters.flatMap((c) =>
    phases.map((phase, s) => ({ id: `${c.id}s${s}`, name: `${c.id}s${s}`, phase, pupils: phase === "primary" ? 300 : 1000, cluster: c.id })),
  );
  const practitioners = ts.flatMap((t) =>
    Array.from({ length: 8 }, (_, k): Practitioner => {
      const a = `${t.id}c${k % 5}`;
      const b = `${t.id}c${(k + 2) % 5}`;
      return { ...emhp(`${t.id}p${k}`, week([a, a], [a, a], [b, b], [b, a], [null, null])), team: t.id };
    }),
  );
  return withPatch({ ...base, teams: ts, clusters, schools, practitioners }, extra);
}

/**
 * One cluster (c1) and its schools, one EMHP on Mondays only (one whole day: slotsPerDay
 * slots), no new referrals and `initial` cases waiting at day 0; `patch` applies on top.
 */
export function mondayService(initial: number, patch: Parameters<typeof withPatch>[1] = {}): ServiceModel {
  const m = smallService();
  return withPatch(m, {
    clusters: [m.clusters[0]] as never,
    schools: m.schools.filter((s) => s.cluster === "c1") as never,
    practitioners: [emhp("p1", [["c1", "c1"], [null, null], [null, null], [null, null], [null, null]])] as never,
    referrals: { ratePer1000PerWeek: 0 },
    waitlist: { initialPerCluster: initial },
    ...patch,
  });
}
