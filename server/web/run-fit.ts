/**
 * What the run form says about the run size limit: the server tells, per scenario, the size of
 * one replication and the most replications that fit; this only combines and words them.
 */

/** A scenario's run fit, as GET /api/scenarios/:id and POST /api/scenarios/validate give it. */
export interface Fit {
  readonly sizePerReplication: number;
  readonly maxRunSize: number;
  readonly maxReplications: number;
}

/**
 * Replications to offer: `wanted`, or fewer when the scenarios run together (as a comparison
 * runs A and B) would pass the limit; at least 1, so the server can name the problem.
 * @example replicationsFor(10, [{ sizePerReplication: 10319, maxRunSize: 50000, maxReplications: 4 }]) // 4
 */
export function replicationsFor(wanted: number, fits: readonly Fit[]): number {
  const per = fits.reduce((s, f) => s + f.sizePerReplication, 0);
  const limit = fits[0]?.maxRunSize ?? Infinity;
  const most = per === 0 ? Infinity : Math.floor(limit / per);
  return Math.max(1, Math.min(wanted, most));
}

/** The hint under a form, e.g. "At most 4 replications fit the run size limit (4 × 10,319 of 50,000)". */
export function fitText(fits: readonly Fit[]): string {
  const per = fits.reduce((s, f) => s + f.sizePerReplication, 0);
  const limit = fits[0]?.maxRunSize ?? 0;
  const most = per === 0 ? 0 : Math.floor(limit / per);
  const n = (x: number) => x.toLocaleString("en-GB");
  if (most === 0) return `Not even one replication fits the run size limit: one replication is ${n(per)} (years × schools), the limit ${n(limit)}.`;
  return `At most ${n(most)} replication${most === 1 ? "" : "s"} fit the run size limit (${n(most)} × ${n(per)} years × schools of ${n(limit)}).`;
}
