/**
 * The back-test chart: per measure, the simulated 10–90 % band and median by month with the
 * observed months as points, in the NHS palette, as a Vega-Lite spec with its data inlined.
 */
import type { BacktestMonth } from "../../sim/calibrate/index.js";
import type { Chart } from "./chart.js";
import { CHART_BACKGROUND, NHS_COLOURS, TEXT_COLOUR, TITLE_COLOUR } from "./palette.js";

const LABELS: Record<BacktestMonth["measure"], string> = {
  referrals: "Referrals",
  firstContacts: "First contacts",
  completions: "Completions",
  waitlistEnd: "Waiting list at month end",
  shareSeenWithinStandard: "Share seen within the standard",
};

/**
 * The chart's Vega-Lite spec (`mhst backtest --chart`, and the dashboard's calibration view).
 * @example backtestSpec(result.months, "Back-test of My team", "20 replications")
 */
export function backtestSpec(months: readonly BacktestMonth[], title: string, subtitle: string): Record<string, unknown> {
  const values = months.map((m) => ({ measure: LABELS[m.measure], month: `${m.month}-01`, observed: m.observed, p10: m.p10, median: m.median, p90: m.p90, inside: m.inside === null ? "not judged" : m.inside ? "inside the band" : "outside the band" }));
  const x = { field: "month", type: "temporal", timeUnit: "yearmonth", title: null, axis: { format: "%b %Y", labelAngle: -40 } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: title, subtitle, anchor: "start", color: TITLE_COLOUR, subtitleColor: TEXT_COLOUR },
    background: CHART_BACKGROUND,
    config: { font: "DejaVu Sans", axis: { labelColor: TEXT_COLOUR, titleColor: TEXT_COLOUR }, legend: { labelColor: TEXT_COLOUR, titleColor: TEXT_COLOUR } },
    data: { values },
    facet: { row: { field: "measure", type: "nominal", title: null, sort: Object.values(LABELS), header: { labelAngle: 0, labelAlign: "left", labelFontWeight: "bold" } } },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: 560,
      height: 120,
      layer: [
        { mark: { type: "area", color: NHS_COLOURS.lightBlue, opacity: 0.45 }, encoding: { x, y: { field: "p10", type: "quantitative", title: null }, y2: { field: "p90" } } },
        { mark: { type: "line", color: NHS_COLOURS.blue, strokeWidth: 2 }, encoding: { x, y: { field: "median", type: "quantitative" } } },
        {
          transform: [{ filter: "datum.observed != null" }],
          mark: { type: "point", filled: true, size: 50, stroke: NHS_COLOURS.white, strokeWidth: 0.8 },
          encoding: {
            x,
            y: { field: "observed", type: "quantitative" },
            shape: { field: "inside", type: "nominal", title: "Observed month", scale: { domain: ["inside the band", "outside the band", "not judged"], range: ["circle", "diamond", "square"] } },
            color: { field: "inside", type: "nominal", title: "Observed month", scale: { domain: ["inside the band", "outside the band", "not judged"], range: [NHS_COLOURS.darkBlue, NHS_COLOURS.black, NHS_COLOURS.midGrey] } },
          },
        },
      ],
    },
  };
}

/**
 * The back-test chart ready to render or export: the spec, and the months as CSV rows.
 * @example await chartSvg(backtestChart(result.months, title, subtitle))
 */
export function backtestChart(months: readonly BacktestMonth[], title: string, subtitle: string): Chart {
  const columns = ["measure", "month", "observed", "p10", "median", "p90", "inside"];
  const rows = months.map((m) => ({ measure: m.measure, month: m.month, observed: m.observed, p10: m.p10, median: m.median, p90: m.p90, inside: m.inside === null ? null : m.inside ? "yes" : "no" }));
  return { name: "backtest", title, spec: backtestSpec(months, title, subtitle), rows, columns };
}
