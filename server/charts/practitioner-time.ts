import type { ExperimentResult } from "../../sim/experiment/index.js";
import { ACTIVITIES, type Activity } from "../../sim/model/index.js";
import { NHS_COLOURS } from "./palette.js";
import { reportSpec, round, type Chart, type ChartMeta } from "./chart.js";

/** Team panels drawn at most; with more teams only the service is drawn (the CSV keeps all). */
export const MAX_TEAM_PANELS = 8;

/** Kinds of practitioner time, each with its NHS colour (bars are also named on the axis). */
const KINDS = [
  ["With children and families", NHS_COLOURS.blue],
  ["With schools", NHS_COLOURS.darkBlue],
  ["Supervision and admin", NHS_COLOURS.darkGrey],
  ["Lost or unused", NHS_COLOURS.lightBlue],
] as const;
type Kind = (typeof KINDS)[number][0];

/**
 * Every activity the recorder counts, with its label and kind, in the order drawn (kind by
 * kind). A `Record` over the `Activity` type: an activity added to the model without a label
 * here is a type error.
 */
export const ACTIVITY_LABELS: Readonly<Record<Activity, { readonly label: string; readonly kind: Kind }>> = {
  oneToOne: { label: "1:1 sessions", kind: "With children and families" },
  group: { label: "Group sessions", kind: "With children and families" },
  mhstPlus: { label: "MHST+", kind: "With children and families" },
  consultation: { label: "Consultations with school staff", kind: "With schools" },
  wholeSchool: { label: "Whole-school work", kind: "With schools" },
  linkMeeting: { label: "Link meetings", kind: "With schools" },
  clusterMeeting: { label: "Cluster meetings", kind: "With schools" },
  training: { label: "Training for schools", kind: "With schools" },
  supervision: { label: "Supervision", kind: "Supervision and admin" },
  admin: { label: "Admin", kind: "Supervision and admin" },
  dna: { label: "Did not attend", kind: "Lost or unused" },
  idle: { label: "Unused (idle)", kind: "Lost or unused" },
};

/** Activities in drawing order: by kind, then as listed above; any other recorded activity last. */
const ORDER: readonly string[] = [...KINDS.flatMap(([k]) => (Object.keys(ACTIVITY_LABELS) as Activity[]).filter((a) => ACTIVITY_LABELS[a].kind === k)), ...ACTIVITIES.filter((a) => !(a in ACTIVITY_LABELS))];

/**
 * Practitioner time by activity: the share of available case slots spent on each activity
 * (the `utilisation.<activity>` KPIs, mean across replications), one panel per team and one for
 * the whole service. Every activity the run recorded has its label; bars take the NHS colour of
 * their kind of time (legend), and each bar is named on the axis and labelled with its share.
 */
export function practitionerTimeChart(result: ExperimentResult, meta: ChartMeta, names: ReadonlyMap<string, string> = new Map()): Chart {
  const shares = result.kpis.filter((k) => k.scope !== "cluster" && k.kpi.startsWith("utilisation."));
  const scopes = [...new Set(shares.map((k) => `${k.scope}:${k.id}`))];
  const rank = (k: (typeof shares)[number]) => scopes.indexOf(`${k.scope}:${k.id}`) * 1000 + ORDER.indexOf(k.kpi.slice("utilisation.".length));
  const rows = [...shares]
    .sort((a, b) => rank(a) - rank(b))
    .map((k) => {
      const activity = k.kpi.slice("utilisation.".length);
      const known = ACTIVITY_LABELS[activity as Activity] as (typeof ACTIVITY_LABELS)[Activity] | undefined;
      return {
        scope: k.scope === "service" ? "Whole service" : (names.get(k.id) ?? k.id),
        activity: known?.label ?? activity,
        kind: known?.kind ?? "Lost or unused",
        share: round(k.mean, 4),
        lo: round(k.lo, 4),
        hi: round(k.hi, 4),
      };
    });
  const title = "Practitioner time by activity";
  // One panel per scope, activities named on the axis and each bar labelled with its share:
  // nothing rests on telling colours apart. Beyond 8 teams only the service is drawn.
  const teams = new Set(rows.filter((r) => r.scope !== "Whole service").map((r) => r.scope));
  const drawn = teams.size > MAX_TEAM_PANELS ? rows.filter((r) => r.scope === "Whole service") : rows;
  const panels = new Set(drawn.map((r) => r.scope)).size;
  const kinds = KINDS.filter(([k]) => drawn.some((r) => r.kind === k));
  const notes = ["Share of available case slots (vacant and university time excluded) spent on each activity, mean across replications; bar = share, label = share in %, colour = kind of time"];
  if (teams.size > MAX_TEAM_PANELS) notes.push(`${teams.size} teams: only the whole service is drawn; the CSV holds every team.`);
  const spec = reportSpec(meta, title, notes, {
    data: { values: drawn },
    facet: { field: "scope", type: "nominal", title: null, sort: [...new Set(drawn.map((r) => r.scope))], header: { labelFontWeight: "bold" } },
    columns: Math.min(2, Math.max(1, panels)),
    spec: {
      width: panels > 1 ? 300 : 520,
      height: { step: 22 },
      encoding: {
        y: { field: "activity", type: "nominal", title: null, sort: [...new Set(drawn.map((r) => r.activity))] },
        x: { field: "share", type: "quantitative", title: "Share of available slots", axis: { format: ".0%" }, scale: { domain: [0, Math.max(0.1, ...drawn.map((r) => r.share ?? 0)) * 1.15] } },
        tooltip: [{ field: "scope" }, { field: "activity" }, { field: "kind" }, { field: "share", format: ".1%" }],
      },
      layer: [
        {
          mark: { type: "bar" },
          encoding: { fill: { field: "kind", type: "nominal", title: "Kind of time", scale: { domain: kinds.map(([k]) => k), range: kinds.map(([, c]) => c) }, legend: { orient: "top", columns: 2 } } },
        },
        { mark: { type: "text", align: "left", dx: 3, fontSize: 10, color: NHS_COLOURS.black }, encoding: { text: { field: "share", type: "quantitative", format: ".0%" } } },
      ],
    },
  });
  return { name: "practitioner-time", title, spec, rows, columns: ["scope", "activity", "kind", "share", "lo", "hi"] };
}
