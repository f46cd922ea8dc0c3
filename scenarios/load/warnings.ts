import type { ServiceModel } from "../../sim/model/config.js";
import { roleConfig } from "../../sim/model/roles.js";
import { dayOf, horizonDaysOf } from "../../sim/model/calendar.js";
import type { ScenarioInput } from "../schema/index.js";
import type { RawIssue } from "./issues.js";
import { schoolWorkWarnings } from "./school-work-checks.js";
import { interventionWarnings } from "./intervention-checks.js";

/**
 * Warnings about a scenario that loads: fields whose meaning changed in this version of the
 * format (a one-line migration message naming the field), and settings that cannot have the
 * effect they seem to ask for. Paths are document paths, as for errors.
 * @example scenarioWarningsOf(model, input) // [{ path: ["waitlist", "scope"], value: "practitioner", message: "..." }]
 */
export function scenarioWarningsOf(model: ServiceModel, input: ScenarioInput, written: unknown): RawIssue[] {
  const out: RawIssue[] = [];
  const doc = (written ?? {}) as Record<string, Record<string, unknown> | undefined>;
  if (doc.waitlist?.scope === "practitioner") {
    out.push({ path: ["waitlist", "scope"], value: "practitioner", message: "changed meaning: every practitioner working in a cluster now starts its children too (the named practitioner's list spans their clusters); write `cluster` for per-cluster lists" });
  }
  if (doc.casework?.caseloadCap !== undefined) {
    out.push({ path: ["casework", "caseloadCap"], value: doc.casework.caseloadCap, message: "changed meaning: the cap is now per full-time post across all its clusters (round(cap x fte)), no longer split per cluster by half-days" });
  }
  input.practitioners.forEach((p, i) => {
    const written = ((doc.practitioners as unknown as Record<string, unknown>[] | undefined)?.[i]?.training ?? {}) as Record<string, unknown>;
    if (written.phases !== undefined) {
      out.push({ path: ["practitioners", i, "training", "phases"], value: undefined, message: "changed meaning: phase weeks are now calendar weeks from the intake (they counted term weeks), and the course lasts training.courseWeeks (52)" });
    }
  });
  const seniors = doc.roles?.seniorClinician as Record<string, unknown> | undefined;
  if (model.practitioners.some((p) => p.role === "seniorClinician" && p.pattern.flat().some((x) => x !== null)) && (seniors?.caseloadCap === undefined || seniors?.caseworkDays === undefined)) {
    const gen = input.practitioners.some((p) => p.role === "seniorClinician" && p.allocation && p.allocation.days === undefined) || (input.generate?.staff.seniorClinician ?? 0) > 0;
    const parts = [seniors?.caseloadCap === undefined ? `hold round(casework.caseloadCap / 2) = ${roleConfig(model, "seniorClinician").caseloadCap} cases` : "", seniors?.caseworkDays === undefined && gen ? "get 2.5 casework days a week where an allocation or template gives none" : ""].filter(Boolean);
    if (parts.length > 0) out.push({ path: ["roles", "seniorClinician"], value: undefined, message: `changed meaning: senior clinicians now ${parts.join(" and ")} (set roles.seniorClinician to choose)` });
  }
  out.push(...noEffect(model, input, doc));
  const g = model.groups;
  if (g.enabled) {
    const most = new Map<string, number>();
    for (const p of model.practitioners) {
      const role = roleConfig(model, p.role);
      if (!role.delivers.includes("group")) continue;
      const half = role.slotsPerDay / 2;
      for (const day of p.pattern) {
        const segs = day[0] !== null && day[0] === day[1] ? [[day[0], 2]] as const : day.filter((x): x is string => x !== null).map((x) => [x, 1] as const);
        for (const [c, h] of segs) most.set(c, Math.max(most.get(c) ?? 0, Math.ceil(h * half - 1e-9)));
      }
    }
    model.clusters.forEach((c, i) => {
      if ((most.get(c.id) ?? 0) >= g.slotsPerSession) return;
      const path = i < input.clusters.length ? ["clusters", i] : ["generate"];
      out.push({ path, value: c.id, message: `can never host a group session: no practitioner segment there holds groups.slotsPerSession (${g.slotsPerSession}) slots; its group-suited children are offered 1:1 after groups.maxWaitWeeks (${g.maxWaitWeeks})` });
    });
  }
  out.push(...schoolWorkWarnings(model, written));
  out.push(...interventionWarnings(model, written));
  return out;
}

type Doc = Record<string, Record<string, unknown> | undefined>;

/**
 * Fields the scenario writes that cannot change any result in this scenario, each with the
 * reason (the "no silent no-op" rule: a field either changes results or `scenario check` says
 * why it does not).
 */
function noEffect(model: ServiceModel, input: ScenarioInput, doc: Doc): RawIssue[] {
  const out: RawIssue[] = [];
  const keysOf = (section: string, except: readonly string[] = []) =>
    Object.keys((doc[section] ?? {}) as object).filter((k) => !except.includes(k));
  const warn = (path: (string | number)[], why: string) =>
    out.push({ path, value: path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k as string], doc), message: `has no effect: ${why}` });
  const ps = model.practitioners;
  const horizon = horizonDaysOf(model.calendar);
  // MHST+.
  const plusDelivered = ps.some((p) => roleConfig(model, p.role).delivers.includes("mhstPlus"));
  if (!model.mhstPlus.enabled) {
    for (const k of keysOf("mhstPlus", ["enabled"])) warn(["mhstPlus", k], "mhstPlus.enabled is false");
    if (doc.referrals?.mhstPlusShare !== undefined && model.referrals.mhstPlusShare > 0) warn(["referrals", "mhstPlusShare"], "mhstPlus.enabled is false, so eligible children take the usual routes");
  } else if (model.referrals.mhstPlusShare === 0 && plusDelivered) {
    for (const k of keysOf("mhstPlus", ["enabled"])) warn(["mhstPlus", k], "referrals.mhstPlusShare is 0, so no child is eligible for MHST+");
  }
  // Groups.
  const g = model.groups;
  if (!g.enabled) for (const k of keysOf("groups", ["enabled"])) warn(["groups", k], "groups.enabled is false");
  else {
    if (g.formation === "whenEnough" && doc.groups?.perClusterPerTerm !== undefined) warn(["groups", "perClusterPerTerm"], "groups.formation is whenEnough (no termly plan)");
    if (doc.groups?.virtual === true && model.calendar.virtualOutsideTermShare === 0) warn(["groups", "virtual"], "calendar.virtualOutsideTermShare is 0, so there is no time out of term for virtual groups");
  }
  // Workforce: the recruitment lag and refilling act only when a holder leaves.
  const trainees = ps.filter((p) => p.training);
  const qualifying = trainees.filter((p) => dayOf(model.calendar.startDate, p.training!.start) + 7 * p.training!.courseWeeks < horizon);
  const leavers = ps.some((p) => p.endDate !== undefined && dayOf(model.calendar.startDate, p.endDate) < horizon) || model.workforce.annualTurnover > 0 || (qualifying.length > 0 && model.workforce.leaveAfterTrainingShare > 0);
  if (!leavers) for (const k of ["recruitmentLagWeeks", "refill"]) if (doc.workforce?.[k] !== undefined) warn(["workforce", k], "no post falls vacant within the run (no end date, turnover or trainee leaving)");
  // A post's own refill acts only if that post can fall vacant.
  const postsDoc = (Array.isArray(doc.practitioners) ? doc.practitioners : []) as Record<string, unknown>[];
  postsDoc.forEach((w, i) => {
    const p = ps[i];
    if (w?.refill === undefined || !p) return;
    const ends = p.endDate !== undefined && dayOf(model.calendar.startDate, p.endDate) < horizon;
    const qualifies = p.training !== undefined && qualifying.includes(p) && model.workforce.leaveAfterTrainingShare > 0;
    if (!ends && !qualifies && model.workforce.annualTurnover === 0) warn(["practitioners", i, "refill"], "the post does not fall vacant within the run (no end date, turnover or trainee leaving)");
  });
  if (qualifying.length === 0 && doc.workforce?.leaveAfterTrainingShare !== undefined) {
    warn(["workforce", "leaveAfterTrainingShare"], trainees.length === 0 ? "no post holder is a trainee" : "no trainee qualifies within the run");
  }
  if (trainees.length === 0) {
    if (doc.casework?.traineeCaseloadShare !== undefined) warn(["casework", "traineeCaseloadShare"], "no post holder is a trainee");
  }
  // Pilot teams beyond the generated teams.
  const pilot = input.generate?.pilotTeams;
  if (pilot && pilot.count > input.generate!.teams) warn(["generate", "pilotTeams", "count"], `only ${input.generate!.teams} teams are generated, so all of them pilot the standard`);
  if (doc.standards?.firstContactWeeks !== undefined && model.teams.length > 0 && model.teams.every((t) => t.firstContactWeeks !== undefined)) {
    warn(["standards", "firstContactWeeks"], "every team sets its own firstContactWeeks (teams[].firstContactWeeks or generate.pilotTeams)");
  }
  // Step-up at assessment.
  if ((model.casework.stepUpEarlyShare ?? 0) === 0 && doc.casework?.stepUpEarlyAfterSessions !== undefined) warn(["casework", "stepUpEarlyAfterSessions"], "casework.stepUpEarlyShare is 0");
  // Supervision given needs both supervisors and supervisees in a team.
  const sv = model.supervision;
  const teamsWith = (roles: readonly string[]) => new Set(ps.filter((p) => roles.includes(p.role)).map((p) => p.team));
  const sup = teamsWith(sv.supervisorRoles);
  const both = [...teamsWith(sv.superviseeRoles)].some((t) => sup.has(t));
  if (!both) for (const k of ["maxSuperviseesPerSupervisor", "supervisorSlotsPerSupervisee"]) if (doc.supervision?.[k] !== undefined) warn(["supervision", k], "no team has both a supervisor and a supervisee role");
  // Link meetings take no slots and bring no referrals.
  if (model.meetings.linkMeetingSlots === 0 && model.referrals.mode === "continuous" && doc.meetings?.linkMeetingsPerTerm !== undefined) {
    warn(["meetings", "linkMeetingsPerTerm"], "meetings.linkMeetingSlots is 0 and referrals are continuous, so link meetings take no time and bring no referrals");
  }
  // Settings of roles nobody holds; casework days where every post of the role has its days.
  const held = new Set(ps.map((p) => p.role));
  const rolesDoc = (doc.roles ?? {}) as Record<string, Record<string, unknown> | undefined>;
  for (const role of Object.keys(rolesDoc)) {
    if (!held.has(role as never)) {
      warn(["roles", role], `no practitioner has the role ${role}`);
      continue;
    }
    const clinical = ps.some((p) => p.role === role && (p.cycle ?? [p.pattern]).some((w) => w.flat().some((x) => x !== null)));
    if (!clinical) for (const k of ["slotsPerDay", "caseloadCap"]) if (rolesDoc[role]?.[k] !== undefined) warn(["roles", role, k], `no ${role} has cluster half-days`);
    const free = input.practitioners.some((p) => p.role === role && p.allocation && p.allocation.days === undefined) || ((input.generate?.staff as Record<string, number> | undefined)?.[role] ?? 0) > 0;
    if (!free && rolesDoc[role]?.caseworkDays !== undefined) warn(["roles", role, "caseworkDays"], `every ${role} post gives its own pattern or allocation days`);
  }
  // A post with no cluster half-days sees no child: its role and FTE matter only as a supervisor's.
  input.practitioners.forEach((_, i) => {
    const m = ps[i];
    if ((m.cycle ?? [m.pattern]).some((w) => w.flat().some((x) => x !== null))) return;
    warn(["practitioners", i], sv.supervisorRoles.includes(m.role)
      ? "the post has no cluster half-days: it sees no child, and the supervision it gives comes from its non-clinical time"
      : "the post has no cluster half-days, so it sees no child and gives no supervision");
  });
  if (g.enabled && g.formation === "planned" && doc.groups?.minChildren !== undefined) warn(["groups", "minChildren"], "planned groups start on their planned day with the children waiting, however few");
  // Age bands of phases without schools; referral multipliers of phases without schools (or whose schools all set their own rate).
  const phases = new Set(model.schools.map((x) => x.phase));
  const ages = (doc.referrals?.ageBands ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(ages)) if (k !== "primary" && k !== "other" && !phases.has(k as never)) warn(["referrals", "ageBands", k], `no school has the phase ${k}`);
  if (ages.primary !== undefined && !phases.has("primary")) warn(["referrals", "ageBands", "primary"], "no school is primary");
  if (ages.other !== undefined && ![...phases].some((ph) => ph !== "primary" && model.referrals.ageBands[ph as "secondary"] === undefined)) warn(["referrals", "ageBands", "other"], "every school's phase has its own age bands");
  const rates = (doc.referrals?.phaseRate ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(rates)) if (!model.schools.some((x) => x.phase === k && x.referralRate === undefined)) warn(["referrals", "phaseRate", k], `no school of the phase ${k} takes the service's rate`);
  if (doc.referrals?.ratePer1000PerWeek !== undefined && model.schools.every((x) => x.referralRate !== undefined)) warn(["referrals", "ratePer1000PerWeek"], "every school sets its own referralRate");
  // Seasonality of a term the calendar does not have.
  const terms = new Set(model.calendar.terms.map((t) => t.name));
  for (const k of Object.keys((doc.referrals?.seasonality ?? {}) as object)) if (!terms.has(k)) warn(["referrals", "seasonality", k], `the calendar has no term named ${k}`);
  // A cluster's fixed days matter only to byPupils allocations that name it.
  input.clusters.forEach((c, i) => {
    if (c.practitionerDays === undefined) return;
    if (!input.practitioners.some((p) => p.allocation?.clusters.includes(c.id))) warn(["clusters", i, "practitionerDays"], `no practitioner's allocation names cluster ${c.id}`);
  });
  // Template pupil weights of phases that get no schools.
  const gen = doc.generate as Record<string, Record<string, unknown>> | undefined;
  if (gen?.pupilWeights && input.generate) {
    for (const k of Object.keys(gen.pupilWeights)) if ((input.generate.phaseMix[k as "primary"] ?? 0) === 0) warn(["generate", "pupilWeights", k], `generate.phaseMix gives no ${k} schools`);
  }
  return out;
}
