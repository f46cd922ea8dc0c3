import type { FairnessResult } from "../../sim/experiment/fairness.js";
import { NHS_COLOURS } from "./palette.js";
import { reportSpec, round, type Chart, type ChartMeta } from "./chart.js";

/** A share's interval end, held to 0–1 (a t interval of few replications can overshoot). */
const clamp = (x: number | null) => (x === null ? null : round(Math.min(1, Math.max(0, x))));

/**
 * Share of children seen within the waiting-time standard, school by school: point = mean
 * across replications, bar = 95 % interval; one row per school, grouped by cluster (the
 * cluster's name leads each row's label). With two sides (a comparison), A is a circle in NHS
 * Blue and B a diamond in Dark Blue on each row, so the schools where the change bites stand out.
 * @example schoolsChart([{ side: "A: …", result }], meta, clusterNames)
 */
export function schoolsChart(sides: readonly { side: string; result: FairnessResult; clusters: ReadonlyMap<string, string> }[], meta: ChartMeta): Chart {
  const rows = sides.flatMap(({ side, result, clusters }) =>
    result.rows
      .filter((r) => r.kind === "school")
      .map((r) => {
        const m = r.measures.shareSeenWithinStandard;
        const cluster = clusters.get(r.cluster ?? "") ?? r.cluster ?? "";
        return { side, school: r.name, cluster, label: `${cluster} · ${r.name}`, pupils: r.pupils, mean: round(m.mean), lo: clamp(m.lo), hi: clamp(m.hi), n: m.n };
      }),
  );
  // Rows in B's cluster order when B moved schools: the label carries each side's cluster, so
  // order by the first side (A) and keep B's point on the same school's row.
  const first = sides[0]?.side;
  const order = rows.filter((r) => r.side === first).sort((x, y) => x.cluster.localeCompare(y.cluster) || x.school.localeCompare(y.school)).map((r) => r.school);
  const two = sides.length > 1;
  const title = two ? "Share seen within the standard, by school: A and B" : "Share seen within the standard, by school";
  const y = { field: "school", type: "nominal", title: null, sort: order, axis: { labelLimit: 240 } } as const;
  const side = { field: "side", type: "nominal", title: null, scale: { domain: sides.map((s) => s.side) } } as const;
  const clusterOf = new Map(rows.filter((r) => r.side === first).map((r) => [r.school, r.cluster]));
  const data = rows.map((r) => ({ ...r, clusterA: clusterOf.get(r.school) ?? r.cluster }));
  const spec = reportSpec(meta, title, [
    `Share (%) of children whose four-week deadline fell within the run who were seen by it (still waiting counts as not seen): point = mean across replications, bar = 95 % interval (held to 0–100 %)${two ? "; A = circle, B = diamond" : ""}`,
    "Rows are schools, labelled with their cluster (A's cluster in a comparison)",
  ], {
    data: { values: data },
    width: 520,
    height: { step: two ? 22 : 16 },
    transform: [{ calculate: "datum.clusterA + ' · ' + datum.school", as: "row" }],
    encoding: { y: { ...y, field: "row", sort: order.map((s) => `${clusterOf.get(s)} · ${s}`) } },
    layer: [
      {
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          x: { field: "lo", type: "quantitative", title: "Share seen within the standard (%)", scale: { domain: [0, 1] }, axis: { format: ".0%" } },
          x2: { field: "hi" },
          color: { ...side, scale: { ...side.scale, range: [NHS_COLOURS.blue, NHS_COLOURS.darkBlue] } },
          ...(two ? { yOffset: { field: "side", scale: { domain: sides.map((s) => s.side), paddingInner: 0.2 } } } : {}),
        },
      },
      {
        mark: { type: "point", filled: true, size: 60 },
        encoding: {
          x: { field: "mean", type: "quantitative" },
          color: { ...side, scale: { ...side.scale, range: [NHS_COLOURS.blue, NHS_COLOURS.darkBlue] }, legend: two ? { orient: "top", direction: "vertical" } : null },
          shape: { ...side, scale: { ...side.scale, range: ["circle", "diamond"] }, legend: two ? { orient: "top", direction: "vertical" } : null },
          ...(two ? { yOffset: { field: "side", scale: { domain: sides.map((s) => s.side), paddingInner: 0.2 } } } : {}),
          tooltip: [{ field: "side" }, { field: "cluster" }, { field: "school" }, { field: "pupils" }, { field: "mean" }, { field: "lo" }, { field: "hi" }],
        },
      },
    ],
  });
  return { name: "schools", title, spec, rows, columns: ["side", "cluster", "school", "pupils", "mean", "lo", "hi", "n"] };
}
