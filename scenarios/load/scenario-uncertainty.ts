import { readFileSync } from "node:fs";
import type { UncertainFactor } from "../../sim/experiment/sensitivity/factors.js";
import { scenarioSchema } from "../schema/index.js";
import { resolveScenario } from "./builtin.js";
import { loadScenarioText } from "./load.js";
import { applyOverrides } from "./overrides.js";
import { parseScenario } from "./parse.js";
import { resolveUncertainty } from "./uncertainty.js";

/**
 * The uncertain inputs a scenario declares in its `uncertainty` block, as sensitivity factors
 * (path, low, high, whole-number flag, law, and the scenario's own value as `base`), after the
 * overrides. The scenario is loaded and checked in full first, so a bad file fails here as it
 * would in `mhst scenario check`.
 *
 * @returns the factors in the block's order; empty when the scenario has no block.
 * @throws ScenarioError with every problem of the scenario (its uncertainty block included).
 * @example scenarioUncertainty(text, { file: "mine.yaml" }).map((f) => f.path)
 */
export function scenarioUncertainty(text: string, options: { file?: string; overrides?: readonly string[] } = {}): UncertainFactor[] {
  loadScenarioText(text, options);
  const data = applyOverrides(parseScenario(text, options.file).doc.toJS(), options.overrides ?? []);
  return resolveUncertainty(scenarioSchema.parse(data)).factors;
}

/**
 * {@link scenarioUncertainty} of a built-in id or a scenario file.
 * @throws ScenarioError when the scenario is neither, cannot be read, or has problems.
 * @example uncertaintyOf("trailblazer-team").length // the built-in's documented assumptions
 */
export function uncertaintyOf(idOrPath: string, overrides: readonly string[] = []): UncertainFactor[] {
  const { path } = resolveScenario(idOrPath);
  return scenarioUncertainty(readFileSync(path, "utf8"), { file: path, overrides });
}
