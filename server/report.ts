import { KPI_DOCS } from "../sim/model/kpi-docs.js";
import { KPI_NAMES } from "../sim/model/records.js";
import { chartVegaLite, escapeXml, provenance, reportDate, type Chart, type StoredResult } from "./charts/index.js";
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

/** The KPI table of a stored result: the service and each cluster (runs), paired differences (comparisons), or the solver's curve. */
export function kpiTable(stored: StoredResult): KpiTableRow[] {
  const names = KPI_NAMES as readonly string[];
  if (stored.kind === "run") {
    return stored.experiment.kpis
      .filter((k) => k.scope !== "team" && names.includes(k.kpi))
      .map((k) => ({
        scope: k.scope === "service" ? "Whole service" : (stored.labels.clusters[k.id] ?? k.id),
        kpi: k.kpi,
        label: doc(k.kpi).label,
        unit: doc(k.kpi).unit,
        mean: k.mean,
        lo: k.lo,
        hi: k.hi,
      }));
  }
  if (stored.kind === "compare") {
    return stored.comparison
      .filter((c) => c.scope === "service" && names.includes(c.kpi))
      .map((c) => ({ scope: "Whole service", kpi: c.kpi, label: doc(c.kpi).label, unit: doc(c.kpi).unit, mean: c.diff, lo: c.lo, hi: c.hi, meanA: c.meanA, meanB: c.meanB }));
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

const fmt = (x: number | null | undefined): string => (x === null || x === undefined ? "–" : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

/**
 * The report bundle as one self-contained HTML file (no scripts, no external files): heading
 * with provenance, the KPI table with 95 % intervals, then each chart as inline SVG with its
 * data in a collapsible CSV block. Opens in a browser, imports into Word, and each SVG can be
 * copied out whole.
 */
export function reportHtml(run: RunInfo, stored: StoredResult, charts: readonly { chart: Chart; svg: string; csv: string }[]): string {
  const rows = kpiTable(stored);
  const isCompare = stored.kind === "compare";
  const reps = stored.kind === "run" ? stored.experiment.replications : stored.kind === "compare" ? stored.a.replications : stored.replications;
  const seed = stored.kind === "run" ? stored.experiment.seed : stored.kind === "compare" ? stored.a.seed : stored.seed;
  const meta = { scenario: run.scenarioName, replications: reps, seed, date: run.finishedAt ?? run.createdAt, runId: run.id };
  const head = isCompare ? "<th>Scope</th><th>KPI</th><th>Unit</th><th>A</th><th>B</th><th>B − A</th><th>95 % interval</th>" : "<th>Scope</th><th>KPI</th><th>Unit</th><th>Mean</th><th>95 % interval</th>";
  const body = rows
    .map((r) => {
      const ci = r.lo === null || r.hi === null ? "–" : `${fmt(r.lo)} to ${fmt(r.hi)}`;
      const cells = isCompare ? [r.scope, r.label, r.unit, fmt(r.meanA), fmt(r.meanB), fmt(r.mean), ci] : [r.scope, r.label, r.unit, fmt(r.mean), ci];
      return `<tr>${cells.map((c) => `<td>${escapeXml(c)}</td>`).join("")}</tr>`;
    })
    .join("\n");
  const figures = charts
    .map(
      ({ chart, svg, csv }, i) => `<figure id="${escapeXml(chart.name)}">
${svg}
<figcaption>Figure ${i + 1}. ${escapeXml(chart.title)}. ${escapeXml(provenance(meta))}.</figcaption>
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
<h2>Key performance indicators</h2>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
<h2>Figures</h2>
${figures}
</body>
</html>
`;
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
