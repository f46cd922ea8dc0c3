import type { ExperimentResult, WaitHistogramRow } from "../../sim/experiment/index.js";
import { KPI_DOCS } from "../../sim/model/kpi-docs.js";
import { NHS_COLOURS } from "./palette.js";
import { reportSpec, round, type Chart, type ChartMeta } from "./chart.js";
import { FOUR_WEEKS, waitStatsChart } from "./wait-stats.js";

export { FOUR_WEEKS };

/** Cluster panels drawn at most; with more clusters only the service is drawn (the CSV keeps all). */
export const MAX_WAIT_PANELS = 8;

/** Bins always drawn (past the four-week line), even when empty. */
const MIN_BINS = FOUR_WEEKS + 2;

/** The share started within four weeks as a percentage, whatever the KPI's documented unit. */
function pctWithin(result: ExperimentResult, scope: string, id: string): number | null {
  const k = result.kpis.find((r) => r.scope === scope && r.id === id && r.kpi === "pctStartedWithin4Weeks")?.mean ?? null;
  if (k === null) return null;
  return KPI_DOCS.pctStartedWithin4Weeks?.unit.startsWith("share") ? 100 * k : k;
}

const binLabel = (h: WaitHistogramRow) => (h.toWeeks === null ? `> ${h.fromWeeks}` : `${h.fromWeeks}–${h.toWeeks}`);

/**
 * Waiting-time distribution from referral to first contact: bars of the mean number of
 * children per replication whose wait fell in each one-week bin (whisker = 10th–90th
 * percentile across replications), the four-week standard as a dashed rule, and the share
 * started within four weeks in the subtitle and panel labels. One panel for the service and
 * one per cluster (up to {@link MAX_WAIT_PANELS}). Results stored without a histogram get the
 * median / mean / P90 summary instead.
 * @example waitTimesChart(result, meta, new Map([["north", "North cluster"]])).spec
 */
export function waitTimesChart(result: ExperimentResult, meta: ChartMeta, names: ReadonlyMap<string, string> = new Map()): Chart {
  const hist = result.waitHistogram;
  if (!hist || hist.length === 0) return waitStatsChart(result, meta, names);
  const clusterIds = [...new Set(hist.filter((h) => h.scope === "cluster").map((h) => h.id))];
  const drawn = (h: WaitHistogramRow) => h.scope === "service" || clusterIds.length <= MAX_WAIT_PANELS;
  // Trailing bins empty in every drawn panel are left off the plot (kept in the CSV).
  let lastBin = MIN_BINS - 1;
  for (const h of hist) if (drawn(h) && h.p90 > 0 && h.toWeeks !== null) lastBin = Math.max(lastBin, h.fromWeeks);
  const overflow = hist.find((h) => h.toWeeks === null)?.fromWeeks ?? Infinity;
  const panelOf = (h: WaitHistogramRow) => {
    const base = h.scope === "service" ? "Whole service" : (names.get(h.id) ?? h.id);
    const pct = pctWithin(result, h.scope, h.id);
    return pct === null ? base : `${base} (${Math.round(pct)} % within 4 wk)`;
  };
  const rows = hist.map((h) => ({
    scope: h.scope === "service" ? "Whole service" : (names.get(h.id) ?? h.id),
    bin: binLabel(h),
    fromWeeks: h.fromWeeks,
    toWeeks: h.toWeeks,
    mean: round(h.mean, 3),
    p10: round(h.p10, 3),
    p90: round(h.p90, 3),
  }));
  // The overflow bin is drawn one week wide just past the last drawn bin.
  const gap = hist.some((h) => drawn(h) && h.toWeeks === null && h.p90 > 0) ? lastBin + 1 : null;
  const plotted = hist
    .filter((h) => drawn(h) && (h.toWeeks === null ? gap !== null : h.fromWeeks <= lastBin))
    .map((h) => {
      const from = h.toWeeks === null ? gap! : h.fromWeeks;
      return {
        panel: panelOf(h),
        bin: binLabel(h),
        from,
        to: from + 1,
        mid: from + 0.5,
        mean: round(h.mean, 3),
        p10: round(h.p10, 3),
        p90: round(h.p90, 3),
        standard: h.toWeeks !== null && h.toWeeks <= FOUR_WEEKS ? "Within 4 weeks" : "Over 4 weeks",
      };
    });
  const panels = [...new Set(plotted.map((r) => r.panel))];
  const servicePct = pctWithin(result, "service", "service");
  const notes = [
    servicePct === null
      ? "No child started, so no share within four weeks."
      : `${Math.round(servicePct)} % of children who started did so within four weeks of referral (whole service, mean across replications).`,
    "Bars: children per replication whose wait (referral to first contact) fell in each week (bin k–k+1 holds waits over k and up to k+1 weeks); whisker = 10th–90th percentile across replications; dashed line = four-week standard." +
      (Number.isFinite(overflow) && gap !== null ? ` The last bar holds every wait over ${overflow} weeks.` : ""),
  ];
  if (clusterIds.length > MAX_WAIT_PANELS) notes.push(`${clusterIds.length} clusters: only the whole service is drawn; the CSV holds every cluster.`);
  const title = "Waiting-time distribution from referral to first contact";
  const x = { field: "from", type: "quantitative", title: "Weeks from referral to first contact", scale: { domainMin: 0 }, axis: { tickMinStep: 1 } };
  const spec = reportSpec(meta, title, notes, {
    data: { values: plotted },
    facet: { field: "panel", type: "nominal", title: null, sort: panels, header: { labelFontWeight: "bold" } },
    columns: Math.min(2, Math.max(1, panels.length)),
    resolve: { scale: { y: "independent" } },
    spec: {
      width: panels.length > 1 ? 300 : 620,
      height: 180,
      layer: [
        {
          mark: { type: "rect", stroke: NHS_COLOURS.white, strokeWidth: 0.5 },
          encoding: {
            x,
            x2: { field: "to" },
            y: { field: "mean", type: "quantitative", title: "Children per replication" },
            y2: { datum: 0 },
            color: { field: "standard", type: "nominal", title: null, sort: ["Within 4 weeks", "Over 4 weeks"], scale: { range: [NHS_COLOURS.blue, NHS_COLOURS.midGrey] } },
            tooltip: [{ field: "panel", title: "scope" }, { field: "bin", title: "weeks" }, { field: "mean" }, { field: "p10" }, { field: "p90" }],
          },
        },
        { mark: { type: "rule", color: NHS_COLOURS.black, strokeWidth: 1 }, encoding: { x: { field: "mid", type: "quantitative" }, y: { field: "p10", type: "quantitative" }, y2: { field: "p90" } } },
        {
          data: { values: [{ weeks: FOUR_WEEKS, label: "4-week standard" }] },
          layer: [
            { mark: { type: "rule", strokeDash: [6, 4], color: NHS_COLOURS.darkBlue, strokeWidth: 1.5 }, encoding: { x: { field: "weeks", type: "quantitative" } } },
            { mark: { type: "text", align: "left", dx: 4, baseline: "top", fontSize: 11, color: NHS_COLOURS.darkBlue }, encoding: { x: { field: "weeks", type: "quantitative" }, y: { value: 2 }, text: { field: "label" } } },
          ],
        },
      ],
    },
  });
  return { name: "wait-times", title, spec, rows, columns: ["scope", "bin", "fromWeeks", "toWeeks", "mean", "p10", "p90"] };
}
