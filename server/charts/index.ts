/**
 * Server-side report charts: Vega-Lite specs built from stored results, rendered headless to
 * SVG (vega), PNG (resvg with bundled DejaVu fonts), CSV (arquero) and Vega-Lite JSON.
 */
import { KPI_DOCS } from "../../sim/model/kpi-docs.js";
import type { Chart, ChartMeta } from "./chart.js";
import { compareChart } from "./compare.js";
import { practitionerTimeChart } from "./practitioner-time.js";
import { nameMaps, type StoredResult } from "./stored.js";
import { solverChart } from "./solver.js";
import { throughputChart } from "./throughput.js";
import { waitTimesChart } from "./wait-times.js";
import { waitlistChart } from "./waitlist.js";
import { waitlistAbChart } from "./waitlist-ab.js";
import { schoolsChart } from "./schools.js";

export { CHART_FONT, chartCaption, provenance, reportDate, type Chart, type ChartMeta } from "./chart.js";
export { ChartTooLargeError, chartCsv, chartSvg, chartVegaLite, escapeXml, MAX_PNG_PIXELS, svgToPng } from "./render.js";
export { CHART_BACKGROUND, chartPalette, contrastRatio, GRID_COLOUR, LINE_COLOURS, LINE_DASHES, NHS_COLOURS, SERIES_COLOURS, TEXT_COLOUR, TITLE_COLOUR } from "./palette.js";
export { timeAxisOf, weekStart, type TimeAxis } from "./time-axis.js";
export { ACTIVITY_LABELS } from "./practitioner-time.js";
export { differenceTicks, type DifferenceTicks } from "./difference-ticks.js";
export { nameMaps, type Labels, type StoredResult } from "./stored.js";
export { compareChart, practitionerTimeChart, schoolsChart, solverChart, throughputChart, waitTimesChart, waitlistAbChart, waitlistChart };

/** Export formats of a chart, by file extension. */
export const CHART_FORMATS = ["svg", "png", "csv", "vl.json"] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];

/** Chart names a stored result offers, in report order. */
export function chartNames(stored: StoredResult): string[] {
  if (stored.kind === "run") return ["waitlist", "throughput", "wait-times", "practitioner-time", ...(stored.fairness ? ["schools"] : [])];
  if (stored.kind === "compare") return ["compare", "waitlist-ab", "waitlist-a", "waitlist-b", ...(stored.fairnessA && stored.fairnessB ? ["schools"] : [])];
  return ["solver"];
}

/**
 * Builds one chart of a stored result.
 * @returns undefined when the result has no chart of that name.
 */
export function buildChart(stored: StoredResult, name: string, meta: Omit<ChartMeta, "scenario" | "replications" | "seed"> & { scenario: string }): Chart | undefined {
  const names = nameMaps(stored.labels);
  if (stored.kind === "run") {
    const r = stored.experiment;
    const m: ChartMeta = { ...meta, replications: r.replications, seed: r.seed };
    switch (name) {
      case "waitlist":
        return waitlistChart(r, m, names.clusters, { axis: stored.axis });
      case "throughput":
        return throughputChart(r, m, stored.axis);
      case "wait-times":
        return waitTimesChart(r, m, names.clusters);
      case "practitioner-time":
        return practitionerTimeChart(r, m, names.teams);
      case "schools":
        return stored.fairness ? schoolsChart([{ side: stored.experiment.scenario, result: stored.fairness, clusters: names.clusters }], m) : undefined;
      default:
        return undefined;
    }
  }
  if (stored.kind === "solve") {
    const m: ChartMeta = { ...meta, replications: stored.replications, seed: stored.seed };
    const doc = KPI_DOCS[stored.target.kpi];
    const label = doc ? `${doc.label} (${doc.unit})` : stored.target.kpi;
    return name === "solver" ? solverChart(stored.solve, stored.target, stored.parameter, m, label) : undefined;
  }
  const m: ChartMeta = { ...meta, replications: stored.a.replications, seed: stored.a.seed };
  switch (name) {
    case "compare":
      return compareChart(stored.comparison, m, stored.names);
    case "waitlist-ab":
      return waitlistAbChart(stored.a, stored.b, m, stored.names, stored.axis);
    case "schools":
      if (!stored.fairnessA || !stored.fairnessB) return undefined;
      return schoolsChart(
        [
          { side: `A: ${stored.names.a}`, result: stored.fairnessA, clusters: names.clusters },
          { side: `B: ${stored.names.b}`, result: stored.fairnessB, clusters: nameMaps(stored.labelsB ?? stored.labels).clusters },
        ],
        m,
      );
    case "waitlist-a": {
      const c = waitlistChart(stored.a, { ...m, scenario: stored.names.a }, names.clusters, { title: `Waiting list over time, by cluster: A (${stored.names.a})`, axis: stored.axis });
      return { ...c, name };
    }
    case "waitlist-b": {
      const c = waitlistChart(stored.b, { ...m, scenario: stored.names.b }, nameMaps(stored.labelsB ?? stored.labels).clusters, { title: `Waiting list over time, by cluster: B (${stored.names.b})`, axis: stored.axisB ?? stored.axis });
      return { ...c, name };
    }
    default:
      return undefined;
  }
}
