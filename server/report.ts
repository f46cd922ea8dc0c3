import { KPI_DOCS } from "../sim/model/kpi-docs.js";
import { KPI_NAMES } from "../sim/model/records.js";
import { chartCaption, chartVegaLite, escapeXml, reportDate, type Chart, type StoredResult } from "./charts/index.js";
import { formatDifference, formatInterval, formatValue, isShare } from "./report-format.js";
import type { ReportContext } from "./report-context.js";
import { fairnessTables, type ReportTable } from "./report-fairness.js";
import type { RunInfo } from "./storage/run-store.js";

/** One row of a report's KPI table. */
export interface KpiTableRow {
  readonly scope: string;
  readonly kpi: string;
  readonly label: string;
  readonly unit: string;
  readonly mean: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  /** For a comparison: A's and B's means (mean/lo/hi are then the paired difference B − A). */
  readonly meanA?: number | null;
  readonly meanB?: number | null;
}

const doc = (kpi: string) => KPI_DOCS[kpi] ?? { label: kpi, unit: "", description: "" };

/** How a report names a scope: the whole service, a team or a cluster by its display name. */
function scopeName(scope: string, id: string, labels: { clusters: Readonly<Record<string, string>>; teams: Readonly<Record<string, string>> }): string {
  if (scope === "service") return "Whole service";
  if (scope === "team") return `Team: ${labels.teams[id] ?? id}`;
  return `Cluster: ${labels.clusters[id] ?? id}`;
}

const SCOPE_ORDER: Readonly<Record<string, number>> = { service: 0, team: 1, cluster: 2 };

/** Rows ordered service, then teams, then clusters (stable within each). */
function byScope<T extends { scope: string }>(rows: readonly T[]): T[] {
  return rows.map((r, i) => ({ r, i })).sort((x, y) => (SCOPE_ORDER[x.r.scope] ?? 3) - (SCOPE_ORDER[y.r.scope] ?? 3) || x.i - y.i).map((x) => x.r);
}

/**
 * The KPI table of a stored result: the service, each team and each cluster (runs), the
 * paired differences B − A for the same scopes (comparisons), or the solver's curve.
 */
export function kpiTable(stored: StoredResult): KpiTableRow[] {
  const names = KPI_NAMES as readonly string[];
  if (stored.kind === "run") {
    return byScope(stored.experiment.kpis.filter((k) => names.includes(k.kpi))).map((k) => ({
      scope: scopeName(k.scope, k.id, stored.labels),
      kpi: k.kpi,
      label: doc(k.kpi).label,
      unit: doc(k.kpi).unit,
      mean: k.mean,
      lo: k.lo,
      hi: k.hi,
    }));
  }
  if (stored.kind === "compare") {
    return byScope(stored.comparison.filter((c) => names.includes(c.kpi))).map((c) => ({
      scope: scopeName(c.scope, c.id, stored.labels),
      kpi: c.kpi,
      label: doc(c.kpi).label,
      unit: doc(c.kpi).unit,
      mean: c.diff,
      lo: c.lo,
      hi: c.hi,
      meanA: c.meanA,
      meanB: c.meanB,
    }));
  }
  return stored.solve.curve.map((p) => ({
    scope: `${stored.parameter} = ${p.value} (${p.phase})`,
    kpi: stored.target.kpi,
    label: doc(stored.target.kpi).label,
    unit: doc(stored.target.kpi).unit,
    mean: p.mean,
    lo: p.lo,
    hi: p.hi,
  }));
}

/** The unit column: a share's values print as percentages, its differences in points. */
export const unitText = (unit: string, difference: boolean): string => (isShare(unit) ? (difference ? "% (differences in pp)" : "%") : unit);

/**
 * The cells of a KPI table row as text, in the report's formats: for a comparison A, B,
 * B − A (signed; shares in percentage points) and the paired interval; else mean and interval.
 */
export function kpiCells(r: KpiTableRow, compare: boolean): string[] {
  if (compare) return [r.scope, r.label, unitText(r.unit, true), formatValue(r.meanA, r.unit), formatValue(r.meanB, r.unit), formatDifference(r.mean, r.unit), formatInterval(r.lo, r.hi, r.unit, true)];
  return [r.scope, r.label, unitText(r.unit, false), formatValue(r.mean, r.unit), formatInterval(r.lo, r.hi, r.unit, false)];
}

/** The KPI table's column headings, matching {@link kpiCells}. */
export const kpiHeadings = (compare: boolean): string[] =>
  compare ? ["Scope", "KPI", "Unit", "A", "B", "B − A", "Paired 95 % interval"] : ["Scope", "KPI", "Unit", "Mean", "95 % interval"];

/**
 * The report bundle as one self-contained HTML file (no scripts, no external files): heading
 * with provenance (and, given the report context, its full provenance table and the
 * scenario's stated assumptions with their sources at the end), the KPI table with 95 % intervals, then each chart as inline SVG with its
 * data in a collapsible CSV block. Opens in a browser, imports into Word, and each SVG can be
 * copied out whole.
 */
export function reportHtml(run: RunInfo, stored: StoredResult, charts: readonly { chart: Chart; svg: string; csv: string }[], context?: Pick<ReportContext, "provenance" | "assumptions">): string {
  const rows = kpiTable(stored);
  const isCompare = stored.kind === "compare";
  const reps = stored.kind === "run" ? stored.experiment.replications : stored.kind === "compare" ? stored.a.replications : stored.replications;
  const seed = stored.kind === "run" ? stored.experiment.seed : stored.kind === "compare" ? stored.a.seed : stored.seed;
  const meta = { scenario: run.scenarioName, replications: reps, seed, date: run.finishedAt ?? run.createdAt, runId: run.id };
  const head = kpiHeadings(isCompare).map((c) => `<th>${escapeXml(c)}</th>`).join("");
  const body = rows.map((r) => `<tr>${kpiCells(r, isCompare).map((c) => `<td>${escapeXml(c)}</td>`).join("")}</tr>`).join("\n");
  const fairness = fairnessTables(stored);
  const figures = charts
    .map(
      ({ chart, svg, csv }, i) => `<figure id="${escapeXml(chart.name)}">
${svg}
<figcaption>Figure ${i + 1}. ${escapeXml(chartCaption(chart))}</figcaption>
<details><summary>Data behind figure ${i + 1} (CSV)</summary><pre>${escapeXml(csv)}</pre></details>
</figure>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${escapeXml(run.scenarioName)} – MHST simulation report</title>
<style>
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; line-height: 1.4; }
table { border-collapse: collapse; font-size: 0.9rem; margin: 1rem 0 2rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; }
td:nth-child(n+4) { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 2rem 0; } figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.9rem; color: #444; margin-top: 0.5rem; }
pre { font-size: 0.8rem; max-height: 20rem; overflow: auto; background: #f6f6f6; padding: 0.5rem; }
</style>
</head>
<body>
<h1>${escapeXml(run.scenarioName)}</h1>
<p>MHST simulation (${escapeXml(run.kind)}): ${reps} replications, seed ${seed}, run ${escapeXml(reportDate(meta.date))}, run id ${escapeXml(run.id)}. Intervals are 95 % confidence intervals across replications${isCompare ? "; differences are paired (common random numbers)" : ""}.</p>
${context ? `<h2>Provenance</h2>\n<table><tbody>\n${context.provenance.map(([k, v]) => `<tr><th>${escapeXml(k)}</th><td>${escapeXml(v)}</td></tr>`).join("\n")}\n</tbody></table>` : ""}
<h2>Key performance indicators</h2>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
${fairness.tables.length > 0 || fairness.note ? `<h2>Per-school results and fairness</h2>\n${fairness.note ? `<p>${escapeXml(fairness.note)}</p>` : ""}${fairness.tables.map(tableHtml).join("\n")}` : ""}
<h2>Figures</h2>
${figures}
${context ? context.assumptions.map((a) => `<h2>Assumptions and sources: ${escapeXml(a.scenario)}</h2>\n<table><thead><tr><th>Line</th><th>Setting</th><th>As written</th><th>Assumption or source</th></tr></thead><tbody>\n${a.rows.map((r) => `<tr><td>${r.line}</td><td>${escapeXml(r.path || "(top)")}</td><td>${escapeXml(r.setting)}</td><td>${escapeXml(r.source)}</td></tr>`).join("\n")}\n</tbody></table>`).join("\n") : ""}
</body>
</html>
`;
}

/** One report table as HTML: its title, what it shows, then the table. */
function tableHtml(t: ReportTable): string {
  return `<h3>${escapeXml(t.title)}</h3>\n<p>${escapeXml(t.intro)}</p>\n<table><thead><tr>${t.head.map((c) => `<th>${escapeXml(c)}</th>`).join("")}</tr></thead><tbody>\n${t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeXml(c)}</td>`).join("")}</tr>`).join("\n")}\n</tbody></table>`;
}

/**
 * The report bundle as one JSON "folder": provenance, the KPI table, and per chart the text of
 * each export file keyed by file name (`waitlist.svg`, `waitlist.csv`, `waitlist.vl.json`) plus
 * the URL of its PNG.
 */
export function reportJson(run: RunInfo, stored: StoredResult, charts: readonly { chart: Chart; svg: string; csv: string }[]) {
  return {
    format: "mhst-report/1",
    run: { id: run.id, kind: run.kind, scenario: run.scenarioName, finishedAt: run.finishedAt, request: run.request },
    kpis: kpiTable(stored),
    fairness: fairnessTables(stored),
    charts: charts.map(({ chart, svg, csv }) => ({
      name: chart.name,
      title: chart.title,
      files: {
        [`${chart.name}.svg`]: svg,
        [`${chart.name}.csv`]: csv,
        [`${chart.name}.vl.json`]: chartVegaLite(chart),
      },
      png: `/api/runs/${run.id}/charts/${chart.name}.png`,
    })),
  };
}
