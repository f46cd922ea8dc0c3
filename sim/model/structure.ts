/**
 * Static indices derived once from a {@link ServiceModel}: integer ids for teams, clusters,
 * schools and practitioners, each practitioner's weekly slot segments, caseload buckets
 * and the named practitioner of each cluster.
 */

import type { ServiceModel } from "./config.js";

/**
 * A practitioner's caseload in one cluster (or, for an MHST+ practitioner, across the team).
 * `caseloadCap` is a full-time (10 half-days a week) figure; each cluster's bucket holds
 * max(1, round(caseloadCap × half-days in the cluster / 10)).
 */
export interface Bucket {
  readonly practitioner: number;
  /** Cluster index, or -1 for an MHST+ practitioner's team-wide caseload. */
  readonly cluster: number;
  /** Open cases (a running group counts as `slotsPerSession` cases) the bucket may hold. */
  readonly cap: number;
}

/** Integer indices and weekly slot segments of a service. */
export interface Structure {
  readonly teamIndex: ReadonlyMap<string, number>;
  readonly clusterIndex: ReadonlyMap<string, number>;
  /** Team index of each cluster. */
  readonly clusterTeam: Int32Array;
  /** Cluster index of each school. */
  readonly schoolCluster: Int32Array;
  /** School indices of each cluster, in model order. */
  readonly clusterSchools: readonly (readonly number[])[];
  /** Team index of each practitioner. */
  readonly practitionerTeam: Int32Array;
  /** 1 for an MHST+ practitioner. */
  readonly isPlus: Uint8Array;
  /**
   * Segments of each practitioner's weekday, flattened: index (p * 5 + weekday) * 2 + k for
   * k = 0 (morning or whole day) and 1 (afternoon when it serves another cluster).
   * `segCluster` is -1 for no segment.
   */
  readonly segCluster: Int32Array;
  /** Slots of each segment (whole number). */
  readonly segSlots: Int32Array;
  /** Bucket of each segment, or -1. */
  readonly segBucket: Int32Array;
  readonly buckets: readonly Bucket[];
  /** Cap of each bucket (as in `buckets`, flat for the day loop). */
  readonly bucketCap: Int32Array;
  /** Segment indices with a cluster, per weekday (0 = Monday … 4 = Friday), practitioner order. */
  readonly daySegments: readonly Int32Array[];
  /** Named practitioner of each cluster (most half-days there, first in order on ties), or -1. */
  readonly named: Int32Array;
  /** 1 when a team has at least one MHST+ practitioner. */
  readonly teamHasPlus: Uint8Array;
}

const EPS = 1e-9;

/**
 * Builds the static indices. Half-day slots: the k-th half-day (0-based, in week order) a
 * practitioner gives a cluster gets floor((k+1)·S/2) − floor(k·S/2) slots, S = slotsPerDay,
 * so a whole day is always S and the week's total for the cluster is floor(halfDays·S/2).
 * @throws RangeError naming the field when an id is unknown or a pattern is malformed.
 */
export function buildStructure(model: ServiceModel): Structure {
  const teamIndex = new Map(model.teams.map((t, i) => [t.id, i]));
  const clusterIndex = new Map(model.clusters.map((c, i) => [c.id, i]));
  const nC = model.clusters.length;
  const nP = model.practitioners.length;
  const clusterTeam = Int32Array.from(model.clusters, (c, i) => lookup(teamIndex, c.team, `clusters[${i}].team`));
  const schoolCluster = Int32Array.from(model.schools, (s, i) => lookup(clusterIndex, s.cluster, `schools[${i}].cluster`));
  const clusterSchools: number[][] = Array.from({ length: nC }, () => []);
  schoolCluster.forEach((c, s) => clusterSchools[c].push(s));
  const practitionerTeam = Int32Array.from(model.practitioners, (p, i) => lookup(teamIndex, p.team, `practitioners[${i}].team`));
  const isPlus = Uint8Array.from(model.practitioners, (p) => (p.role === "mhstPlus" ? 1 : 0));
  const S = model.casework.slotsPerDay;
  const segCluster = new Int32Array(nP * 10).fill(-1);
  const segSlots = new Int32Array(nP * 10);
  const segBucket = new Int32Array(nP * 10).fill(-1);
  const buckets: Bucket[] = [];
  const halfDays = new Int32Array(nP * nC);
  model.practitioners.forEach((p, pi) => {
    if (p.pattern.length !== 5) throw new RangeError(`practitioners[${pi}].pattern: ${p.pattern.length} days must be 5 (Monday..Friday)`);
    const seen = new Int32Array(nC);
    for (let wd = 0; wd < 5; wd++) {
      let k = -1;
      let prev = -2;
      for (let h = 0; h < 2; h++) {
        const id = p.pattern[wd][h];
        if (id === null) {
          prev = -2;
          continue;
        }
        const c = lookup(clusterIndex, id, `practitioners[${pi}].pattern[${wd}][${h}]`);
        const n = seen[c]++;
        const slots = Math.floor(((n + 1) * S) / 2 + EPS) - Math.floor((n * S) / 2 + EPS);
        halfDays[pi * nC + c]++;
        if (c !== prev) k++;
        const at = (pi * 5 + wd) * 2 + k;
        segCluster[at] = c;
        segSlots[at] += slots;
        prev = c;
      }
    }
    // Buckets: the cap is for a full week (10 half-days), pro rata to each cluster's half-days,
    // so giving a cluster more days never shrinks the caseload elsewhere.
    const cap = model.casework.caseloadCap;
    const proRata = (half: number) => Math.max(1, Math.round((cap * half) / 10));
    if (isPlus[pi]) {
      const b = buckets.push({ practitioner: pi, cluster: -1, cap: proRata(seen.reduce((a, n) => a + n, 0)) }) - 1;
      for (let k = 0; k < 10; k++) if (segCluster[pi * 10 + k] >= 0) segBucket[pi * 10 + k] = b;
      return;
    }
    for (let c = 0; c < nC; c++) {
      if (!seen[c]) continue;
      const b = buckets.push({ practitioner: pi, cluster: c, cap: proRata(seen[c]) }) - 1;
      for (let k = 0; k < 10; k++) if (segCluster[pi * 10 + k] === c) segBucket[pi * 10 + k] = b;
    }
  });
  const named = new Int32Array(nC).fill(-1);
  for (let c = 0; c < nC; c++) {
    let best = 0;
    for (let p = 0; p < nP; p++) {
      if (!isPlus[p] && halfDays[p * nC + c] > best) {
        best = halfDays[p * nC + c];
        named[c] = p;
      }
    }
  }
  const teamHasPlus = new Uint8Array(model.teams.length);
  for (let p = 0; p < nP; p++) if (isPlus[p]) teamHasPlus[practitionerTeam[p]] = 1;
  const bucketCap = Int32Array.from(buckets, (b) => b.cap);
  const daySegments = [0, 1, 2, 3, 4].map((wd) => {
    const list: number[] = [];
    for (let p = 0; p < nP; p++) for (let k = 0; k < 2; k++) if (segCluster[(p * 5 + wd) * 2 + k] >= 0) list.push((p * 5 + wd) * 2 + k);
    return Int32Array.from(list);
  });
  return {
    bucketCap, daySegments, teamIndex, clusterIndex, clusterTeam, schoolCluster, clusterSchools, practitionerTeam, isPlus,
    segCluster, segSlots, segBucket, buckets, named, teamHasPlus,
  };
}

function lookup(map: ReadonlyMap<string, number>, id: string, field: string): number {
  const i = map.get(id);
  if (i === undefined) throw new RangeError(`${field}: ${JSON.stringify(id)} is not a known id`);
  return i;
}
