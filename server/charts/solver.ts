import type { SolveResult, Target } from "../../sim/experiment/index.js";
import { LINE_COLOURS, LINE_DASHES, NHS_COLOURS } from "./palette.js";
import { reportSpec, round, type Chart, type ChartMeta } from "./chart.js";

/**
 * The capacity solver's response curve: the target KPI (mean and 95 % interval) at each value
 * of the varied parameter that the solver evaluated, search points and fresh-replication
 * checks apart, with the target threshold and the answer marked.
 */
export function solverChart(solve: SolveResult, target: Target, parameter: string, meta: ChartMeta, kpiLabel = target.kpi): Chart {
  const rows = solve.curve.map((p) => ({
    value: p.value,
    phase: p.phase === "search" ? "Search (common random numbers)" : "Check (fresh replications)",
    mean: round(p.mean),
    lo: round(p.lo),
    hi: round(p.hi),
    n: p.n,
    meetsTarget: p.met ? "yes" : "no",
  }));
  const answer =
    solve.status === "solved" ? `answer: ${parameter} = ${solve.value}` : solve.status === "impossible" ? "target not met even at the largest value" : "met in the search but not confirmed with fresh replications";
  const title = `Capacity solver: ${kpiLabel.replace(/ \(.*\)$/, "")} against ${parameter}`;
  const x = { field: "value", type: "quantitative", title: parameter, scale: { zero: false, nice: false, padding: 18 } };
  // Search and check points differ by colour and by the dash of their interval bars.
  const phases = ["Search (common random numbers)", "Check (fresh replications)"];
  const phaseColour = { field: "phase", type: "nominal", title: null, scale: { domain: phases, range: [LINE_COLOURS[0], LINE_COLOURS[1]] } };
  const phaseDash = { field: "phase", type: "nominal", title: null, scale: { domain: phases, range: [LINE_DASHES[0], LINE_DASHES[1]] } };
  const layers: Record<string, unknown>[] = [
    { data: { values: [{ threshold: target.threshold }] }, mark: { type: "rule", strokeDash: [6, 4], color: NHS_COLOURS.darkGrey }, encoding: { y: { field: "threshold", type: "quantitative" } } },
    { data: { values: [{ threshold: target.threshold, label: "target" }] }, mark: { type: "text", align: "left", baseline: "bottom", dx: 4, dy: -2, color: NHS_COLOURS.darkGrey }, encoding: { y: { field: "threshold", type: "quantitative" }, x: { value: 0 }, text: { field: "label" } } },
    { mark: { type: "rule", strokeWidth: 2 }, encoding: { x, y: { field: "lo", type: "quantitative" }, y2: { field: "hi" }, color: phaseColour, strokeDash: phaseDash } },
    {
      mark: { type: "point", filled: true, size: 80 },
      encoding: {
        x,
        y: { field: "mean", type: "quantitative", title: kpiLabel, scale: { zero: false, padding: 12 } },
        color: phaseColour,
        shape: { field: "meetsTarget", type: "nominal", title: "Meets target", scale: { domain: ["yes", "no"], range: ["circle", "cross"] } },
        tooltip: [{ field: "value" }, { field: "phase" }, { field: "mean" }, { field: "lo" }, { field: "hi" }, { field: "meetsTarget" }],
      },
    },
  ];
  if (solve.status === "solved" && solve.value !== null) {
    layers.push({ data: { values: [{ value: solve.value }] }, mark: { type: "rule", color: NHS_COLOURS.darkBlue, strokeWidth: 1.5, strokeDash: [2, 2] }, encoding: { x: { field: "value", type: "quantitative" } } });
    layers.push({ data: { values: [{ value: solve.value, label: "answer" }] }, mark: { type: "text", align: "left", baseline: "top", dx: 4, dy: 4, color: NHS_COLOURS.darkBlue }, encoding: { x: { field: "value", type: "quantitative" }, y: { value: 0 }, text: { field: "label" } } });
  }
  const spec = reportSpec(meta, title, [`Target: ${target.kpi} ${target.op} ${target.threshold} (dashed line); ${answer}. Point = mean across replications, bar = 95 % interval`], {
    data: { values: rows },
    width: 600,
    height: 300,
    layer: layers,
  });
  return { name: "solver", title, spec, rows, columns: ["value", "phase", "mean", "lo", "hi", "n", "meetsTarget"] };
}
