import type { ExperimentResult, KpiRow } from "../../sim/experiment/index.js";
import { KPI_DOCS } from "../../sim/model/kpi-docs.js";
import { LINE_COLOURS, NHS_COLOURS } from "./palette.js";
import { reportSpec, round, type Chart, type ChartMeta } from "./chart.js";

const STATS = [
  ["waitWeeksMedian", "Median wait"],
  ["waitWeeksMean", "Mean wait"],
  ["waitWeeksP90", "90th percentile wait"],
] as const;

/** Weeks of the four-week waiting-time standard (help starts within 4 weeks of referral). */
export const FOUR_WEEKS = 4;

/**
 * Summary of waiting times from referral to first contact, per scope: the median, mean and
 * 90th percentile in weeks (point = mean across replications, bar = 95 % CI), with the
 * four-week standard as a dashed line and the share started within four weeks in the label.
 * The `wait-times` chart of results stored before they carried a wait histogram.
 */
export function waitStatsChart(result: ExperimentResult, meta: ChartMeta, names: ReadonlyMap<string, string> = new Map()): Chart {
  const scopes = result.kpis.filter((k) => k.scope !== "team" && k.kpi === "waitWeeksMedian").map((k) => k as KpiRow);
  const find = (scope: string, id: string, kpi: string) => result.kpis.find((k) => k.scope === scope && k.id === id && k.kpi === kpi);
  const rows = scopes.flatMap((s) => {
    const within = find(s.scope, s.id, "pctStartedWithin4Weeks")?.mean ?? null;
    // The KPI is a share (0–1) or a percentage by its documented unit; the label shows a percentage.
    const pct = within === null ? null : KPI_DOCS.pctStartedWithin4Weeks?.unit.startsWith("share") ? 100 * within : within;
    const base = s.scope === "service" ? "Whole service" : (names.get(s.id) ?? s.id);
    const label = pct === null ? base : `${base} (${Math.round(pct)} % within 4 wk)`;
    return STATS.map(([kpi, stat]) => {
      const k = find(s.scope, s.id, kpi);
      return { scope: label, statistic: stat, weeks: round(k?.mean ?? null, 2), lo: round(k?.lo ?? null, 2), hi: round(k?.hi ?? null, 2), pctWithin4Weeks: round(pct, 1) };
    });
  });
  const order = [...new Set(rows.map((r) => r.scope))];
  const title = "Waiting time from referral to first contact";
  const y = { field: "scope", type: "nominal", title: null, sort: order };
  const color = { field: "statistic", type: "nominal", title: null, sort: STATS.map(([, s]) => s), scale: { range: LINE_COLOURS.slice(0, 3) } };
  // Each statistic has its own shape too, so the chart does not rest on colour alone.
  const shape = { field: "statistic", type: "nominal", title: null, sort: STATS.map(([, s]) => s), scale: { range: ["circle", "square", "triangle-up"] } };
  const spec = reportSpec(meta, title, ["Weeks waited by children who started: point = mean across replications, bar = 95 % confidence interval; dashed line = four-week standard"], {
    width: 600,
    height: 66 * Math.max(1, order.length),
    layer: [
      {
        data: { values: rows },
        layer: [
          { mark: { type: "rule", strokeWidth: 2 }, encoding: { y, yOffset: { field: "statistic", sort: STATS.map(([, s]) => s) }, x: { field: "lo", type: "quantitative" }, x2: { field: "hi" }, color } },
          {
            mark: { type: "point", filled: true, size: 70 },
            encoding: {
              y,
              yOffset: { field: "statistic", sort: STATS.map(([, s]) => s) },
              x: { field: "weeks", type: "quantitative", title: "Weeks from referral to first contact" },
              color,
              shape,
              tooltip: [{ field: "scope" }, { field: "statistic" }, { field: "weeks" }, { field: "lo" }, { field: "hi" }],
            },
          },
        ],
      },
      {
        data: { values: [{ weeks: FOUR_WEEKS, label: "4-week standard" }] },
        layer: [
          { mark: { type: "rule", strokeDash: [6, 4], color: NHS_COLOURS.black, strokeWidth: 1.5 }, encoding: { x: { field: "weeks", type: "quantitative" } } },
          { mark: { type: "text", align: "left", dx: 4, dy: -4, baseline: "bottom", fontSize: 11, color: NHS_COLOURS.black }, encoding: { x: { field: "weeks", type: "quantitative" }, y: { value: 0 }, text: { field: "label" } } },
        ],
      },
    ],
  });
  return { name: "wait-times", title, spec, rows, columns: ["scope", "statistic", "weeks", "lo", "hi", "pctWithin4Weeks"] };
}
