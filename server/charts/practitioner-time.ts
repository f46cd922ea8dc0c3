import type { ExperimentResult } from "../../sim/experiment/index.js";
import { reportSpec, round, type Chart, type ChartMeta } from "./chart.js";

const LABELS: Readonly<Record<string, string>> = {
  oneToOne: "1:1 sessions",
  group: "Group sessions",
  mhstPlus: "MHST+",
  dna: "Did not attend",
  linkMeeting: "Link meetings",
  clusterMeeting: "Cluster meetings",
  training: "Training",
  supervision: "Supervision",
  admin: "Admin",
  idle: "Unused (idle)",
};

/**
 * Practitioner time by activity: the share of available case slots spent on each activity
 * (the `utilisation.<activity>` KPIs, mean across replications), one bar per team and one for
 * the whole service.
 */
export function practitionerTimeChart(result: ExperimentResult, meta: ChartMeta, names: ReadonlyMap<string, string> = new Map()): Chart {
  const order = Object.keys(LABELS);
  const rows = result.kpis
    .filter((k) => k.scope !== "cluster" && k.kpi.startsWith("utilisation."))
    .map((k) => {
      const activity = k.kpi.slice("utilisation.".length);
      return {
        scope: k.scope === "service" ? "Whole service" : (names.get(k.id) ?? k.id),
        activity: LABELS[activity] ?? activity,
        share: round(k.mean, 4),
        lo: round(k.lo, 4),
        hi: round(k.hi, 4),
      };
    });
  const title = "Practitioner time by activity";
  const spec = reportSpec(meta, title, ["Share of available case slots (vacant and university time excluded) spent on each activity, mean across replications"], {
    data: { values: rows },
    width: 600,
    height: { step: 34 },
    mark: { type: "bar" },
    encoding: {
      y: { field: "scope", type: "nominal", title: null, sort: null },
      x: { field: "share", type: "quantitative", stack: "zero", title: "Share of available slots", axis: { format: ".0%" } },
      color: { field: "activity", type: "nominal", title: null, sort: order.map((a) => LABELS[a]), scale: { scheme: "tableau10" } },
      order: { field: "activityOrder", type: "quantitative" },
      tooltip: [{ field: "scope" }, { field: "activity" }, { field: "share", format: ".1%" }],
    },
  });
  const withOrder = rows.map((r) => ({ ...r, activityOrder: Math.max(0, Object.values(LABELS).indexOf(r.activity)) }));
  (spec.data as { values: unknown }).values = withOrder;
  return { name: "practitioner-time", title, spec, rows, columns: ["scope", "activity", "share", "lo", "hi"] };
}
