import type { ComparisonRow } from "../../sim/experiment/index.js";
import { KPI_DOCS } from "../../sim/model/kpi-docs.js";
import { isShare } from "../report-format.js";
import { NHS_COLOURS, TITLE_COLOUR } from "./palette.js";
import { reportSpec, round, type Chart, type ChartMeta } from "./chart.js";
import { differenceTicks } from "./difference-ticks.js";

/** KPIs a comparison chart shows, in this order. */
const KPIS = ["shareSeenWithinStandard", "waitWeeksMeanCensored", "waitWeeksMean", "waitWeeksMedian", "waitWeeksP90", "pctStartedWithin4Weeks", "waitlistEnd", "started", "completed", "utilisation"];

/** A KPI's label and the unit its difference is drawn in: shares in percentage points, counts as children. */
function kpiLabel(kpi: string): { label: string; unit: string; share: boolean } {
  const doc = KPI_DOCS[kpi];
  if (!doc) return { label: kpi, unit: "", share: false };
  const share = isShare(doc.unit);
  const unit = share ? "percentage points" : doc.unit === "cases" ? "children" : doc.unit;
  return { label: `${doc.label} (${unit})`, unit, share };
}

/**
 * Paired differences B − A of the main service KPIs under common random numbers: point = mean
 * difference, bar = paired 95 % interval, dashed line = no difference. One panel per KPI, each
 * on its own scale with ticks at round steps in its unit (shares in percentage points), so a
 * tiny or zero difference never prints as `0.000000`. The CSV holds the drawn numbers: shares'
 * means in %, their differences in percentage points.
 */
export function compareChart(rows: readonly ComparisonRow[], meta: ChartMeta, names: { a: string; b: string }): Chart {
  const data = KPIS.flatMap((kpi) => {
    const r = rows.find((x) => x.scope === "service" && x.kpi === kpi);
    if (!r) return [];
    const { label, unit, share } = kpiLabel(kpi);
    const k = share ? 100 : 1;
    const scaled = (x: number | null) => round(x === null ? null : k * x, share ? 2 : 4);
    return [{ kpi: label, unit: share ? "% (B − A in percentage points)" : unit, meanA: scaled(r.meanA), meanB: scaled(r.meanB), difference: scaled(r.diff), lo: scaled(r.lo), hi: scaled(r.hi), n: r.n }];
  });
  const title = "Paired comparison: B − A";
  const panels = data.map((d) => {
    const ticks = differenceTicks([d.difference, d.lo, d.hi]);
    const x = { type: "quantitative", title: null, scale: { domain: ticks.domain, nice: false, zero: false }, axis: { values: ticks.values, format: ticks.format, labelFlush: true } } as const;
    return {
      title: { text: d.kpi, anchor: "start", fontSize: 12, fontWeight: "bold", color: TITLE_COLOUR, offset: 4 },
      width: 560,
      height: 26,
      data: { values: [d] },
      layer: [
        { mark: { type: "rule", color: NHS_COLOURS.darkGrey, strokeDash: [4, 3] }, encoding: { x: { datum: 0, ...x } } },
        { mark: { type: "rule", strokeWidth: 2, color: NHS_COLOURS.blue }, encoding: { x: { field: "lo", ...x }, x2: { field: "hi" } } },
        {
          mark: { type: "point", filled: true, size: 70, color: NHS_COLOURS.darkBlue },
          encoding: {
            x: { field: "difference", ...x },
            tooltip: [{ field: "kpi" }, { field: "meanA" }, { field: "meanB" }, { field: "difference" }, { field: "lo" }, { field: "hi" }],
          },
        },
      ],
    };
  });
  const spec = reportSpec(meta, title, [`A = ${names.a}, B = ${names.b}. Each panel: B − A in the KPI's unit (shares in percentage points); point = mean of B − A over paired replications, bar = paired 95 % interval, dashed line = no difference`], {
    vconcat: panels,
    spacing: 10,
  });
  return { name: "compare", title, spec, rows: data, columns: ["kpi", "unit", "meanA", "meanB", "difference", "lo", "hi", "n"] };
}
