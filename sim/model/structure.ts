/**
 * Static indices derived once from a {@link ServiceModel}: integer ids for teams, clusters,
 * schools and practitioners; each practitioner's weekly segments (a cluster's half or whole
 * day), the caseload cap of each post, the waiting lines each segment may start children
 * from, and the non-clinical time each post owes each of its clusters a week.
 */

import type { ServiceModel } from "./config.js";
import { practitionerRoles } from "./roles.js";
import { supervisionPlan } from "./supervision.js";

/**
 * Where a practitioner's open cases are seen: a cluster's segments, or (MHST+, whose list
 * is team-wide) any of the practitioner's segments.
 */
export interface Bucket {
  readonly practitioner: number;
  /** Cluster index, or -1 for an MHST+ practitioner's team-wide caseload. */
  readonly cluster: number;
}

/** Integer indices and weekly segments of a service. */
export interface Structure {
  readonly teamIndex: ReadonlyMap<string, number>;
  readonly clusterIndex: ReadonlyMap<string, number>;
  /** Team index of each cluster. */
  readonly clusterTeam: Int32Array;
  /** Cluster indices of each team. */
  readonly teamClusters: readonly Int32Array[];
  /** Cluster index of each school. */
  readonly schoolCluster: Int32Array;
  /** School indices of each cluster, in model order. */
  readonly clusterSchools: readonly (readonly number[])[];
  /** Team index of each practitioner. */
  readonly practitionerTeam: Int32Array;
  /** 1 for a practitioner whose role delivers MHST+ (a team-wide caseload). */
  readonly isPlus: Uint8Array;
  /** 1 for a practitioner whose role delivers 1:1 casework, and group work. */
  readonly doesOne: Uint8Array;
  readonly doesGroup: Uint8Array;
  /** Slots per half-day of each practitioner in term, and on a working day outside term (virtual contacts). */
  readonly halfSlotsInTerm: Float64Array;
  readonly halfSlotsOutOfTerm: Float64Array;
  /**
   * Segments of each practitioner's weekdays, flattened: index p × segsPerPost + (cw × 5 +
   * weekday) × 2 + k for week cw of the post's cycle and k = 0 (morning or whole day) and 1
   * (afternoon when it serves another cluster or school). `segCluster` is -1 for no segment.
   */
  readonly segsPerPost: number;
  readonly segCluster: Int32Array;
  /** School named for the segment (a half-day at that school), or -1 for the whole cluster. */
  readonly segSchool: Int32Array;
  /** Weeks after which every post's cycle comes round together (1 without cycles). */
  readonly cycleWeeks: number;
  /** Half-days in each segment (1 or 2). */
  readonly segHalves: Int32Array;
  /** Bucket of each segment, or -1. */
  readonly segBucket: Int32Array;
  /** Seat (practitioner × cluster) of each segment, or -1: non-clinical time is owed per seat. */
  readonly segSeat: Int32Array;
  /** Clusters whose lines a segment may start children from: segLines[segLineStart[s] .. segLineStart[s+1]). */
  readonly segLineStart: Int32Array;
  readonly segLines: Int32Array;
  readonly buckets: readonly Bucket[];
  /** Buckets working in each cluster (practitioner order). */
  readonly clusterBuckets: readonly Int32Array[];
  /**
   * Supervision (received and given) and admin slots each seat owes a term week on average:
   * the post's weekly total shared by the seat's half-days (fractions; see {@link owedInWeek}).
   */
  readonly seatSupervision: Float64Array;
  readonly seatAdmin: Float64Array;
  /** Each seat's offset in [0, 1) for {@link owedInWeek} (kept so the week loop does not recompute it). */
  readonly seatOffset: Float64Array;
  /** Buckets of each practitioner. */
  readonly bucketsOf: readonly Int32Array[];
  /** Caseload cap of each post when qualified, and during a trainee's course. */
  readonly cap: Int32Array;
  readonly traineeCap: Int32Array;
  /**
   * Segment indices with a cluster for week q of the combined cycle and weekday wd (0 = Monday
   * … 4 = Friday), at q × 5 + wd, practitioner order.
   */
  readonly daySegments: readonly Int32Array[];
  /** Named practitioner of each cluster (most half-days there, first in order on ties), or -1. */
  readonly named: Int32Array;
  /** 1 when a team has at least one MHST+ practitioner. */
  readonly teamHasPlus: Uint8Array;
}

/**
 * Builds the static indices.
 * @throws RangeError naming the field when an id is unknown or a pattern is malformed.
 */
export function buildStructure(model: ServiceModel): Structure {
  const teamIndex = new Map(model.teams.map((t, i) => [t.id, i]));
  const clusterIndex = new Map(model.clusters.map((c, i) => [c.id, i]));
  const nC = model.clusters.length;
  const nP = model.practitioners.length;
  const clusterTeam = Int32Array.from(model.clusters, (c, i) => lookup(teamIndex, c.team, `clusters[${i}].team`));
  const teamLists: number[][] = model.teams.map(() => []);
  clusterTeam.forEach((t, c) => teamLists[t].push(c));
  const teamClusters = teamLists.map((l) => Int32Array.from(l));
  const schoolCluster = Int32Array.from(model.schools, (s, i) => lookup(clusterIndex, s.cluster, `schools[${i}].cluster`));
  const clusterSchools: number[][] = Array.from({ length: nC }, () => []);
  schoolCluster.forEach((c, s) => clusterSchools[c].push(s));
  const practitionerTeam = Int32Array.from(model.practitioners, (p, i) => lookup(teamIndex, p.team, `practitioners[${i}].team`));
  const roles = practitionerRoles(model);
  const isPlus = Uint8Array.from(roles, (r) => (r.delivers.includes("mhstPlus") ? 1 : 0));
  const doesOne = Uint8Array.from(roles, (r) => (r.delivers.includes("oneToOne") ? 1 : 0));
  const doesGroup = Uint8Array.from(roles, (r) => (r.delivers.includes("group") ? 1 : 0));
  const outShare = model.calendar.virtualOutsideTermShare;
  const halfSlotsInTerm = Float64Array.from(roles, (r) => 1 * r.slotsPerDay * 0.5);
  const halfSlotsOutOfTerm = Float64Array.from(roles, (r) => outShare * r.slotsPerDay * 0.5);
  // Segments: a block of SPP per post, week of its cycle cw, weekday wd, k-th segment of the day.
  const cycles = model.practitioners.map((p) => p.cycle ?? [p.pattern]);
  const lengths = cycles.map((c) => c.length);
  const SPP = 10 * Math.max(1, ...lengths);
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const cycleWeeks = lengths.reduce((l, n) => (l * n) / gcd(l, n), 1);
  const schoolIndex = new Map(model.schools.map((x, i) => [x.id, i]));
  const segCluster = new Int32Array(nP * SPP).fill(-1);
  const segSchool = new Int32Array(nP * SPP).fill(-1);
  const segHalves = new Int32Array(nP * SPP);
  const segBucket = new Int32Array(nP * SPP).fill(-1);
  const segSeat = new Int32Array(nP * SPP).fill(-1);
  const buckets: Bucket[] = [];
  const clusterBucketLists: number[][] = Array.from({ length: nC }, () => []);
  const seatHalves: number[] = [];
  const seatOf: number[] = [];
  const named = new Int32Array(nC).fill(-1);
  const namedHalves = new Float64Array(nC);
  model.practitioners.forEach((p, pi) => {
    const seen = new Int32Array(nC);
    cycles[pi].forEach((week, cw) => {
      if (week.length !== 5) throw new RangeError(`practitioners[${pi}].pattern: ${week.length} days must be 5 (Monday..Friday)`);
      const visit = p.visits?.[cw];
      for (let wd = 0; wd < 5; wd++) {
        let k = -1;
        let prev = -2;
        for (let h = 0; h < 2; h++) {
          const id = week[wd][h];
          if (id === null) {
            prev = -2;
            continue;
          }
          const c = lookup(clusterIndex, id, `practitioners[${pi}].pattern[${wd}][${h}]`);
          const sid = visit?.[wd]?.[h] ?? null;
          const school = sid === null ? -1 : lookup(schoolIndex, sid, `practitioners[${pi}].visits[${cw}][${wd}][${h}]`);
          seen[c]++;
          // A new segment where the cluster or the named school changes.
          const key = c * (model.schools.length + 1) + school + 1;
          if (key !== prev) k++;
          const at = pi * SPP + (cw * 5 + wd) * 2 + k;
          segCluster[at] = c;
          segSchool[at] = school;
          segHalves[at]++;
          prev = key;
        }
      }
    });
    const L = lengths[pi];
    const seats = new Map<number, number>();
    for (let c = 0; c < nC; c++) {
      if (!seen[c]) continue;
      seats.set(c, seatHalves.push(seen[c]) - 1);
      seatOf.push(pi);
      if (!isPlus[pi] && doesOne[pi] && seen[c] / L > namedHalves[c]) {
        namedHalves[c] = seen[c] / L;
        named[c] = pi;
      }
    }
    for (let k = 0; k < SPP; k++) if (segCluster[pi * SPP + k] >= 0) segSeat[pi * SPP + k] = seats.get(segCluster[pi * SPP + k])!;
    if (isPlus[pi]) {
      const b = buckets.push({ practitioner: pi, cluster: -1 }) - 1;
      for (let k = 0; k < SPP; k++) if (segCluster[pi * SPP + k] >= 0) segBucket[pi * SPP + k] = b;
      return;
    }
    for (let c = 0; c < nC; c++) {
      if (!seen[c]) continue;
      const b = buckets.push({ practitioner: pi, cluster: c }) - 1;
      clusterBucketLists[c].push(b);
      for (let k = 0; k < SPP; k++) if (segCluster[pi * SPP + k] === c) segBucket[pi * SPP + k] = b;
    }
  });
  // Reachable lines (sim/model/README.md, "Who may start whom").
  const scope = model.waitlist.scope;
  const namedFor: number[][] = Array.from({ length: nP }, () => []);
  named.forEach((p, c) => { if (p >= 0) namedFor[p].push(c); });
  const segLineStart = new Int32Array(nP * SPP + 1);
  const lines: number[] = [];
  for (let s = 0; s < nP * SPP; s++) {
    const c = segCluster[s];
    const p = (s / SPP) | 0;
    if (c >= 0 && !isPlus[p]) {
      const reach = scope === "team" ? Array.from(teamClusters[clusterTeam[c]]) : scope === "practitioner" ? [c, ...namedFor[p].filter((x) => x !== c)] : [c];
      if (scope === "team") reach.sort((a, b) => (a === c ? -1 : b === c ? 1 : a - b));
      lines.push(...reach);
    }
    segLineStart[s + 1] = lines.length;
  }
  // Non-clinical time: each post's weekly owing shared over its seats by half-days, as exact
  // fractions; owedInWeek turns them into whole slots week by week without drift.
  const plan = supervisionPlan(model);
  const m = model.meetings;
  const seatSupervision = new Float64Array(seatHalves.length);
  const seatAdmin = new Float64Array(seatHalves.length);
  const postHalves = new Float64Array(nP);
  seatHalves.forEach((h, k) => (postHalves[seatOf[k]] += h));
  seatHalves.forEach((h, k) => {
    const p = seatOf[k];
    seatSupervision[k] = ((roles[p].supervisionSlotsPerWeek + plan.fromClinical[p]) * h) / postHalves[p];
    seatAdmin[k] = (m.adminSlotsPerWeek * h) / postHalves[p];
  });
  const seatOffset = Float64Array.from(seatHalves, (_, k) => seatOffsetOf(k));
  const bucketLists: number[][] = Array.from({ length: nP }, () => []);
  buckets.forEach((b, i) => bucketLists[b.practitioner].push(i));
  // A post holds round(cap × fte), at least one case unless its role holds none.
  const least = (x: number, cc: number) => (cc === 0 ? 0 : Math.max(1, x));
  const cap = Int32Array.from(model.practitioners, (p, i) => least(Math.round(roles[i].caseloadCap * p.fte), roles[i].caseloadCap));
  const traineeCap = Int32Array.from(cap, (c) => least(Math.round(c * model.casework.traineeCaseloadShare), c));
  const teamHasPlus = new Uint8Array(model.teams.length);
  for (let p = 0; p < nP; p++) if (isPlus[p]) teamHasPlus[practitionerTeam[p]] = 1;
  const daySegments = Array.from({ length: cycleWeeks * 5 }, (_, qd) => {
    const q = Math.floor(qd / 5);
    const wd = qd % 5;
    const list: number[] = [];
    for (let p = 0; p < nP; p++) {
      const at = p * SPP + ((q % lengths[p]) * 5 + wd) * 2;
      for (let k = 0; k < 2; k++) if (segCluster[at + k] >= 0) list.push(at + k);
    }
    return Int32Array.from(list);
  });
  return {
    teamIndex, clusterIndex, clusterTeam, teamClusters, schoolCluster, clusterSchools, practitionerTeam, isPlus, doesOne, doesGroup,
    halfSlotsInTerm, halfSlotsOutOfTerm,
    segsPerPost: SPP, cycleWeeks, segSchool, segCluster, segHalves, segBucket, segSeat, segLineStart, segLines: Int32Array.from(lines), buckets,
    clusterBuckets: clusterBucketLists.map((l) => Int32Array.from(l)), seatSupervision, seatAdmin, seatOffset,
    bucketsOf: bucketLists.map((l) => Int32Array.from(l)), cap, traineeCap, daySegments, named, teamHasPlus,
  };
}

/**
 * Whole slots a seat owes in its k-th term week (k = 0, 1, …) at `rate` slots a week on
 * average: floor(rate·(k+1) + o) − floor(rate·k + o), with a per-seat offset o in [0, 1), so that
 * over any run of weeks the seat owes its share to within one slot, and seats of one post take
 * their turns in different weeks rather than all in the first cluster.
 * @example owedInWeek(0.25, 3, 0) // 1 (a quarter slot a week: one slot every fourth week)
 */
export function owedInWeek(rate: number, k: number, seat: number): number {
  return owedWithOffset(rate, k, seatOffsetOf(seat));
}

/** {@link owedInWeek} with the seat's offset given ({@link Structure.seatOffset}). */
export function owedWithOffset(rate: number, k: number, o: number): number {
  return Math.floor(rate * (k + 1) + o + 1e-9) - Math.floor(rate * k + o + 1e-9);
}

/** The offset of {@link owedInWeek} for a seat: the fractional part of seat × the golden ratio's inverse. */
function seatOffsetOf(seat: number): number {
  return (seat * 0.6180339887498949) % 1;
}

function lookup(map: ReadonlyMap<string, number>, id: string, field: string): number {
  const i = map.get(id);
  if (i === undefined) throw new RangeError(`${field}: ${JSON.stringify(id)} is not a known id`);
  return i;
}
