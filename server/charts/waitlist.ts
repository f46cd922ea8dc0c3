import type { ExperimentResult } from "../../sim/experiment/index.js";
import { NHS_COLOURS } from "./palette.js";
import { reportSpec, round, type Chart, type ChartMeta } from "./chart.js";
import { dateX, HOLIDAY_LAYER, weekStart, type TimeAxis } from "./time-axis.js";

/**
 * Waiting list over time per cluster: children waiting at the end of each week, median across
 * replications (line) and 10–90 % band (area), one panel per cluster. `title` names the side of
 * a comparison it shows. With the scenario's time axis the x axis is calendar months (each
 * week at its first day) with school holidays shaded; without it (results stored before runs
 * kept one), weeks from the start.
 * @example waitlistChart(result, meta).spec
 */
export function waitlistChart(result: ExperimentResult, meta: ChartMeta, clusterNames: ReadonlyMap<string, string> = new Map(), options: { title?: string; axis?: TimeAxis } = {}): Chart {
  const title = options.title ?? "Waiting list over time, by cluster";
  const axis = options.axis;
  const clusterRows = result.weekly.filter((w) => w.scope === "cluster");
  const source = clusterRows.length > 0 ? clusterRows : result.weekly.filter((w) => w.scope === "service");
  const rows = source.map((w) => ({
    cluster: w.scope === "service" ? "Whole service" : (clusterNames.get(w.id) ?? w.id),
    week: w.week,
    ...(axis ? { date: weekStart(axis, w.week) } : {}),
    median: round(w.waitlistMedian, 2),
    p10: round(w.waitlistP10, 2),
    p90: round(w.waitlistP90, 2),
  }));
  const panels = new Set(rows.map((r) => r.cluster)).size;
  // Narrow panels label every other month, unless the run is short enough for each (a pilot of up to 26 weeks).
  const x = axis ? dateX(panels > 1 && result.horizonWeeks > 26 ? 2 : 1) : { field: "week", type: "quantitative", title: "Week from scenario start", axis: { tickMinStep: 1 } };
  const clusters = [...new Set(rows.map((r) => r.cluster))];
  const holidays = axis ? clusters.flatMap((cluster) => axis.holidays.map((h) => ({ cluster, holidayFrom: h.from, holidayTo: h.to }))) : [];
  const note = `Children waiting (consented, not started) at week end: line = median across replications, band = 10th–90th percentile${axis ? "; grey shading = school holidays" : ""}`;
  const spec = reportSpec(meta, title, [note], {
    data: { values: [...holidays, ...rows] },
    facet: { field: "cluster", type: "nominal", title: null, sort: clusters, header: { labelFontWeight: "bold" } },
    columns: Math.min(3, Math.max(1, panels)),
    // Each panel draws its own week axis, so an incomplete last row leaves no empty axis behind.
    resolve: { axis: { x: "independent" } },
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
