/**
 * Independent parts of a service. Teams share no children, lines, practitioners or tasks, so
 * a replication may simulate one part of the service over the whole horizon, then the next,
 * instead of every team day by day. Each part's children, lines and counters then stay in the
 * processor's cache while it is simulated, which a national service (607 teams, a million
 * children over three years) otherwise does not: its cost per event was about three times a
 * wave's of 59 teams when every team was simulated day by day.
 *
 * The result is identical: every draw is keyed by the child, post or school it is for, and the
 * events of one part keep their order among themselves (the calendar orders by time, priority
 * and the order they were scheduled in, and a part schedules its events in the order the whole
 * service did).
 *
 * A part is a set of teams joined by practitioners who work in another team's clusters, with
 * whole ranges of cluster, practitioner and seat indices (so its weekly counters are one range
 * of rows); teams whose indices interleave fall into one part.
 */

import type { ServiceModel } from "./config.js";
import type { Structure } from "./structure.js";

/** One part: index ranges [from, to) of its clusters, practitioners and seats, and its segments of each day. */
export interface Part {
  readonly clusterFrom: number;
  readonly clusterTo: number;
  readonly practitionerFrom: number;
  readonly practitionerTo: number;
  readonly seatFrom: number;
  readonly seatTo: number;
  /** Its slice of {@link Structure.daySegments} (same index: cycle week × 5 + weekday). */
  readonly daySegments: readonly Int32Array[];
}

/** Practitioners a part gathers before it is closed: few enough to stay in cache, enough that the per-part calendar costs little. */
const POSTS_PER_PART = 32;

/**
 * Splits a service into parts (see the file header). A service whose teams cannot be split into
 * index ranges is one part, simulated as a whole.
 * @param postsPerPart consecutive independent teams are joined until a part has this many
 *   practitioners; 0 gives the whole service as one part.
 */
export function buildParts(model: ServiceModel, st: Structure, postsPerPart = POSTS_PER_PART): readonly Part[] {
  const nC = model.clusters.length;
  const nP = model.practitioners.length;
  const nT = model.teams.length;
  const seatStart = seatStarts(st, nP);
  const whole = [part(st, 0, nC, 0, nP, seatStart)];
  if (postsPerPart <= 0 || nT < 2) return whole;
  // Teams joined by a practitioner working in another team's cluster.
  const root = Int32Array.from({ length: nT }, (_, i) => i);
  const find = (i: number): number => {
    while (root[i] !== i) i = root[i] = root[root[i]];
    return i;
  };
  const join = (a: number, b: number) => {
    const x = find(a);
    const y = find(b);
    if (x !== y) root[Math.max(x, y)] = Math.min(x, y);
  };
  for (let s = 0; s < st.segCluster.length; s++) {
    const c = st.segCluster[s];
    if (c >= 0) join(st.practitionerTeam[(s / st.segsPerPost) | 0], st.clusterTeam[c]);
  }
  // Each group of teams as index ranges; groups whose ranges overlap are joined until none do.
  const cLo = new Int32Array(nT);
  const cHi = new Int32Array(nT);
  const pLo = new Int32Array(nT);
  const pHi = new Int32Array(nT);
  const ranges = (lo: Int32Array, hi: Int32Array, n: number, teamOf: Int32Array) => {
    lo.fill(n);
    hi.fill(-1);
    for (let i = 0; i < n; i++) {
      const g = find(teamOf[i]);
      lo[g] = Math.min(lo[g], i);
      hi[g] = Math.max(hi[g], i);
    }
  };
  const joinOverlaps = (lo: Int32Array, hi: Int32Array, n: number) => {
    const at = new Int32Array(n).fill(-1);
    let joined = false;
    for (let g = 0; g < nT; g++) {
      if (root[g] !== g) continue;
      for (let i = lo[g]; i <= hi[g]; i++) {
        if (at[i] >= 0 && find(at[i]) !== find(g)) {
          join(at[i], g);
          joined = true;
        }
        at[i] = g;
      }
    }
    return joined;
  };
  do {
    ranges(cLo, cHi, nC, st.clusterTeam);
    ranges(pLo, pHi, nP, st.practitionerTeam);
  } while (joinOverlaps(cLo, cHi, nC) || joinOverlaps(pLo, pHi, nP));
  // Groups in cluster order, joined while both ranges run on; any other layout is one part.
  const groups = [...new Set(Array.from({ length: nT }, (_, t) => find(t)))].filter((g) => cHi[g] >= 0 && pHi[g] >= 0).sort((a, b) => cLo[a] - cLo[b]);
  const parts: Part[] = [];
  let c0 = 0;
  let p0 = 0;
  let c1 = 0;
  let p1 = 0;
  for (const g of groups) {
    if (cLo[g] !== c1 || pLo[g] !== p1) return whole;
    c1 = cHi[g] + 1;
    p1 = pHi[g] + 1;
    if (p1 - p0 >= postsPerPart) {
      parts.push(part(st, c0, c1, p0, p1, seatStart));
      c0 = c1;
      p0 = p1;
    }
  }
  if (c1 !== nC || p1 !== nP) return whole;
  if (c1 > c0 || p1 > p0) parts.push(part(st, c0, c1, p0, p1, seatStart));
  return parts;
}

/** First seat of each practitioner (seats are numbered practitioner by practitioner), and the seat count at [nP]. */
function seatStarts(st: Structure, nP: number): Int32Array {
  const start = new Int32Array(nP + 1);
  for (let p = 0; p < nP; p++) {
    let top = start[p] - 1;
    for (let k = p * st.segsPerPost; k < (p + 1) * st.segsPerPost; k++) top = Math.max(top, st.segSeat[k]);
    start[p + 1] = top + 1;
  }
  return start;
}

function part(st: Structure, clusterFrom: number, clusterTo: number, practitionerFrom: number, practitionerTo: number, seatStart: Int32Array): Part {
  const from = practitionerFrom * st.segsPerPost;
  const to = practitionerTo * st.segsPerPost;
  // Each day's segments are in practitioner order, so a part's are one slice.
  const daySegments = st.daySegments.map((segs) => {
    let a = 0;
    while (a < segs.length && segs[a] < from) a++;
    let b = a;
    while (b < segs.length && segs[b] < to) b++;
    return segs.subarray(a, b);
  });
  return { clusterFrom, clusterTo, practitionerFrom, practitionerTo, seatFrom: seatStart[practitionerFrom], seatTo: seatStart[practitionerTo], daySegments };
}
