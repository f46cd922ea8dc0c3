import type { FairnessDifference, FairnessGroup, FairnessResult, GroupMeasures } from "../sim/experiment/fairness.js";
import type { ExperimentResult, WarmupOption } from "../sim/experiment/types.js";

/** Most schools a run keeps per-school results for (a national run's thousands would swamp the page). */
export const MAX_SCHOOL_RESULTS = 500;

/** What per-school results need of one school. */
export interface SchoolRow {
  readonly id: string;
  readonly name?: string;
  readonly phase: string;
  readonly pupils: number;
  readonly cluster: string;
}

/** What a model must offer for per-school results. */
export interface SchoolsOf {
  readonly schools: readonly SchoolRow[];
  /** How many schools, when given: `schools` is then read only when per-school results are kept. */
  readonly schoolCount?: number;
}

/** Per-school results of a run's scenarios, gathered from the records of each replication. */
export interface SchoolCollector {
  /**
   * For the engine: each model's school groups, whose measures the worker threads compute,
   * and where they go; undefined when no per-school results are kept (see `note`).
   */
  readonly fairnessGroups?: readonly (readonly FairnessGroup[])[];
  readonly onGroupMeasures?: (measures: GroupMeasures[], replication: number, modelIndex: number) => void;
  /** Why there are none, when there are none. */
  readonly note: string | null;
  /** Each model's results (with the cluster gap from its KPIs); undefined when none were kept. */
  finish(results: readonly ExperimentResult[]): (FairnessResult | undefined)[];
  /** B − A of every school's, phase's and size band's measures (two models only). */
  compare(a: FairnessResult | undefined, b: FairnessResult | undefined): FairnessDifference[] | undefined;
}

/**
 * Sets up per-school results for the models of one run. The fairness module loads here, with
 * the first run, not at server start. None are kept for more than {@link MAX_SCHOOL_RESULTS}
 * schools or an automatic warm-up (chosen only after the records have gone by).
 */
export async function schoolCollector(models: readonly SchoolsOf[], warmup: WarmupOption | undefined): Promise<SchoolCollector> {
  const note = schoolNote(models, warmup);
  if (note) return noSchoolResults(note);
  const { FairnessAccumulator, compareFairness } = await import("../sim/experiment/fairness.js");
  const accumulators = models.map((m) => new FairnessAccumulator(m.schools.map((s) => ({ id: s.id, name: s.name ?? s.id, phase: s.phase, pupils: s.pupils, cluster: s.cluster }))));
  return {
    note: null,
    fairnessGroups: accumulators.map((acc) => acc.groups),
    onGroupMeasures: (measures, _r, m) => accumulators[m]!.addMeasures(measures),
    finish: (results) => accumulators.map((acc, i) => acc.result(results[i]?.kpis ?? [], results[i]?.level ?? 0.95)),
    compare: (a, b) => (a && b ? compareFairness(a, b) : undefined),
  };
}

/**
 * Why the models' runs keep no per-school results (more than {@link MAX_SCHOOL_RESULTS}
 * schools, or an automatic warm-up), or null when they keep them.
 * @example schoolNote([model], "auto") // "Per-school results are not kept with an automatic warm-up; ..."
 */
export function schoolNote(models: readonly (Pick<SchoolsOf, "schoolCount"> & { readonly schools: { readonly length: number } })[], warmup: WarmupOption | undefined): string | null {
  const most = Math.max(...models.map((m) => m.schoolCount ?? m.schools.length));
  return most > MAX_SCHOOL_RESULTS
    ? `Per-school results are kept for scenarios of at most ${MAX_SCHOOL_RESULTS} schools (this one has ${most}).`
    : warmup === "auto"
      ? "Per-school results are not kept with an automatic warm-up; give the warm-up in weeks to have them."
      : null;
}

/** A collector that keeps no per-school results, for the reason given. */
export function noSchoolResults(note: string): SchoolCollector {
  return { note, finish: (r) => r.map(() => undefined), compare: () => undefined };
}
