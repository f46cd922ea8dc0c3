import type { KpiDocs } from "./api.js";
import { h, num } from "./dom.js";

/** A measure across replications, as the server's fairness results give it. */
interface Value {
  mean: number | null;
  lo: number | null;
  hi: number | null;
}
interface FairnessRow {
  kind: "school" | "phase" | "size";
  id: string;
  name: string;
  pupils: number;
  schools: string[];
  phase?: string;
  cluster?: string;
  measures: Record<string, Value>;
}
interface Gap {
  best: string;
  worst: string;
  bestMean: number;
  worstMean: number;
  gap: number;
  lo: number | null;
  hi: number | null;
}
/** Per-school results and fairness of one side (the server's FairnessResult). */
export interface Fairness {
  rows: FairnessRow[];
  concentration: Value;
  clusterGap: Gap | null;
}
/** One measure of one group in A and B (the server's FairnessDifference). */
export interface FairnessDiff {
  kind: string;
  id: string;
  measure: string;
  meanA: number | null;
  meanB: number | null;
  diff: number | null;
  lo: number | null;
  hi: number | null;
}
/** A paired comparison row of the experiment layer. */
export interface ComparisonRow {
  scope: string;
  id: string;
  kpi: string;
  meanA: number | null;
  meanB: number | null;
  diff: number | null;
  lo: number | null;
  hi: number | null;
}
export interface Labels {
  clusters: Record<string, string>;
  teams: Record<string, string>;
}

// A value that rounds to zero prints as 0, never -0; units stay on the number's line (no-break space).
const bare = (x: number) => num(x).replace(/^-(0(\.0+)?)$/, "$1");
const pct = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${bare(100 * x)}\u00a0%`);
const signed = (text: string, x: number | null | undefined) => (x !== null && x !== undefined && x > 0 && !text.startsWith("-") && !/^0(\.0+)?$/.test(text) ? `+${text}` : text);
const pp = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${signed(bare(100 * x), x)}\u00a0pp`);
const plain = (x: number | null | undefined) => (x === null || x === undefined ? "–" : bare(x));
const diffPlain = (x: number | null | undefined) => (x === null || x === undefined ? "–" : signed(bare(x), x));

// An index (0–1, differences small) always with three decimals, so A and B line up: 0.104, 0.110.
const index3 = (x: number) => x.toFixed(3).replace(/^-(0\.000)$/, "$1");
const indexValue = (x: number | null | undefined) => (x === null || x === undefined ? "–" : index3(x));
const indexDiff = (x: number | null | undefined) => (x === null || x === undefined ? "–" : signed(index3(x), x));

/** How a measure prints: a share as %, its difference in points; an index with three decimals; anything else as a number. */
function formats(share: boolean | "index") {
  if (share === "index") return { value: indexValue, diff: indexDiff, bare: index3 };
  return share ? { value: pct, diff: pp, bare: (x: number) => bare(100 * x) } : { value: plain, diff: diffPlain, bare };
}
/**
 * A 95 % interval, held to the values the measure can take: every measure here is >= 0 and a
 * share <= 1 (a difference of shares lies in −1..1). A t interval of a few replications
 * overshoots them.
 */
const ci = (v: { lo: number | null; hi: number | null }, share: boolean | "index", diff = false) => {
  if (v.lo === null || v.hi === null) return "";
  const f = formats(share);
  const [min, max] = diff ? (share ? [-1, 1] : [-Infinity, Infinity]) : [0, share ? 1 : Infinity];
  const one = (x: number) => (diff ? signed(f.bare(x), x) : f.bare(x));
  return `${one(Math.max(min, v.lo))} to ${one(Math.min(max, v.hi))}`;
};

function table(caption: string, head: readonly string[], rows: readonly (readonly (string | HTMLElement)[])[], attrs: Record<string, string> = {}, numericFrom = 1): HTMLTableElement {
  return h(
    "table",
    { class: "results-table", ...attrs },
    h("caption", { class: "visually-left" }, caption),
    h("thead", {}, h("tr", {}, ...head.map((c, i) => h("th", { class: i >= numericFrom ? "num" : "" }, c)))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c, i) => h("td", { class: i >= numericFrom ? "num" : "" }, c))))),
  );
}

/** KPIs the "where the change bites" table shows, with whether each is a share. */
const SCOPE_KPIS: readonly (readonly [string, boolean])[] = [
  ["shareSeenWithinStandard", true],
  ["waitWeeksMeanCensored", false],
  ["waitingBeyondStandardEnd", false],
  ["waitlistEnd", false],
];

/**
 * A comparison by scope: the whole service, each team and each cluster (named by A, and by B
 * where B renamed it), each KPI's A, B and B − A with its paired interval.
 */
export function scopeTable(rows: readonly ComparisonRow[], docs: KpiDocs, labels: Labels, labelsB: Labels): HTMLElement {
  const scopes: { scope: string; id: string }[] = [];
  for (const r of rows) if (!scopes.some((s) => s.scope === r.scope && s.id === r.id)) scopes.push({ scope: r.scope, id: r.id });
  const name = (scope: string, id: string) => {
    if (scope === "service") return "Whole service";
    const [a, b] = scope === "team" ? [labels.teams[id], labelsB.teams[id]] : [labels.clusters[id], labelsB.clusters[id]];
    const shown = a ?? b ?? id;
    return `${scope === "team" ? "Team" : "Cluster"}: ${b !== undefined && a !== undefined && a !== b ? `${a} → ${b}` : shown}`;
  };
  const head = ["Where", ...SCOPE_KPIS.flatMap(([k]) => [`${docs[k]?.label ?? k}: A`, "B", "B − A (paired 95 % CI)"])];
  const body = scopes.map(({ scope, id }) => [
    name(scope, id),
    ...SCOPE_KPIS.flatMap(([k, share]) => {
      const r = rows.find((x) => x.scope === scope && x.id === id && x.kpi === k);
      const f = formats(share);
      return r ? [f.value(r.meanA), f.value(r.meanB), `${f.diff(r.diff)}${r.lo !== null ? `\n(${ci(r, share, true)})` : ""}`] : ["–", "–", "–"];
    }),
  ]);
  return h("div", { class: "table-wrap" }, table("Results by service, team and cluster", head, body, { "data-table": "scopes" }));
}

const MEASURES: readonly (readonly [string, string, boolean])[] = [
  ["shareSeenWithinStandard", "Seen within standard", true],
  ["waitWeeksMeanCensored", "Mean wait, still-waiting counted (weeks)", false],
  ["waitingBeyondStandardEnd", "Waiting beyond standard at end", false],
  ["contactsPer100Pupils", "Contacts per 100 pupils", false],
];
const GROUPS = [["school", "By school"], ["phase", "By phase"], ["size", "By school size"]] as const;

/** One run's per-school results: the cluster gap and concentration index, then school, phase and size tables. */
export function fairnessSection(f: Fairness, labels: Labels): HTMLElement {
  const cluster = (id: string | undefined) => labels.clusters[id ?? ""] ?? id ?? "";
  const gap = f.clusterGap;
  const summary = h(
    "ul",
    { class: "fairness-summary", "data-fairness": "summary" },
    gap ? h("li", { "data-measure": "clusterGap" }, `Best − worst cluster in the share seen within the standard: ${pp(gap.gap)}${gap.lo !== null ? ` (95 % CI ${ci(gap, true, true)})` : ""}: ${cluster(gap.best)} ${pct(gap.bestMean)}, ${cluster(gap.worst)} ${pct(gap.worstMean)}`) : null,
    h("li", { "data-measure": "concentration" }, `Concentration index of contacts against pupils: ${indexValue(f.concentration.mean)}${f.concentration.lo !== null ? ` (95 % CI ${ci(f.concentration, "index")})` : ""} (0 = contacts in proportion to pupils in every school)`),
  );
  const tables = GROUPS.map(([kind, title]) => {
    const head = [kind === "school" ? "School" : kind === "phase" ? "Phase" : "Size band", ...(kind === "school" ? ["Cluster", "Phase"] : ["Schools"]), "Pupils", ...MEASURES.map(([, l]) => l)];
    const rows = f.rows
      .filter((r) => r.kind === kind)
      .map((r) => [r.name, ...(kind === "school" ? [cluster(r.cluster), r.phase ?? ""] : [String(r.schools.length)]), r.pupils.toLocaleString("en-GB"), ...MEASURES.map(([m, , share]) => `${formats(share).value(r.measures[m]?.mean)}${r.measures[m] && r.measures[m].lo !== null ? `\n(${ci(r.measures[m], share)})` : ""}`)]);
    return [h("h4", {}, title), h("div", { class: "table-wrap" }, table(title, head, rows, { "data-table": `fairness-${kind}` }, kind === "school" ? 3 : 1))];
  });
  return h("section", { class: "fairness", "aria-label": "Per-school results and fairness" }, h("h3", {}, "Per-school results and fairness"), summary, ...tables.flat());
}

/** A comparison's per-school results: A, B and B − A for each school (its cluster in A → B), phase and size band. */
export function fairnessCompareSection(a: Fairness, b: Fairness, diff: readonly FairnessDiff[], labels: Labels, labelsB: Labels): HTMLElement {
  const find = (kind: string, id: string, m: string) => diff.find((d) => d.kind === kind && d.id === id && d.measure === m);
  const trio = (d: FairnessDiff | undefined, share: boolean | "index") => {
    const f = formats(share);
    return d ? [f.value(d.meanA), f.value(d.meanB), `${f.diff(d.diff)}${d.lo !== null ? `\n(${ci(d, share, true)})` : ""}`] : ["–", "–", "–"];
  };
  const cl = (l: Labels, id: string | undefined) => l.clusters[id ?? ""] ?? id ?? "";
  const gap = find("school", "", "clusterGap");
  const conc = find("school", "", "concentration");
  const summary = table(
    "Fairness between clusters and schools",
    ["Measure", "A", "B", "B − A (paired 95 % CI)"],
    [
      ...(gap && a.clusterGap && b.clusterGap ? [[`Best − worst cluster, seen within standard (A: ${cl(labels, a.clusterGap.best)} vs ${cl(labels, a.clusterGap.worst)}; B: ${cl(labelsB, b.clusterGap.best)} vs ${cl(labelsB, b.clusterGap.worst)})`, ...trio(gap, true)]] : []),
      ...(conc ? [["Concentration index of contacts against pupils", ...trio(conc, "index")]] : []),
    ],
    { "data-table": "fairness-summary" },
  );
  const inB = new Map(b.rows.map((r) => [`${r.kind}:${r.id}`, r]));
  const shown = MEASURES.filter(([m]) => m !== "waitingBeyondStandardEnd");
  const tables = GROUPS.map(([kind, title]) => {
    const head = [kind === "school" ? "School" : kind === "phase" ? "Phase" : "Size band", ...(kind === "school" ? ["Cluster (A → B)"] : []), ...shown.flatMap(([, l]) => [`${l}: A`, "B", "B − A"])];
    const rows = a.rows
      .filter((r) => r.kind === kind && inB.has(`${kind}:${r.id}`))
      .map((r) => {
        const rb = inB.get(`${kind}:${r.id}`)!;
        const where = kind === "school" ? [rb.cluster === r.cluster ? cl(labels, r.cluster) : `${cl(labels, r.cluster)} → ${cl(labelsB, rb.cluster)}`] : [];
        return [r.name, ...where, ...shown.flatMap(([m, , share]) => trio(find(kind, r.id, m), share))];
      });
    return [h("h4", {}, `${title}: A and B`), h("div", { class: "table-wrap" }, table(title, head, rows, { "data-table": `fairness-${kind}` }, kind === "school" ? 2 : 1))];
  });
  return h("section", { class: "fairness", "aria-label": "Per-school results and fairness" }, h("h3", {}, "Per-school results and fairness: A and B"), summary, ...tables.flat());
}
