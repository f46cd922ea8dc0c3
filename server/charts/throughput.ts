import type { ExperimentResult } from "../../sim/experiment/index.js";
import { NHS_COLOURS } from "./palette.js";
import { reportSpec, round, type Chart, type ChartMeta } from "./chart.js";
import { dateX, HOLIDAY_LAYER, weekStart, type TimeAxis } from "./time-axis.js";

const FLOWS = [
  ["referrals", "Referrals"],
  ["accepted", "Accepted at triage"],
  ["started", "Started"],
  ["completed", "Completed"],
  ["signposted", "Signposted"],
] as const;

/**
 * Throughput per week for the whole service: referrals, accepted, started, completed and
 * signposted, each the mean across replications. With the scenario's time axis the x axis is
 * calendar months with school holidays shaded; without it, weeks from the start.
 * @example throughputChart(result, meta).rows[0] // { week: 0, measure: "Referrals", perWeek: 3.2 }
 */
export function throughputChart(result: ExperimentResult, meta: ChartMeta, axis?: TimeAxis): Chart {
  const service = result.weekly.filter((w) => w.scope === "service");
  const rows = service.flatMap((w) => FLOWS.map(([field, label]) => ({ week: w.week, ...(axis ? { date: weekStart(axis, w.week) } : {}), measure: label, perWeek: round(w[field], 3) })));
  const holidays = axis ? FLOWS.flatMap(([, measure]) => axis.holidays.map((h) => ({ measure, holidayFrom: h.from, holidayTo: h.to }))) : [];
  const title = "Throughput per week, whole service";
  const order = FLOWS.map(([, l]) => l);
  // One panel per measure on a shared scale: five noisy weekly series overlaid are unreadable.
  const spec = reportSpec(meta, title, [`Children per week, mean across replications; one panel per measure, same scale${axis ? "; grey shading = school holidays" : ""}`], {
    data: { values: [...holidays, ...rows] },
    facet: { row: { field: "measure", type: "nominal", title: null, sort: order, header: { labelAngle: 0, labelAlign: "left", labelOrient: "top", labelFontWeight: "bold" } } },
    spacing: 8,
    spec: {
      width: 640,
      height: 70,
      layer: [
        ...(axis ? [HOLIDAY_LAYER] : []),
        {
          transform: [{ filter: "datum.holidayFrom == null" }],
          mark: { type: "line", strokeWidth: 1.6, interpolate: "linear", color: NHS_COLOURS.blue },
          encoding: {
            x: axis ? dateX(1) : { field: "week", type: "quantitative", title: "Week from scenario start", axis: { tickMinStep: 1 } },
            y: { field: "perWeek", type: "quantitative", title: "Per week", axis: { tickCount: 3 } },
          },
        },
      ],
    },
  });
  return { name: "throughput", title, spec, rows, columns: axis ? ["week", "date", "measure", "perWeek"] : ["week", "measure", "perWeek"] };
}
