import type { ExperimentResult } from "../../sim/experiment/index.js";
import { NHS_COLOURS } from "./palette.js";
import { reportSpec, round, type Chart, type ChartMeta } from "./chart.js";
import { differenceTicks } from "./difference-ticks.js";
import { dateX, HOLIDAY_LAYER, weekStart, type TimeAxis } from "./time-axis.js";

/**
 * The whole service's waiting list in A and in B on one chart, on the same scale (top panel:
 * median across replications, A solid NHS Blue, B dashed Dark Blue, each with its 10–90 %
 * band), and the difference of the medians B − A week by week (bottom panel, dashed zero
 * line). Both panels share the calendar-month axis of A's scenario, holidays shaded.
 * @example waitlistAbChart(a, b, meta, { a: "Trailblazer team", b: "Trailblazer team with …" }).rows[0]
 */
export function waitlistAbChart(a: ExperimentResult, b: ExperimentResult, meta: ChartMeta, names: { a: string; b: string }, axis?: TimeAxis): Chart {
  const sideA = `A: ${names.a}`;
  const sideB = `B: ${names.b}`;
  const service = (r: ExperimentResult) => new Map(r.weekly.filter((w) => w.scope === "service").map((w) => [w.week, w]));
  const wa = service(a);
  const wb = service(b);
  const weeks = [...wa.keys()].filter((w) => wb.has(w)).sort((x, y) => x - y);
  const at = (week: number): Record<string, string> => (axis ? { date: weekStart(axis, week) } : {});
  const rows = weeks.map((week) => {
    const x = wa.get(week)!;
    const y = wb.get(week)!;
    return {
      week,
      ...at(week),
      medianA: round(x.waitlistMedian, 2),
      p10A: round(x.waitlistP10, 2),
      p90A: round(x.waitlistP90, 2),
      medianB: round(y.waitlistMedian, 2),
      p10B: round(y.waitlistP10, 2),
      p90B: round(y.waitlistP90, 2),
      difference: round(y.waitlistMedian - x.waitlistMedian, 2),
    };
  });
  // The bands colour by a field of their own (`band`), so that their hidden legend does not hide the lines' legend.
  const long = rows.flatMap((r) => [
    { ...at(r.week), week: r.week, side: sideA, band: sideA, median: r.medianA, p10: r.p10A, p90: r.p90A },
    { ...at(r.week), week: r.week, side: sideB, band: sideB, median: r.medianB, p10: r.p10B, p90: r.p90B },
  ]);
  const holidays = axis ? axis.holidays.map((h) => ({ holidayFrom: h.from, holidayTo: h.to })) : [];
  const x = axis ? dateX(1) : { field: "week", type: "quantitative", title: "Week from scenario start", axis: { tickMinStep: 1 } };
  const side = { field: "side", type: "nominal", title: null, scale: { domain: [sideA, sideB] } } as const;
  const title = "Waiting list over time, whole service: A and B on one scale, and B − A";
  const notes = [
    `A = ${names.a}; B = ${names.b}`,
    `Top: children waiting at week end, median across replications (A solid, B dashed), band = 10th–90th percentile. Bottom: B − A of the medians${axis ? "; grey shading = school holidays" : ""}`,
  ];
  const data = { values: [...holidays, ...long] };
  // Round ticks in children; a B equal to A gets −1…1, not one tick printed as 0.000000.
  const diff = differenceTicks(rows.map((r) => r.difference), 4);
  const spec = reportSpec(meta, title, notes, {
    vconcat: [
      {
        width: 640,
        height: 220,
        data,
        layer: [
          ...(axis ? [HOLIDAY_LAYER] : []),
          {
            transform: [{ filter: "datum.holidayFrom == null" }],
            mark: { type: "area", opacity: 0.25 },
            encoding: { x, y: { field: "p10", type: "quantitative", title: "Children waiting" }, y2: { field: "p90" }, fill: { ...side, field: "band", scale: { ...side.scale, range: [NHS_COLOURS.lightBlue, NHS_COLOURS.midGrey] }, legend: null } },
          },
          {
            transform: [{ filter: "datum.holidayFrom == null" }],
            mark: { type: "line", strokeWidth: 2 },
            encoding: {
              x,
              y: { field: "median", type: "quantitative", title: "Children waiting" },
              color: { ...side, scale: { ...side.scale, range: [NHS_COLOURS.blue, NHS_COLOURS.darkBlue] }, legend: { orient: "top", direction: "vertical", columns: 1, symbolStrokeWidth: 2, symbolSize: 300 } },
              strokeDash: { ...side, scale: { ...side.scale, range: [[], [7, 3]] } },
            },
          },
        ],
      },
      {
        width: 640,
        height: 110,
        data: { values: [...holidays, ...rows] },
        layer: [
          ...(axis ? [HOLIDAY_LAYER] : []),
          { mark: { type: "rule", color: NHS_COLOURS.darkGrey, strokeDash: [4, 3] }, encoding: { y: { datum: 0, type: "quantitative", scale: { domain: diff.domain, nice: false, zero: false } } } },
          {
            transform: [{ filter: "datum.holidayFrom == null" }],
            mark: { type: "line", strokeWidth: 2, color: NHS_COLOURS.darkBlue },
            encoding: { x, y: { field: "difference", type: "quantitative", title: "B − A (children)", scale: { domain: diff.domain, nice: false, zero: false }, axis: { values: diff.values, format: diff.format } } },
          },
        ],
      },
    ],
    resolve: { scale: { x: "shared" } },
  });
  const columns = axis ? ["week", "date", "medianA", "p10A", "p90A", "medianB", "p10B", "p90B", "difference"] : ["week", "medianA", "p10A", "p90A", "medianB", "p10B", "p90B", "difference"];
  return { name: "waitlist-ab", title, spec, rows, columns };
}
