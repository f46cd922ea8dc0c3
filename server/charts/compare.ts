import type { ComparisonRow } from "../../sim/experiment/index.js";
import { KPI_DOCS } from "../../sim/model/kpi-docs.js";
import { NHS_COLOURS } from "./palette.js";
import { reportSpec, round, type Chart, type ChartMeta } from "./chart.js";

/** KPIs a comparison chart shows, in this order. */
const KPIS = ["waitWeeksMean", "waitWeeksMedian", "waitWeeksP90", "pctStartedWithin4Weeks", "waitlistEnd", "started", "completed", "utilisation"];

/** "Mean wait (weeks)": the model's own label and unit for a KPI. */
function kpiLabel(kpi: string): string {
  const doc = KPI_DOCS[kpi];
  if (!doc) return kpi;
  const unit = doc.unit === "cases" ? "children" : doc.unit.replace("share (0–1)", "share, 0–1");
  return `${doc.label} (${unit})`;
}

const SHOWN: readonly (readonly [string, string])[] = KPIS.map((k) => [k, kpiLabel(k)]);

/**
 * Paired differences B − A of the main service KPIs under common random numbers: point = mean
 * difference, bar = paired 95 % interval, grey line = no difference. One panel per KPI, each
 * on its own scale.
 */
export function compareChart(rows: readonly ComparisonRow[], meta: ChartMeta, names: { a: string; b: string }): Chart {
  const labels = new Map(SHOWN);
  const data = rows
    .filter((r) => r.scope === "service" && labels.has(r.kpi))
    .map((r) => ({
      kpi: labels.get(r.kpi)!,
      meanA: round(r.meanA),
      meanB: round(r.meanB),
      difference: round(r.diff),
      lo: round(r.lo),
      hi: round(r.hi),
      n: r.n,
    }));
  const order = SHOWN.map(([, l]) => l).filter((l) => data.some((d) => d.kpi === l));
  const title = "Paired comparison: B − A";
  const spec = reportSpec(meta, title, [`A = ${names.a}, B = ${names.b}. Each panel: B − A in the KPI's unit; point = mean of B − A over paired replications, bar = paired 95 % interval, dashed line = no difference`], {
    data: { values: data },
    facet: { row: { field: "kpi", type: "nominal", title: null, sort: order, header: { labelAngle: 0, labelAlign: "left", labelFontWeight: "bold", labelOrient: "top" } } },
    spacing: 6,
    resolve: { scale: { x: "independent" } },
    spec: {
      width: 560,
      height: 26,
      layer: [
        { mark: { type: "rule", color: NHS_COLOURS.darkGrey, strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: "quantitative" } } },
        { mark: { type: "rule", strokeWidth: 2, color: NHS_COLOURS.blue }, encoding: { x: { field: "lo", type: "quantitative", title: null }, x2: { field: "hi" } } },
        {
          mark: { type: "point", filled: true, size: 70, color: NHS_COLOURS.darkBlue },
          encoding: {
            x: { field: "difference", type: "quantitative", title: null },
            tooltip: [{ field: "kpi" }, { field: "meanA" }, { field: "meanB" }, { field: "difference" }, { field: "lo" }, { field: "hi" }],
          },
        },
      ],
    },
  });
  return { name: "compare", title, spec, rows: data, columns: ["kpi", "meanA", "meanB", "difference", "lo", "hi", "n"] };
}
