import { z } from "zod";
import { resolveUncertainty } from "../load/uncertainty.js";
import { distribution } from "./distribution.js";

/** One uncertain input: a numeric field and its range or distribution. */
export const uncertaintyEntry = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .describe("The numeric field, written as in --set: `casework.dnaShare`, `practitioners[emhp-1].fte`, `casework.sessions.mode`."),
    range: z
      .tuple([z.number(), z.number()])
      .optional()
      .describe("[low, high]: the values the field may plausibly take, low < high, each allowed for the field. Spread evenly for a Latin hypercube."),
    distribution: distribution
      .optional()
      .describe(
        "Instead of `range`: a uniform, triangular or normal distribution. One at a time and Morris use its ends " +
          "(min and max; a normal without them is cut at mean ± 1.96 sd); a Latin hypercube draws from it.",
      ),
  })
  .describe("An uncertain input of the scenario for `mhst sensitivity`.");

/** The `uncertainty` block: the scenario's uncertain inputs and their plausible ranges. */
export const uncertainty = z
  .array(uncertaintyEntry)
  .optional()
  .describe(
    "Uncertain inputs for `mhst sensitivity` (one at a time, Morris, Latin hypercube): each a numeric field with a range " +
      "[low, high] or a distribution. Has no effect on a run. Default none.",
  );

/** The `uncertainty` block as a scenario writes it. */
export type UncertaintyInput = z.infer<typeof uncertainty>;

/**
 * Checks the `uncertainty` block against the rest of the scenario (after defaults): every path
 * is a numeric field that exists here, and every range is valid for its field. A zod
 * `superRefine` for the scenario schema, so that `mhst scenario check` reports these problems
 * with file, line, field, value and rule like any other.
 */
export function checkUncertainty(scenario: { uncertainty?: UncertaintyInput }, ctx: z.RefinementCtx): void {
  if (!scenario.uncertainty) return;
  for (const issue of resolveUncertainty(scenario).issues) {
    ctx.addIssue({ code: "custom", message: issue.message, path: [...issue.path], input: issue.value });
  }
}
