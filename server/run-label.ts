import { overrideStrings, type OverridesInput } from "./scenario-catalog.js";

/**
 * The name a run (or one side of a comparison) goes by everywhere it is shown: the scenario's
 * name, plus the overrides it ran with, so that a chart, a report or the saved-runs list says
 * what was changed.
 * @example runLabel("Trailblazer team", ["practitioners[emhp-2].endDate=2025-10-27"])
 *   // "Trailblazer team with practitioners[emhp-2].endDate=2025-10-27"
 * @example runLabel("Trailblazer team", undefined) // "Trailblazer team"
 * @example runLabel("Trailblazer team", ["practitioners[emhp-2].endDate=2025-10-20"], ["emhp-2 vacant from 20 Oct 2025, not refilled"])
 *   // "Trailblazer team with emhp-2 vacant from 20 Oct 2025, not refilled"
 * @param changes the changes in words, as the dashboard's editors describe them; when given,
 *   they name the run instead of the override paths (which the report's provenance still lists).
 */
export function runLabel(scenarioName: string, overrides: OverridesInput | undefined, changes?: readonly string[]): string {
  if (changes && changes.length > 0) return `${scenarioName} with ${changes.join("; ")}`;
  const set = overrideStrings(overrides);
  return set.length === 0 ? scenarioName : `${scenarioName} with ${set.join(", ")}`;
}
