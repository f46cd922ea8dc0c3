import { z } from "zod";

const nonNeg = z.number().min(0);

/**
 * A distribution as a scenario writes it: a bare number (deterministic) or an object with a
 * `kind` and the kind's textbook parameters. Parameter relations (min <= mode <= max, weights
 * summing to 1) are checked in the validate stage so that every problem is reported at once.
 * @example distribution.parse(7); distribution.parse({ kind: "triangular", min: 6, mode: 7, max: 8 })
 */
export const distribution = z.union([
  nonNeg,
  z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("deterministic"), value: nonNeg }),
    z.strictObject({ kind: z.literal("uniform"), min: nonNeg, max: nonNeg }),
    z.strictObject({ kind: z.literal("triangular"), min: nonNeg, mode: nonNeg, max: nonNeg }),
    z.strictObject({ kind: z.literal("exponential"), mean: z.number().positive() }),
    z.strictObject({
      kind: z.literal("normal"),
      mean: z.number(),
      sd: nonNeg,
      min: z.number().optional(),
      max: z.number().optional(),
    }),
    z.strictObject({ kind: z.literal("lognormal"), mean: z.number().positive(), sd: nonNeg }),
    z.strictObject({ kind: z.literal("gamma"), shape: z.number().positive(), scale: z.number().positive() }),
    z.strictObject({ kind: z.literal("poisson"), mean: nonNeg }),
    z.strictObject({
      kind: z.literal("discrete"),
      values: z.array(z.number()).min(1),
      weights: z.array(nonNeg).min(1),
    }),
  ]),
], { error: "must be a number or a distribution such as {kind: triangular, min: 6, mode: 7, max: 8}" })
  .meta({
    id: "Distribution",
    description: "A bare number (deterministic) or {kind: ..., parameters}, e.g. {kind: triangular, min: 6, mode: 7, max: 8}.",
  });

/** The input form of a distribution. */
export type DistributionInput = z.infer<typeof distribution>;

/** Kinds a distribution may have, for error messages. */
export const DISTRIBUTION_KINDS = [
  "deterministic", "uniform", "triangular", "exponential", "normal", "lognormal", "gamma", "poisson", "discrete",
] as const;
