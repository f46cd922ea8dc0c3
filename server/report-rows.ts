import type { KpiTableRow } from "./report.js";

/** KPI rows a Word or PowerPoint report prints at most; beyond, clusters are left to the HTML report and CSVs. */
export const DOCUMENT_KPI_ROWS = 400;

/**
 * The KPI rows a document prints: all of them when they fit, else the service and team rows
 * (a national run has thousands of clusters), with a note saying so.
 */
export function documentKpiRows(rows: readonly KpiTableRow[]): { rows: readonly KpiTableRow[]; note: string | null } {
  if (rows.length <= DOCUMENT_KPI_ROWS) return { rows, note: null };
  const kept = rows.filter((r) => !r.scope.startsWith("Cluster: ")).slice(0, DOCUMENT_KPI_ROWS);
  return { rows: kept, note: `${rows.length - kept.length} of ${rows.length} KPI rows (clusters, then the last teams) are left out here; the HTML report and report.json hold every row.` };
}
