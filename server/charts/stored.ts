import type { TimeAxis } from "./time-axis.js";
import type { ComparisonRow, ExperimentResult, SolveResult, Target } from "../../sim/experiment/index.js";
import type { FairnessDifference, FairnessResult } from "../../sim/experiment/fairness.js";

/** Display names of a scenario's clusters and teams, by id, kept with a run for its labels. */
export interface Labels {
  readonly clusters: Readonly<Record<string, string>>;
  readonly teams: Readonly<Record<string, string>>;
}

/** What the server stores as a run's result (and `GET /api/runs/:id/results` returns), by kind. */
export type StoredResult =
  | {
      readonly kind: "run";
      readonly labels: Labels;
      /** Calendar dates and holidays of the week axis (results stored before it have none). */
      readonly axis?: TimeAxis;
      readonly experiment: ExperimentResult;
      /** Per-school results and fairness (absent from older results, large scenarios and automatic warm-ups). */
      readonly fairness?: FairnessResult;
      /** Why there are no per-school results, when there are none. */
      readonly fairnessNote?: string | null;
    }
  | {
      readonly kind: "compare";
      readonly names: { readonly a: string; readonly b: string };
      /** A's cluster and team names. */
      readonly labels: Labels;
      /** B's cluster and team names (results stored before it existed use A's). */
      readonly labelsB?: Labels;
      /** A's and B's week axes (absent in results stored before runs kept them). */
      readonly axis?: TimeAxis;
      readonly axisB?: TimeAxis;
      readonly a: ExperimentResult;
      readonly b: ExperimentResult;
      readonly comparison: readonly ComparisonRow[];
      /** Per-school results of A and B and their paired differences B − A (when kept; see the run's). */
      readonly fairnessA?: FairnessResult;
      readonly fairnessB?: FairnessResult;
      readonly fairnessDiff?: readonly FairnessDifference[];
      readonly fairnessNote?: string | null;
    }
  | {
      readonly kind: "solve";
      readonly labels: Labels;
      /** Scenario path varied, e.g. `casework.slotsPerDay`. */
      readonly parameter: string;
      readonly target: Target;
      readonly replications: number;
      readonly seed: number;
      readonly solve: SolveResult;
    };

/** Label maps for the chart builders. */
export function nameMaps(labels: Labels): { clusters: Map<string, string>; teams: Map<string, string> } {
  return { clusters: new Map(Object.entries(labels.clusters)), teams: new Map(Object.entries(labels.teams)) };
}
