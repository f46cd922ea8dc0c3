import type { LhsRow, MorrisRow, OatRow, SensitivityResult } from "../../sim/experiment/sensitivity/index.js";
import { KPI_DOCS } from "../../sim/model/kpi-docs.js";
import { reportSpec, round, type Chart, type ChartMeta } from "./chart.js";
import { NHS_COLOURS } from "./palette.js";

/** "Seen within the standard (share, 0–1)": the model's own label and unit for a KPI. */
function kpiLabel(kpi: string): string {
  const doc = KPI_DOCS[kpi];
  return doc ? `${doc.label} (${doc.unit.replace("share (0–1)", "share, 0–1")})` : kpi;
}

/** The chart a sensitivity analysis draws: tornado (OAT), μ*–σ (Morris) or PRCC bars (LHS). */
export const SENSITIVITY_CHARTS = { oat: "tornado", morris: "morris", lhs: "prcc" } as const;

const labelled = (rows: readonly { parameter: string }[]) => rows.map((r) => r.parameter);

/**
 * The tornado chart of a one-at-a-time analysis: for each uncertain input (largest swing at the
 * top), a bar from the base to the KPI's change with the input at its low end and one with it at
 * its high end, each with its paired 95 % interval and a label giving the end's value.
 */
export function tornadoChart(result: SensitivityResult, meta: ChartMeta): Chart {
  const rows = (result.rows as OatRow[]).flatMap((r) =>
    (["low", "high"] as const).map((end) => {
      const change = round(end === "low" ? r.lowDiff : r.highDiff);
      const lo = round(end === "low" ? r.lowDiffLo : r.highDiffLo);
      const hi = round(end === "low" ? r.lowDiffHi : r.highDiffHi);
      const value = end === "low" ? r.low : r.high;
      // The label sits beyond the bar's outer end (and its whisker), on the bar's own side of 0.
      const right = (change ?? 0) >= 0;
      const at = right ? Math.max(change ?? 0, hi ?? 0) : Math.min(change ?? 0, lo ?? 0);
      return { parameter: r.parameter, end: end === "low" ? "Low end" : "High end", value, change, lo, hi, baseMean: round(r.baseMean), label: `${end} ${value}`, labelAt: at, side: right ? "right" : "left" };
    }),
  );
  const base = (result.rows[0] as OatRow | undefined)?.baseMean;
  const title = `One at a time: ${kpiLabel(result.kpi).replace(/ \([^()]*\)$/, "")}, each input at its low and high end`;
  const y = { field: "parameter", type: "nominal", title: null, sort: labelled(result.rows), axis: { labelLimit: 320 }, scale: { paddingInner: 0.3 } };
  const ends = ["Low end", "High end"];
  // Bars fill their half of the row; whiskers and labels sit at the middle of that half.
  const offset = { field: "end", sort: ends, scale: { paddingInner: 0.25 } };
  const centred = { ...offset, bandPosition: 0.5 };
  const spec = reportSpec(meta, title, [
    `Each input set to its low or high end with the others as in the scenario; bar = change in the KPI from the base (${base === null || base === undefined ? "–" : round(base)}), whisker = paired 95 % interval under common random numbers; label = the end's value. Largest swing at the top`,
  ], {
    data: { values: rows },
    width: 560,
    height: { step: 30 },
    layer: [
      { mark: { type: "rule", color: NHS_COLOURS.darkGrey }, encoding: { x: { datum: 0, type: "quantitative" } } },
      {
        mark: { type: "bar", stroke: NHS_COLOURS.darkBlue, strokeWidth: 1 },
        encoding: {
          y,
          // Room beyond the longest bars for their labels.
          x: { field: "change", type: "quantitative", title: `Change in ${kpiLabel(result.kpi)} from the base`, scale: { padding: 60 } },
          yOffset: offset,
          color: { field: "end", type: "nominal", title: null, scale: { domain: ends, range: [NHS_COLOURS.lightBlue, NHS_COLOURS.blue] } },
          tooltip: [{ field: "parameter" }, { field: "end" }, { field: "value" }, { field: "change" }, { field: "lo" }, { field: "hi" }],
        },
      },
      { mark: { type: "rule", color: NHS_COLOURS.black, strokeWidth: 1.2 }, encoding: { y, x: { field: "lo", type: "quantitative" }, x2: { field: "hi" }, yOffset: centred } },
      ...(["right", "left"] as const).map((side) => ({
        transform: [{ filter: { field: "side", equal: side } }],
        mark: { type: "text", fontSize: 10, color: NHS_COLOURS.darkGrey, dx: side === "right" ? 5 : -5, align: side === "right" ? "left" : "right" },
        encoding: { y, x: { field: "labelAt", type: "quantitative" }, yOffset: centred, text: { field: "label" } },
      })),
    ],
  });
  return { name: "tornado", title, spec, rows, columns: ["parameter", "end", "value", "change", "lo", "hi", "baseMean"] };
}

/**
 * The μ*–σ chart of a Morris screening: each input as a labelled point at its mean absolute
 * elementary effect μ* (overall influence) and the spread σ of its effects (non-linearity or
 * interaction), with the line σ = μ* dashed: inputs above it act mostly through non-linear or
 * interacting effects.
 */
export function morrisChart(result: SensitivityResult, meta: ChartMeta): Chart {
  const rows = (result.rows as MorrisRow[]).map((r, i) => ({ rank: i + 1, parameter: r.parameter, muStar: round(r.muStar), sigma: round(r.sigma), mu: round(r.mu), n: r.n, low: r.low, high: r.high, key: `${i + 1}  ${r.parameter}` }));
  const top = Math.max(0, ...rows.flatMap((r) => [r.muStar ?? 0, r.sigma ?? 0])) * 1.1 || 1;
  const title = `Morris screening: elementary effects on ${kpiLabel(result.kpi).replace(/ \([^()]*\)$/, "")}`;
  const unit = kpiLabel(result.kpi).match(/\(([^()]*)\)$/)?.[1] ?? "KPI units";
  const scale = { domain: [0, top], nice: false, zero: true, padding: 0 };
  const x = { field: "muStar", type: "quantitative", title: `μ*, mean absolute effect (${unit})`, scale };
  const y = { field: "sigma", type: "quantitative", title: `σ, spread of the effects (${unit})`, scale };
  // Points carry their rank (short labels that rarely collide); the key beside the plot names them.
  const spec = reportSpec(meta, title, [
    `${result.trajectories ?? "–"} trajectories on ${result.levels ?? "–"} levels; effects in ${unit} per full range of the input (low to high). Right: more influence; up: more non-linear or interacting; dashed line: σ = μ*. Numbers: rank by μ*`,
  ], {
    data: { values: rows },
    hconcat: [
      {
        width: 480,
        height: 380,
        layer: [
          { data: { values: [{ a: 0 }, { a: top }] }, mark: { type: "line", color: NHS_COLOURS.midGrey, strokeDash: [6, 4], clip: true }, encoding: { x: { field: "a", type: "quantitative", scale }, y: { field: "a", type: "quantitative", scale } } },
          { mark: { type: "point", filled: true, size: 80, color: NHS_COLOURS.blue, stroke: NHS_COLOURS.darkBlue }, encoding: { x, y, tooltip: [{ field: "parameter" }, { field: "muStar" }, { field: "mu" }, { field: "sigma" }, { field: "n" }] } },
          { mark: { type: "text", align: "left", dx: 7, dy: -7, fontSize: 11, fontWeight: "bold", color: NHS_COLOURS.darkBlue }, encoding: { x, y, text: { field: "rank" } } },
        ],
      },
      {
        width: 240,
        height: { step: 18 },
        view: { stroke: null, fill: null },
        mark: { type: "text", align: "left", fontSize: 11, color: NHS_COLOURS.darkGrey },
        encoding: { y: { field: "rank", type: "ordinal", axis: null }, x: { value: 0 }, text: { field: "key" } },
      },
    ],
  });
  return { name: "morris", title, spec, rows, columns: ["rank", "parameter", "muStar", "mu", "sigma", "n", "low", "high"] };
}

/**
 * The partial rank correlations of a Latin hypercube: one bar per input from 0 to its PRCC
 * (right: the KPI rises with the input; left: it falls), labelled with its value and p-value.
 */
export function prccChart(result: SensitivityResult, meta: ChartMeta): Chart {
  const rows = (result.rows as LhsRow[]).map((r) => ({
    parameter: r.parameter,
    prcc: round(r.prcc, 3),
    p: r.p === null ? null : Number(r.p.toPrecision(2)),
    low: r.low,
    high: r.high,
    // The value goes into the axis label, so it never collides with a bar.
    name: `${r.parameter}   ${r.prcc === null ? "–" : r.prcc.toFixed(2)} (p ${r.p === null ? "–" : r.p < 0.001 ? "< 0.001" : r.p.toFixed(3)})`,
  }));
  const title = `Latin hypercube: partial rank correlations with ${kpiLabel(result.kpi).replace(/ \([^()]*\)$/, "")}`;
  const spec = reportSpec(meta, title, [`${result.samples ?? result.points} samples drawn over every input's range at once; bar = PRCC, the monotone association of the input with the KPI with the other inputs held fixed (−1 to 1)`], {
    data: { values: rows },
    width: 560,
    height: { step: 26 },
    layer: [
      {
        mark: { type: "bar", color: NHS_COLOURS.blue, stroke: NHS_COLOURS.darkBlue, height: { band: 0.6 } },
        encoding: {
          y: { field: "name", type: "nominal", title: null, sort: rows.map((r) => r.name), axis: { labelLimit: 420 } },
          x: { field: "prcc", type: "quantitative", title: "PRCC (right: the KPI rises with the input; left: it falls)", scale: { domain: [-1, 1] } },
          tooltip: [{ field: "parameter" }, { field: "prcc" }, { field: "p" }],
        },
      },
      { mark: { type: "rule", color: NHS_COLOURS.darkGrey }, encoding: { x: { datum: 0, type: "quantitative" } } },
    ],
  });
  return { name: "prcc", title, spec, rows, columns: ["parameter", "prcc", "p", "low", "high"] };
}

/**
 * The chart of a sensitivity analysis for its method.
 * @example sensitivityChart(result, meta).name // "tornado" for a one-at-a-time analysis
 */
export function sensitivityChart(result: SensitivityResult, meta: ChartMeta): Chart {
  if (result.method === "oat") return tornadoChart(result, meta);
  if (result.method === "morris") return morrisChart(result, meta);
  return prccChart(result, meta);
}
