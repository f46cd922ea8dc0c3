import type { ServiceModel } from "../../sim/model/config.js";
import type { ScenarioInput } from "../schema/index.js";
import type { DocPath, RawIssue } from "./issues.js";
import type { Filled } from "./fill-defaults.js";
import { checkCalendar } from "./validate-calendar.js";
import { supervisionPlan } from "../../sim/model/supervision.js";
import { roleConfig } from "../../sim/model/roles.js";
import { ROLES } from "../../sim/model/config.js";
import { checkSchoolWork } from "./school-work-checks.js";
import { checkDistribution } from "./distribution-checks.js";
import { checkInterventions } from "./intervention-checks.js";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"] as const;
const EPS = 1e-6;

/**
 * Validate stage: the rules that span fields (references, duplicate ids, FTE, date order,
 * sums, distribution parameters). Paths are document paths so that errors point at the line
 * the user wrote; generated items are reported at `generate`.
 */
export function validate(model: ServiceModel, input: ScenarioInput, listed: Filled["listed"]): RawIssue[] {
  const issues: RawIssue[] = [];
  const add = (path: DocPath, value: unknown, message: string) => issues.push({ path, value, message });
  checkCalendar(model, input, add);
  checkStructure(model, input, listed, add);
  checkPractitioners(model, input, add);
  checkService(model, add);
  checkStandards(model, input, add);
  checkSupervision(model, add);
  checkSchoolWork(model, add);
  checkInterventions(model, add);
  return issues;
}

/** Reports one problem at a document path. */
export type Add = (path: DocPath, value: unknown, message: string) => void;

function duplicates(kind: string, items: readonly { id: string }[], listed: number, add: Add): void {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const j = first.get(item.id);
    if (j === undefined) first.set(item.id, i);
    else if (i < listed) add([kind, i, "id"], item.id, `is a duplicate id (also ${kind}[${j}])`);
    else add(["generate", "idPrefix"], item.id, `generates a duplicate ${kind} id (also ${kind}[${j}])`);
  });
}

function checkStructure(model: ServiceModel, input: ScenarioInput, listed: Filled["listed"], add: Add): void {
  const g = input.generate;
  duplicates("teams", model.teams, listed.teams, add);
  duplicates("clusters", model.clusters, listed.clusters, add);
  duplicates("schools", model.schools, listed.schools, add);
  duplicates("practitioners", model.practitioners, listed.practitioners, add);
  if (model.teams.length === 0) add(["teams"], [], "must list at least one team (or use generate)");
  if (model.schools.length === 0) add(["schools"], [], "must list at least one school (or use generate)");
  if (model.practitioners.length === 0 && !g) add(["practitioners"], [], "must list at least one practitioner");
  const teamIds = new Set(model.teams.map((t) => t.id));
  const clusterIds = new Set(model.clusters.map((c) => c.id));
  const known = (set: Set<string>) => {
    const list = [...set];
    return list.length <= 6 ? list.join(", ") : `${list.slice(0, 6).join(", ")}, ...`;
  };
  input.clusters.forEach((c, i) => {
    if (c.team === undefined && model.teams.length > 1) add(["clusters", i, "team"], undefined, "is required when there are several teams");
    else if (c.team !== undefined && !teamIds.has(c.team)) add(["clusters", i, "team"], c.team, `is not a team (known: ${known(teamIds)})`);
  });
  const used = new Set<string>();
  input.schools.forEach((s, i) => {
    used.add(s.cluster);
    if (!clusterIds.has(s.cluster)) add(["schools", i, "cluster"], s.cluster, `is not a cluster (known: ${known(clusterIds)})`);
  });
  input.clusters.forEach((c, i) => {
    if (!used.has(c.id)) add(["clusters", i], c.id, "has no schools");
  });
  if (g) {
    if (g.clustersPerTeam > g.schoolsPerTeam) add(["generate", "clustersPerTeam"], g.clustersPerTeam, `must be <= schoolsPerTeam (${g.schoolsPerTeam})`);
    if (g.pupilsPerTeam < g.schoolsPerTeam) add(["generate", "pupilsPerTeam"], g.pupilsPerTeam, `must be >= schoolsPerTeam (${g.schoolsPerTeam}), one pupil a school at least`);
    sumsToOne(["generate", "phaseMix"], Object.values(g.phaseMix), add);
    const staff = Object.values(g.staff).reduce((a, b) => a + b, 0);
    if (model.practitioners.length === 0) add(["generate", "staff"], g.staff, "must include at least one practitioner (or list practitioners)");
    const perPractitioner = staff >= g.clustersPerTeam ? 1 : Math.ceil(g.clustersPerTeam / Math.max(staff, 1));
    if (staff > 0 && Math.floor(g.fte * 10 + EPS) < perPractitioner) {
      add(["generate", "fte"], g.fte, `gives ${Math.floor(g.fte * 10 + EPS)} half-days, fewer than the ${perPractitioner} clusters each practitioner covers`);
    }
  }
}

function checkPractitioners(model: ServiceModel, input: ScenarioInput, add: Add): void {
  const teamIds = new Set(model.teams.map((t) => t.id));
  const clusterTeam = new Map(model.clusters.map((c) => [c.id, c.team]));
  const schoolClusterOf = new Map(model.schools.map((s) => [s.id, s.cluster]));
  const pupils = new Map<string, number>();
  for (const s of model.schools) pupils.set(s.cluster, (pupils.get(s.cluster) ?? 0) + s.pupils);
  input.practitioners.forEach((p, i) => {
    const m = model.practitioners[i]!;
    const at: DocPath = ["practitioners", i];
    if (p.team !== undefined && !teamIds.has(p.team)) add([...at, "team"], p.team, `is not a team (known: ${[...teamIds].slice(0, 6).join(", ")})`);
    else if (p.team === undefined && !teamIds.has(m.team) && teamIds.size > 1 && !derivedFromCluster(p, clusterTeam)) {
      add([...at, "team"], undefined, "is required when there are several teams");
    }
    const clusterRef = (path: DocPath, id: string, unknown = "is not a cluster") => {
      const team = clusterTeam.get(id);
      if (team === undefined) add(path, id, unknown);
      else if (teamIds.has(team) && teamIds.has(m.team) && team !== m.team) add(path, id, `belongs to team ${team}, not the practitioner's team ${m.team}`);
    };
    // A pattern names clusters, or schools (a half-day at that school, in its cluster).
    const placeRef = (path: DocPath, id: string) => {
      if (clusterTeam.has(id) || !schoolClusterOf.has(id)) clusterRef(path, id, "is not a cluster or school");
      else clusterRef(path, schoolClusterOf.get(id)!, "is not a cluster or school");
    };
    const maxHalf = Math.floor(p.fte * 10 + EPS);
    if (p.pattern && p.allocation) add(at, undefined, "must give either pattern or allocation, not both");
    else if (!p.pattern && !p.allocation) add(at, undefined, "must give a pattern or an allocation");
    else if (p.pattern) {
      const cycle = Array.isArray(p.pattern);
      const weeks = Array.isArray(p.pattern) ? p.pattern : [p.pattern];
      weeks.forEach((w, wi) => {
        const base: DocPath = cycle ? [...at, "pattern", wi] : [...at, "pattern"];
        let halves = 0;
        for (const d of WEEKDAYS) {
          const v = w[d];
          if (v === undefined || v === null) continue;
          if (!Array.isArray(v)) {
            halves += 2;
            placeRef([...base, d], v);
            continue;
          }
          v.forEach((id, k) => {
            if (id === null) return;
            halves++;
            placeRef([...base, d, k], id);
          });
        }
        if (halves > maxHalf) add(base, undefined, `allocates ${halves} half-days, more than fte ${p.fte} allows (${maxHalf} = fte x 10)`);
      });
    } else if (p.allocation) {
      const a = p.allocation;
      const seen = new Set<string>();
      a.clusters.forEach((id, k) => {
        if (seen.has(id)) add([...at, "allocation", "clusters", k], id, "is listed twice");
        seen.add(id);
        clusterRef([...at, "allocation", "clusters", k], id);
      });
      const halfDays = Math.floor((a.days ?? p.fte * roleConfig(model, p.role).caseworkDays) * 2 + EPS);
      if (a.days !== undefined && a.days > p.fte * 5 + EPS) {
        add([...at, "allocation", "days"], a.days, `must be <= fte x 5 = ${+(p.fte * 5).toFixed(2)}`);
      } else if (m.pattern.flat().every((x) => x === null)) {
        add([...at, "allocation"], undefined, `cannot give each of ${a.clusters.length} clusters a half-day (and any fixed practitionerDays) within ${halfDays} half-days`);
      }
    }
    if (m.endDate !== undefined && m.startDate !== undefined && m.endDate < m.startDate) {
      add([...at, "endDate"], m.endDate, `must not be before startDate ${m.startDate}`);
    }
    if (m.training && m.role !== "emhp") add([...at, "training"], undefined, `is only for trainee EMHPs (role is ${m.role})`);
  });
  // The day loop keeps one list of segments per week of the combined cycle.
  let lengths: number[] = [];
  input.practitioners.forEach((p, i) => {
    if (!Array.isArray(p.pattern) || combinedCycleWeeks(lengths) > 52) return;
    lengths = [...lengths, p.pattern.length];
    const all = combinedCycleWeeks(lengths);
    if (all > 52) add(["practitioners", i, "pattern"], undefined, `a cycle of ${p.pattern.length} weeks makes the practitioners' cycles repeat together only every ${all} weeks; at most 52 (use cycle lengths that divide each other, such as 2 and 4)`);
  });
}

/** Weeks after which every practitioner's cycle has come round together (the least common multiple). */
export function combinedCycleWeeks(lengths: readonly number[]): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  return lengths.reduce((l, n) => (l * n) / gcd(l, n), 1);
}

/** Whether the practitioner's team comes from a listed cluster (whose own team is then checked). */
function derivedFromCluster(p: ScenarioInput["practitioners"][number], clusterTeam: Map<string, string>): boolean {
  const days = p.pattern ? (Array.isArray(p.pattern) ? p.pattern : [p.pattern]).flatMap((w) => Object.values(w).flat()) : [];
  return [...days, ...(p.allocation?.clusters ?? [])].some((c) => typeof c === "string" && clusterTeam.has(c));
}

function sumsToOne(path: DocPath, shares: readonly number[], add: Add): void {
  const sum = shares.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > EPS) add(path, undefined, `shares sum to ${+sum.toFixed(6)}; they must sum to 1`);
}

function checkService(model: ServiceModel, add: Add): void {
  const r = model.referrals;
  sumsToOne(["referrals", "needMix"], Object.values(r.needMix), add);
  // In link-meeting mode referrals arrive only at those meetings: none a term means no referrals.
  if (r.mode === "linkMeeting" && model.meetings.linkMeetingsPerTerm < 1) {
    add(["meetings", "linkMeetingsPerTerm"], model.meetings.linkMeetingsPerTerm, "must be >= 1 when referrals.mode is linkMeeting (referrals arrive at those meetings)");
  }
  sumsToOne(["referrals", "ageBands", "primary"], r.ageBands.primary.map((b) => b.share), add);
  for (const [k, bands] of Object.entries(r.ageBands)) if (k !== "primary" && bands) sumsToOne(["referrals", "ageBands", k], bands.map((b) => b.share), add);
  checkDistribution(["triage", "triageDays"], model.triage.triageDays, add);
  checkDistribution(["triage", "consentDays"], model.triage.consentDays, add);
  if (model.waitlist.patienceWeeks) checkDistribution(["waitlist", "patienceWeeks"], model.waitlist.patienceWeeks, add);
  checkDistribution(["casework", "sessions"], model.casework.sessions, add);
  checkDistribution(["workforce", "recruitmentLagWeeks"], model.workforce.recruitmentLagWeeks, add);
  checkDistribution(["mhstPlus", "assessmentSessions"], model.mhstPlus.assessmentSessions, add);
  checkDistribution(["mhstPlus", "interventionSessions"], model.mhstPlus.interventionSessions, add);
  const g = model.groups;
  if (g.minChildren > g.maxChildren) add(["groups", "minChildren"], g.minChildren, `must be <= maxChildren (${g.maxChildren})`);
  // A group session runs within one practitioner day; a dearer session could never be held.
  const groupDays = ROLES.map((r) => roleConfig(model, r)).filter((r) => r.delivers.includes("group")).map((r) => r.slotsPerDay);
  const most = Math.max(0, ...groupDays);
  if (g.enabled && groupDays.length > 0 && g.slotsPerSession > most) {
    add(["groups", "slotsPerSession"], g.slotsPerSession, `must be <= the slots a day of a role that delivers groups (${most}, casework.slotsPerDay or roles.*.slotsPerDay) so a session fits in a day`);
  }
  checkRoles(model, add);
}

// MHST+ is a team-wide caseload: a role cannot hold it beside cluster casework, and the
// pathway needs someone to deliver it.
function checkRoles(model: ServiceModel, add: Add): void {
  for (const role of ROLES) {
    const d = model.roles?.[role]?.delivers;
    if (d && d.includes("mhstPlus") && (d.includes("oneToOne") || d.includes("group"))) {
      add(["roles", role, "delivers"], d, "cannot hold mhstPlus beside oneToOne or group (the MHST+ caseload is team-wide, casework is per cluster)");
    }
  }
  if (model.mhstPlus.enabled && !model.practitioners.some((p) => roleConfig(model, p.role).delivers.includes("mhstPlus"))) {
    add(["mhstPlus", "enabled"], true, "needs a practitioner whose role delivers mhstPlus (role mhstPlus, or roles.<role>.delivers); none is listed");
  }
}

function checkStandards(model: ServiceModel, input: ScenarioInput, add: Add): void {
  const h = model.calendar.horizonDays;
  const runWeeks = h === undefined ? model.calendar.years * 52 : h / 7;
  const why = h === undefined ? "calendar.years x 52" : "calendar.horizon";
  const check = (path: DocPath, weeks: number) => {
    if (weeks > runWeeks) add(path, weeks, `must be <= the run's ${runWeeks} weeks (${why}), or no child's deadline falls within it`);
  };
  check(["standards", "firstContactWeeks"], model.standards.firstContactWeeks);
  input.teams.forEach((t, i) => { if (t.firstContactWeeks !== undefined) check(["teams", i, "firstContactWeeks"], t.firstContactWeeks); });
  const pilot = input.generate?.pilotTeams;
  if (pilot) {
    check(["generate", "pilotTeams", "firstContactWeeks"], pilot.firstContactWeeks);
  }
}

// Supervisees are shared among their team's supervisors (sim/model/supervision.ts); a share
// above the ratio, or more supervision than a supervisor's week holds, cannot be staffed.
function checkSupervision(model: ServiceModel, add: Add): void {
  const plan = supervisionPlan(model);
  const s = model.supervision;
  let worst = -1;
  plan.supervisees.forEach((n, p) => { if (n > s.maxSuperviseesPerSupervisor && (worst < 0 || n > plan.supervisees[worst])) worst = p; });
  if (worst >= 0) {
    const p = model.practitioners[worst];
    add(["supervision", "maxSuperviseesPerSupervisor"], s.maxSuperviseesPerSupervisor, `is exceeded: team ${p.team} gives ${p.id} ${plan.supervisees[worst]} supervisees; add a supervisor (roles ${s.supervisorRoles.join(", ")}) or raise the ratio`);
    return;
  }
  plan.givenSlots.forEach((g, i) => {
    if (g > plan.weekSlots[i] + EPS) {
      const p = model.practitioners[i];
      add(["supervision", "supervisorSlotsPerSupervisee"], s.supervisorSlotsPerSupervisee, `needs ${+g.toFixed(2)} slots a week of ${p.id}, more than the ${+plan.weekSlots[i].toFixed(2)} its fte ${p.fte} holds`);
    }
  });
}
