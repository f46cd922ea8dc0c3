/**
 * KPIs of one replication over the whole service, one team or one cluster: the scope's part
 * of {@link computeKpisByScope}, so that one definition of every KPI serves both.
 */

import { computeKpisByScope } from "./kpis-by-scope.js";
import type { RunRecords } from "./records.js";
import { COLUMNS } from "./run-records.js";

/** Scope of a KPI computation: the whole service (empty), one team, or one cluster. */
export interface KpiScope {
  readonly team?: string;
  readonly cluster?: string;
}

/**
 * KPIs of one replication. Keys: every `KPI_NAMES` entry, `utilisation.<activity>` for each
 * activity, and the extra counts `initialWaiting`, `declined`, `inTriageEnd`, `openEnd`,
 * `standardDue`, `seenWithinStandard` (definitions in `KPI_DOCS`). Conservation: referrals +
 * initialWaiting = signposted + declined + started + withdrawn + waitlistEnd + inTriageEnd.
 *
 * Cost: O(cases + weeks × clusters).
 * @example
 * computeKpis(simulate(model, { seed: 1, replication: 0 }), { cluster: "north" }).waitWeeksMedian;
 */
export function computeKpis(records: RunRecords, scope: KpiScope = {}): Record<string, number> {
  const columns = COLUMNS in records;
  if (scope.cluster !== undefined) {
    const out = computeKpisByScope(records, { teams: false, clusters: true, ...(columns ? {} : { scopes: { teams: [], clusters: [{ id: scope.cluster, team: scope.team ?? "" }] } }) });
    return out.clusters.get(scope.cluster) ?? computeKpisByScope({ ...records, cases: [], weeks: [] }).service;
  }
  if (scope.team !== undefined) {
    const out = computeKpisByScope(records, { teams: true, clusters: false, ...(columns ? {} : { scopes: { teams: [{ id: scope.team }], clusters: [] } }) });
    return out.teams.get(scope.team) ?? computeKpisByScope({ ...records, cases: [], weeks: [] }).service;
  }
  return computeKpisByScope(records, { teams: false, clusters: false }).service;
}
