import type { WeekPattern } from "../../sim/model/config.js";

/** A cluster competing for a practitioner's half-days. */
export interface AllocationClaim {
  readonly id: string;
  readonly pupils: number;
  /** Fixed days a week (cluster `practitionerDays`), instead of the pupil share. */
  readonly fixedDays?: number;
}

/**
 * Shares `halfDays` half-days between clusters in proportion to pupils (Ealing: 1–1.5 days a week
 * per cluster by pupil numbers). Fixed clusters take 2 x days first; every other cluster gets one
 * half-day, then each further half-day goes to the cluster with the highest pupils / (given + 0.5)
 * (Sainte-Laguë), ties to the larger cluster and then the earlier one, so a bigger cluster never
 * gets fewer half-days than a smaller one.
 * @returns half-days per cluster in input order, or undefined when the clusters cannot all get one.
 * @example allocateHalfDays([{ id: "a", pupils: 600 }, { id: "b", pupils: 300 }], 10) // [6, 4]
 */
export function allocateHalfDays(claims: readonly AllocationClaim[], halfDays: number): number[] | undefined {
  const given = claims.map((c) => (c.fixedDays === undefined ? 1 : Math.round(c.fixedDays * 2)));
  let left = halfDays - given.reduce((a, b) => a + b, 0);
  if (left < 0) return undefined;
  const free = claims.map((c, i) => i).filter((i) => claims[i]!.fixedDays === undefined);
  if (free.length === 0) return given;
  for (; left > 0; left--) {
    let best = free[0]!;
    for (const i of free) {
      const pi = claims[i]!.pupils / (given[i]! + 0.5);
      const pb = claims[best]!.pupils / (given[best]! + 0.5);
      if (pi > pb || (pi === pb && claims[i]!.pupils > claims[best]!.pupils)) best = i;
    }
    given[best]! += 1;
  }
  return given;
}

/**
 * Lays half-day counts out as a week from Monday morning, cluster after cluster; the rest of
 * the week is null (not clinical or not working).
 * @example layOut(["a", "b"], [3, 2]) // [["a","a"],["a","b"],["b",null],[null,null],[null,null]]
 */
export function layOut(ids: readonly string[], counts: readonly number[]): WeekPattern {
  const halves: (string | null)[] = [];
  ids.forEach((id, i) => { for (let k = 0; k < counts[i]!; k++) halves.push(id); });
  while (halves.length < 10) halves.push(null);
  return [0, 1, 2, 3, 4].map((d) => [halves[2 * d]!, halves[2 * d + 1]!] as const);
}
