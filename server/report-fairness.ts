import type { FairnessDifference, FairnessMeasure, FairnessResult, FairnessRow, FairnessValue } from "../sim/experiment/fairness.js";
import type { Labels, StoredResult } from "./charts/index.js";
import { formatDifference, formatInterval, formatValue } from "./report-format.js";

/** A table of a report, as text cells: the same in HTML, Word and PowerPoint. */
export interface ReportTable {
  readonly title: string;
  /** One sentence on what the table shows. */
  readonly intro: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const SHARE = "share (0–1)";
/** The measures a fairness table shows, with their heading and unit. */
const SHOWN: readonly (readonly [FairnessMeasure, string, string])[] = [
  ["shareSeenWithinStandard", "Seen within standard", SHARE],
  ["waitWeeksMeanCensored", "Mean wait, still-waiting counted (weeks)", "weeks"],
  ["waitingBeyondStandardEnd", "Waiting beyond standard at end", "children"],
  ["contactsPer100Pupils", "Contacts per 100 pupils", "contacts"],
];

/** An interval held to the values a measure can take: each is >= 0, a share <= 1 (differences of shares −1..1). */
const held = (lo: number | null, hi: number | null, unit: string, difference: boolean): [number | null, number | null] => {
  const [min, max] = difference ? (unit === SHARE ? [-1, 1] : [-Infinity, Infinity]) : [0, unit === SHARE ? 1 : Infinity];
  return [lo === null ? null : Math.max(min, lo), hi === null ? null : Math.min(max, hi)];
};
const interval = (lo: number | null, hi: number | null, unit: string, difference: boolean) => formatInterval(...held(lo, hi, unit, difference), unit, difference);
const withCi = (v: FairnessValue, unit: string) => (v.lo === null ? formatValue(v.mean, unit) : `${formatValue(v.mean, unit)} (${interval(v.lo, v.hi, unit, false)})`);

const GROUP_TITLES = { school: "By school", phase: "By phase", size: "By school size" } as const;

function runTables(f: FairnessResult, labels: Labels): ReportTable[] {
  const cluster = (id: string | undefined) => labels.clusters[id ?? ""] ?? id ?? "";
  const summary: ReportTable = {
    title: "Fairness between clusters and schools",
    intro:
      "The gap in the share seen within the standard between the best and the worst cluster (its interval is of the two clusters' per-replication difference), and the concentration index of contacts against pupils: 0 when every school's contacts are in proportion to its pupils, towards 1 as contacts gather in schools with few of the pupils.",
    head: ["Measure", "Value (95 % interval)"],
    rows: [
      ...(f.clusterGap
        ? [[
            "Best − worst cluster, share seen within the standard",
            `${formatDifference(f.clusterGap.gap, SHARE)} (${interval(f.clusterGap.lo, f.clusterGap.hi, SHARE, true)}): ${cluster(f.clusterGap.best)} ${formatValue(f.clusterGap.bestMean, SHARE)}, ${cluster(f.clusterGap.worst)} ${formatValue(f.clusterGap.worstMean, SHARE)}`,
          ]]
        : []),
      ["Concentration index of contacts against pupils", withCi(f.concentration, "index")],
    ],
  };
  const group = (kind: FairnessRow["kind"]): ReportTable => ({
    title: GROUP_TITLES[kind],
    intro: "Means across replications with 95 % intervals (held to the values a measure can take: 0 or more, shares at most 100 %); contacts are sessions attended over the run.",
    head: [kind === "school" ? "School" : kind === "phase" ? "Phase" : "Size band", ...(kind === "school" ? ["Cluster", "Phase"] : ["Schools"]), "Pupils", ...SHOWN.map(([, h]) => h)],
    rows: f.rows
      .filter((r) => r.kind === kind)
      .map((r) => [r.name, ...(kind === "school" ? [cluster(r.cluster), r.phase ?? ""] : [String(r.schools.length)]), String(r.pupils), ...SHOWN.map(([m, , unit]) => withCi(r.measures[m], unit))]),
  });
  return [summary, group("school"), group("phase"), group("size")];
}

function compareTables(a: FairnessResult, b: FairnessResult, diff: readonly FairnessDifference[], labels: Labels, labelsB: Labels): ReportTable[] {
  const find = (kind: string, id: string, measure: string) => diff.find((d) => d.kind === kind && d.id === id && d.measure === measure);
  const cell = (d: FairnessDifference | undefined, unit: string) => [formatValue(d?.meanA, unit), formatValue(d?.meanB, unit), d ? `${formatDifference(d.diff, unit)} (${interval(d.lo, d.hi, unit, true)})` : "–"];
  const gap = find("school", "", "clusterGap");
  const conc = find("school", "", "concentration");
  const name = (l: Labels, id: string | undefined) => l.clusters[id ?? ""] ?? id ?? "";
  const summary: ReportTable = {
    title: "Fairness between clusters and schools: A and B",
    intro: "Each side's gap between its best and worst cluster in the share seen within the standard, and the concentration index of contacts against pupils; B − A paired by replication.",
    head: ["Measure", "A", "B", "B − A (paired 95 % interval)"],
    rows: [
      ...(gap && a.clusterGap && b.clusterGap ? [[`Best − worst cluster (A: ${name(labels, a.clusterGap.best)} vs ${name(labels, a.clusterGap.worst)}; B: ${name(labelsB, b.clusterGap.best)} vs ${name(labelsB, b.clusterGap.worst)})`, ...cell(gap, SHARE)]] : []),
      ...(conc ? [["Concentration index of contacts against pupils", ...cell(conc, "index")]] : []),
    ],
  };
  const inB = new Map(b.rows.map((r) => [`${r.kind}:${r.id}`, r]));
  const shown = SHOWN.filter(([m]) => m !== "waitingBeyondStandardEnd");
  const group = (kind: FairnessRow["kind"]): ReportTable => ({
    title: `${GROUP_TITLES[kind]}: A and B`,
    intro: "A, B and B − A with its paired 95 % interval (common random numbers).",
    head: [kind === "school" ? "School" : kind === "phase" ? "Phase" : "Size band", ...(kind === "school" ? ["Cluster A → B"] : []), ...shown.flatMap(([, h]) => [`${h}: A`, "B", "B − A"])],
    rows: a.rows
      .filter((r) => r.kind === kind && inB.has(`${kind}:${r.id}`))
      .map((r) => {
        const rb = inB.get(`${kind}:${r.id}`)!;
        const moved = kind === "school" ? [rb.cluster === r.cluster ? name(labels, r.cluster) : `${name(labels, r.cluster)} → ${name(labelsB, rb.cluster)}`] : [];
        return [r.name, ...moved, ...shown.flatMap(([m, , unit]) => cell(find(kind, r.id, m), unit))];
      }),
  });
  return [summary, group("school"), group("phase"), group("size")];
}

/**
 * The per-school and fairness tables of a stored result (none for a solve, or when the result
 * kept no per-school results; then one line says why).
 */
export function fairnessTables(stored: StoredResult): { tables: ReportTable[]; note: string | null } {
  if (stored.kind === "run") return stored.fairness ? { tables: runTables(stored.fairness, stored.labels), note: null } : { tables: [], note: stored.fairnessNote ?? null };
  if (stored.kind === "compare") {
    if (stored.fairnessA && stored.fairnessB && stored.fairnessDiff) return { tables: compareTables(stored.fairnessA, stored.fairnessB, stored.fairnessDiff, stored.labels, stored.labelsB ?? stored.labels), note: null };
    return { tables: [], note: stored.fairnessNote ?? null };
  }
  return { tables: [], note: null };
}
