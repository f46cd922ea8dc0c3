import type { ExperimentResult } from "../../sim/experiment/index.js";
import { NHS_COLOURS } from "./palette.js";
import { reportSpec, round, type Chart, type ChartMeta } from "./chart.js";

/** Team panels drawn at most; with more teams only the service is drawn (the CSV keeps all). */
export const MAX_TEAM_PANELS = 8;

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
  // One panel per scope, activities named on the axis and each bar labelled with its share:
  // nothing rests on telling ten colours apart. Beyond 8 teams only the service is drawn.
  const teams = new Set(rows.filter((r) => r.scope !== "Whole service").map((r) => r.scope));
  const drawn = teams.size > MAX_TEAM_PANELS ? rows.filter((r) => r.scope === "Whole service") : rows;
  const panels = new Set(drawn.map((r) => r.scope)).size;
  const notes = ["Share of available case slots (vacant and university time excluded) spent on each activity, mean across replications; bar = share, label = share in %"];
  if (teams.size > MAX_TEAM_PANELS) notes.push(`${teams.size} teams: only the whole service is drawn; the CSV holds every team.`);
  const spec = reportSpec(meta, title, notes, {
    data: { values: drawn },
    facet: { field: "scope", type: "nominal", title: null, sort: [...new Set(drawn.map((r) => r.scope))], header: { labelFontWeight: "bold" } },
    columns: Math.min(2, Math.max(1, panels)),
    spec: {
      width: panels > 1 ? 300 : 520,
      height: { step: 22 },
      encoding: {
        y: { field: "activity", type: "nominal", title: null, sort: order.map((a) => LABELS[a]) },
        x: { field: "share", type: "quantitative", title: "Share of available slots", axis: { format: ".0%" }, scale: { domain: [0, Math.max(0.1, ...drawn.map((r) => r.share ?? 0)) * 1.15] } },
        tooltip: [{ field: "scope" }, { field: "activity" }, { field: "share", format: ".1%" }],
      },
      layer: [
        { mark: { type: "bar", color: NHS_COLOURS.blue } },
        { mark: { type: "text", align: "left", dx: 3, fontSize: 10, color: NHS_COLOURS.black }, encoding: { text: { field: "share", type: "quantitative", format: ".0%" } } },
      ],
    },
  });
  return { name: "practitioner-time", title, spec, rows, columns: ["scope", "activity", "share", "lo", "hi"] };
}
