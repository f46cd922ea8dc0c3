import type { ExperimentResult } from "../../sim/experiment/index.js";
import { NHS_COLOURS } from "./palette.js";
import { reportSpec, round, type Chart, type ChartMeta } from "./chart.js";
import { dateX, HOLIDAY_LAYER, weekStart, type TimeAxis } from "./time-axis.js";

/**
 * Cluster panels drawn at most. With more clusters (a national run has thousands: one panel
 * each made a 38 MB SVG that took 20 s to draw) the whole service is drawn with the clusters
 * whose median list peaks highest; the CSV keeps every cluster.
 */
export const MAX_WAITLIST_PANELS = 12;

/**
 * Waiting list over time per cluster: children waiting at the end of each week, median across
 * replications (line) and 10–90 % band (area), one panel per cluster (beyond
 * {@link MAX_WAITLIST_PANELS}, the whole service and the clusters with the longest lists).
 * `title` names the side of a comparison it shows. With the scenario's time axis the x axis is
 * calendar months (each week at its first day) with school holidays shaded; without it
 * (results stored before runs kept one), weeks from the start.
 * @example waitlistChart(result, meta).spec
 */
export function waitlistChart(result: ExperimentResult, meta: ChartMeta, clusterNames: ReadonlyMap<string, string> = new Map(), options: { title?: string; axis?: TimeAxis } = {}): Chart {
  const title = options.title ?? "Waiting list over time, by cluster";
  const axis = options.axis;
  const clusterRows = result.weekly.filter((w) => w.scope === "cluster");
  const serviceRows = result.weekly.filter((w) => w.scope === "service");
  const clusterIds = [...new Set(clusterRows.map((w) => w.id))];
  const capped = clusterIds.length > MAX_WAITLIST_PANELS;
  const source = clusterRows.length === 0 ? serviceRows : capped ? [...serviceRows, ...clusterRows] : clusterRows;
  const nameOf = (w: { scope: string; id: string }) => (w.scope === "service" ? "Whole service" : (clusterNames.get(w.id) ?? w.id));
  const rows = source.map((w) => ({
    cluster: nameOf(w),
    week: w.week,
    ...(axis ? { date: weekStart(axis, w.week) } : {}),
    median: round(w.waitlistMedian, 2),
    p10: round(w.waitlistP10, 2),
    p90: round(w.waitlistP90, 2),
  }));
  const notes: string[] = [];
  let plotted = rows;
  if (capped) {
    // The clusters whose median list peaks highest (ties: the earlier cluster), drawn in the scenario's order after the service.
    const peak = new Map<string, number>();
    for (const w of clusterRows) peak.set(w.id, Math.max(peak.get(w.id) ?? -Infinity, w.waitlistMedian));
    const order = new Map(clusterIds.map((id, i) => [id, i]));
    const top = new Set([...clusterIds].sort((a, b) => peak.get(b)! - peak.get(a)! || order.get(a)! - order.get(b)!).slice(0, MAX_WAITLIST_PANELS));
    const shown = new Set(["Whole service", ...clusterIds.filter((id) => top.has(id)).map((id) => nameOf({ scope: "cluster", id }))]);
    plotted = rows.filter((r) => shown.has(r.cluster));
    notes.push(`${clusterIds.length} clusters: the whole service and the ${MAX_WAITLIST_PANELS} clusters whose median list peaks highest are drawn, each panel on its own scale; the CSV holds every cluster.`);
  }
  const panels = new Set(plotted.map((r) => r.cluster)).size;
  // Narrow panels label every other month, unless the run is short enough for each (a pilot of up to 26 weeks).
  const x = axis ? dateX(panels > 1 && result.horizonWeeks > 26 ? 2 : 1) : { field: "week", type: "quantitative", title: "Week from scenario start", axis: { tickMinStep: 1 } };
  const clusters = [...new Set(plotted.map((r) => r.cluster))];
  const holidays = axis ? clusters.flatMap((cluster) => axis.holidays.map((h) => ({ cluster, holidayFrom: h.from, holidayTo: h.to }))) : [];
  const note = `Children waiting (consented, not started) at week end: line = median across replications, band = 10th–90th percentile${axis ? "; grey shading = school holidays" : ""}`;
  const spec = reportSpec(meta, title, [note, ...notes], {
    data: { values: [...holidays, ...plotted] },
    facet: { field: "cluster", type: "nominal", title: null, sort: clusters, header: { labelFontWeight: "bold" } },
    columns: Math.min(3, Math.max(1, panels)),
    // Each panel draws its own week axis, so an incomplete last row leaves no empty axis behind.
    // The service's list is many clusters' lists: beside it, each panel gets its own y scale.
    resolve: { axis: { x: "independent" }, ...(capped ? { scale: { y: "independent" } } : {}) },
    spec: {
      width: panels > 1 ? (axis ? 300 : 260) : 620,
      height: 180,
      layer: [
        ...(axis ? [HOLIDAY_LAYER] : []),
        {
          transform: [{ filter: "datum.holidayFrom == null" }],
          mark: { type: "area", opacity: 0.45, color: NHS_COLOURS.lightBlue },
          encoding: { x, y: { field: "p10", type: "quantitative", title: "Children waiting" }, y2: { field: "p90" } },
        },
        {
          transform: [{ filter: "datum.holidayFrom == null" }],
          mark: { type: "line", color: NHS_COLOURS.blue, strokeWidth: 2 },
          encoding: { x, y: { field: "median", type: "quantitative", title: "Children waiting" } },
        },
      ],
    },
  });
  return { name: "waitlist", title, spec, rows, columns: axis ? ["cluster", "week", "date", "median", "p10", "p90"] : ["cluster", "week", "median", "p10", "p90"] };
}
