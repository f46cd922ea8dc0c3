import { scenarioAssumptions, type ScenarioAssumption } from "../scenarios/index.js";
import { chartCaption, type Chart, type StoredResult } from "./charts/index.js";
import { packageVersion } from "./paths.js";
import { kpiTable, type KpiTableRow } from "./report.js";
import { fairnessTables, type ReportTable } from "./report-fairness.js";
import { overrideStrings } from "./scenario-catalog.js";
import type { RunInfo } from "./storage/run-store.js";

/** One figure of a report: the chart, its SVG, its number and its caption (also its alt text). */
export interface ReportFigure {
  readonly chart: Chart;
  readonly svg: string;
  readonly number: number;
  readonly caption: string;
}

/** The assumptions one scenario of a run states, with where they come from. */
export interface ReportAssumptions {
  /** Which scenario: its label, or "A: …" / "B: …" in a comparison. */
  readonly scenario: string;
  readonly rows: readonly ScenarioAssumption[];
}

/** Everything a report document (HTML, Word, PowerPoint) prints, gathered once. */
export interface ReportContext {
  readonly run: RunInfo;
  readonly stored: StoredResult;
  readonly title: string;
  /** Label / value lines: scenario, overrides, seed, replications, warm-up, version, date, id. */
  readonly provenance: readonly (readonly [string, string])[];
  readonly kpis: readonly KpiTableRow[];
  /** Per-school and fairness tables (none for a solve), and why there are none when there are none. */
  readonly fairness: { readonly tables: readonly ReportTable[]; readonly note: string | null };
  readonly figures: readonly ReportFigure[];
  readonly assumptions: readonly ReportAssumptions[];
}

interface SourceRequest {
  scenario?: string;
  text?: string;
  overrides?: readonly string[] | Readonly<Record<string, unknown>>;
}

function sourcesOf(run: RunInfo): { side: string; src: SourceRequest }[] {
  const req = (run.request ?? {}) as SourceRequest & { a?: SourceRequest; b?: SourceRequest };
  if (run.kind === "compare") return [{ side: "A", src: req.a ?? {} }, { side: "B", src: req.b ?? {} }];
  return [{ side: "", src: req }];
}

/**
 * The catalog scenarios (ids) whose text a run's report reads for their assumptions: those its
 * request names without sending text. The caller looks them up and hands them to {@link reportContext}.
 * @example reportScenarioIds(run) // ["trailblazer-team"]
 */
export function reportScenarioIds(run: RunInfo): string[] {
  return sourcesOf(run).flatMap(({ src }) => (src.text === undefined && src.scenario !== undefined ? [src.scenario] : []));
}

/**
 * Gathers a finished run's report: provenance from its request and result, the KPI table, the
 * figures with numbered captions, and the assumptions its scenario files state (their
 * `# assumption` and seed-citing comments; the text sent with the run, or the catalog file's
 * text in `texts`, by scenario id: see {@link reportScenarioIds}).
 */
export function reportContext(run: RunInfo, stored: StoredResult, charts: readonly { chart: Chart; svg: string }[], texts: ReadonlyMap<string, string>): ReportContext {
  const req = (run.request ?? {}) as { replications?: number; seed?: number; warmup?: unknown; parameter?: string; target?: string; min?: number; max?: number; step?: number };
  const exp = stored.kind === "run" ? stored.experiment : stored.kind === "compare" ? stored.a : null;
  const reps = exp?.replications ?? (stored.kind === "solve" ? stored.replications : req.replications);
  const seed = exp?.seed ?? (stored.kind === "solve" ? stored.seed : req.seed);
  const sources = sourcesOf(run);
  const provenance: [string, string][] = [["Run", `${run.kind}, id ${run.id}`]];
  for (const { side, src } of sources) {
    const prefix = side ? `Scenario ${side}` : "Scenario";
    provenance.push([prefix, src.scenario !== undefined ? src.scenario : "scenario text sent with the run"]);
    const set = overrideStrings(src.overrides);
    provenance.push([`${prefix}: overrides`, set.length > 0 ? set.join("; ") : "none"]);
  }
  if (stored.kind === "compare") provenance.push(["Compared as", `A = ${stored.names.a}; B = ${stored.names.b}`]);
  if (stored.kind === "solve") provenance.push(["Solve", `least ${stored.parameter} from ${req.min} to ${req.max} by ${req.step} meeting ${stored.target.kpi} ${stored.target.op} ${stored.target.threshold}`]);
  provenance.push(["Seed", String(seed)], ["Replications", String(reps)]);
  if (exp) provenance.push(["Warm-up", exp.warmup.mode === "none" ? "none" : `${exp.warmup.weeks} weeks (${exp.warmup.mode})`], ["Weeks simulated", String(exp.horizonWeeks)]);
  provenance.push(["Version", `mhst-sim ${packageVersion()}${exp ? `, result format ${exp.format}` : ""}`], ["Finished", run.finishedAt ?? "–"]);
  const assumptions = sources.map(({ side, src }) => {
    const text = src.text ?? (src.scenario !== undefined ? texts.get(src.scenario) : undefined) ?? "";
    const name = src.scenario ?? "scenario text";
    return { scenario: side ? `${side}: ${name}` : name, rows: scenarioAssumptions(text) };
  });
  return {
    run,
    stored,
    title: run.scenarioName,
    provenance,
    kpis: kpiTable(stored),
    fairness: fairnessTables(stored),
    figures: charts.map(({ chart, svg }, i) => ({ chart, svg, number: i + 1, caption: chartCaption(chart) })),
    assumptions,
  };
}
