import { overrideStrings, type OverridesInput } from "./scenario-catalog.js";

/**
 * The name a run (or one side of a comparison) goes by everywhere it is shown: the scenario's
 * name, plus the overrides it ran with, so that a chart, a report or the saved-runs list says
 * what was changed.
 * @example runLabel("Trailblazer team", ["practitioners[emhp-2].endDate=2025-10-27"])
 *   // "Trailblazer team with practitioners[emhp-2].endDate=2025-10-27"
 * @example runLabel("Trailblazer team", undefined) // "Trailblazer team"
 */
export function runLabel(scenarioName: string, overrides: OverridesInput | undefined): string {
  const set = overrideStrings(overrides);
  return set.length === 0 ? scenarioName : `${scenarioName} with ${set.join(", ")}`;
}
