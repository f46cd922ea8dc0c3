import type { Cluster, Phase, Practitioner, Role, School, Team } from "../../sim/model/config.js";
import { PHASES, ROLES } from "../../sim/model/config.js";
import type { TemplateInput } from "../schema/index.js";
import { allocateHalfDays, layOut } from "./allocate.js";

/** Teams, clusters, schools and practitioners made from a team template. */
export interface Expanded {
  teams: Team[];
  clusters: Cluster[];
  schools: School[];
  practitioners: Practitioner[];
}

/**
 * Largest-remainder rounding of `total` into parts proportional to `weights` (ties to the
 * earlier part), so the parts are whole numbers that add up to `total` exactly.
 * @example apportion(20, [0.7, 0.25, 0.03, 0.02]) // [14, 5, 1, 0]
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const quotas = weights.map((w) => (total * w) / sum);
  const parts = quotas.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = quotas.map((q, i) => i).sort((a, b) => quotas[b]! - Math.floor(quotas[b]!) - (quotas[a]! - Math.floor(quotas[a]!)) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left--;
  }
  return parts;
}

/**
 * Expands a team template deterministically: every team is identical. Schools are listed by
 * phase (phase shares by largest remainder), pupils shared by phase weights, schools split into
 * consecutive clusters. The team's practitioner half-days are shared between clusters by pupil
 * numbers with the same rule as a `byPupils` allocation (at least one each, Sainte-Laguë),
 * then laid end to end: practitioners in role order take their half-days in cluster order, so
 * a practitioner may cover the end of one cluster and the start of the next.
 * @example expandTemplate({ teams: 2, idPrefix: "t", schoolsPerTeam: 20, ... }).teams.length // 2
 */
export function expandTemplate(t: TemplateInput, calendarStart: string, caseworkDays: (role: Role) => number = () => 5): Expanded {
  const out: Expanded = { teams: [], clusters: [], schools: [], practitioners: [] };
  const width = Math.max(3, String(t.teams).length);
  const phaseCounts = apportion(t.schoolsPerTeam, PHASES.map((p) => t.phaseMix[p]));
  const phases: Phase[] = PHASES.flatMap((p, i) => Array<Phase>(phaseCounts[i]!).fill(p));
  const pupils = apportion(t.pupilsPerTeam, phases.map((p) => t.pupilWeights[p]));
  const nClusters = Math.min(t.clustersPerTeam, t.schoolsPerTeam);
  const clusterOf = (i: number) => Math.floor((i * nClusters) / phases.length);
  const clusterPupils = Array<number>(nClusters).fill(0);
  phases.forEach((_, i) => { clusterPupils[clusterOf(i)]! += pupils[i]!; });
  const roles: Role[] = ROLES.flatMap((r) => Array<Role>(t.staff[r]).fill(r));
  const halfDaysOf = roles.map((r) => Math.floor(t.fte * caseworkDays(r) * 2 + 1e-9));
  const firstHalf = halfDaysOf.map((_, j) => halfDaysOf.slice(0, j).reduce((a, b) => a + b, 0));
  const allHalves = halfDaysOf.reduce((a, b) => a + b, 0);

  for (let k = 1; k <= t.teams; k++) {
    const team = `${t.idPrefix}${String(k).padStart(width, "0")}`;
    const pilot = t.pilotTeams && k <= t.pilotTeams.count ? { firstContactWeeks: t.pilotTeams.firstContactWeeks } : {};
    out.teams.push({ id: team, name: `Team ${team}`, ...pilot });
    const cid = (c: number) => `${team}-c${c + 1}`;
    for (let c = 0; c < nClusters; c++) out.clusters.push({ id: cid(c), name: `${team} cluster ${c + 1}`, team });
    phases.forEach((phase, i) => {
      const id = `${team}-s${String(i + 1).padStart(2, "0")}`;
      out.schools.push({ id, name: `${team} ${phase} ${i + 1}`, phase, pupils: pupils[i]!, cluster: cid(clusterOf(i)) });
    });
    const perRole = new Map<string, number>();
    const shares = allocateHalfDays(clusterPupils.map((pupils, c) => ({ id: cid(c), pupils })), allHalves) ?? clusterPupils.map(() => 0);
    const queue: number[] = shares.flatMap((n, c) => Array<number>(n).fill(c));
    roles.forEach((role, j) => {
      const nth = (perRole.get(role) ?? 0) + 1;
      perRole.set(role, nth);
      const mine = queue.slice(firstHalf[j], firstHalf[j]! + halfDaysOf[j]!);
      const ids = [...new Set(mine)];
      out.practitioners.push({
        id: `${team}-${role}-${nth}`,
        name: `${team} ${role} ${nth}`,
        role,
        team,
        fte: t.fte,
        pattern: layOut(ids.map(cid), ids.map((c) => mine.filter((x) => x === c).length)),
        startDate: calendarStart,
      });
    });
  }
  return out;
}
