import { z } from "zod";
import { parsePrecision } from "../sim/experiment/until-precision.js";
import { KPI_DOCS } from "../sim/model/kpi-docs.js";

/**
 * Request bodies of the API, validated once where they enter. Messages are rules only; the
 * field and value are prefixed by `parseInput` (`replications: 0 must be >= 1`).
 */

const req = (rule: string) => ({ error: (iss: { input?: unknown }) => (iss.input === undefined ? "is required" : rule) });

const wholeNumber = (min: number, max: number) =>
  z
    .number(req(`must be a whole number from ${min} to ${max}`))
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be >= ${min}`)
    .max(max, `must be <= ${max}`);

/** Id of a saved scenario: lower-case letters, digits and dashes. */
export const ScenarioId = z
  .string(req("must be text"))
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "must be 1–64 lower-case letters, digits or dashes, starting with a letter or digit");

/** A scenario source names a scenario by id or brings its text: exactly one of the two. */
function exactlyOneSource(s: { scenario?: string; text?: string }, ctx: z.RefinementCtx): void {
  if (s.scenario === undefined && s.text === undefined) {
    ctx.addIssue({ code: "custom", path: ["scenario"], message: "is required: give scenario (a scenario id) or text (YAML or JSON)" });
  } else if (s.scenario !== undefined && s.text !== undefined) {
    ctx.addIssue({ code: "custom", path: ["text"], message: "must not be given with scenario: give one of them" });
  }
}

/** Scenario overrides: CLI-style `path=value` strings (`--set`), or an object of path to value. */
export const Overrides = z.union([z.array(z.string()).max(200), z.record(z.string(), z.unknown())], {
  error: 'must be a list of "path=value" strings or an object of path: value pairs',
});

/** The changes of a run in words ("emhp-2 vacant from 20 Oct 2025 to 5 Jan 2026, refilled"), which name it. */
export const Changes = z
  .array(z.string(req("must be text")).min(1, "must not be empty").max(300, "must be at most 300 characters"), { error: "must be a list of descriptions" })
  .max(50, "must hold at most 50 changes");

/** Where a run's scenario comes from: a built-in or saved id, or YAML/JSON text, plus overrides. */
export const ScenarioSource = z
  .object({
    scenario: z.string(req("must be a scenario id")).min(1, "must not be empty").max(300, "must be at most 300 characters").optional(),
    text: z.string(req("must be YAML or JSON text")).min(1, "must not be empty").max(1_000_000, "must be at most 1,000,000 characters").optional(),
    overrides: Overrides.optional(),
    changes: Changes.optional(),
  })
  .superRefine(exactlyOneSource);

const common = {
  replications: wholeNumber(1, 10_000).default(10),
  seed: wholeNumber(0, 4_294_967_295).default(1),
  warmup: z
    .union([z.literal("none"), z.literal("auto"), z.number().int().min(0)], { error: 'must be "none", "auto" or a whole number of weeks >= 0' })
    .optional(),
};

/**
 * Replications on demand ("replications: until ± P"): the run's replications are the first
 * batch, and batches are added until the 95 % half-width of the service's `kpi` (for a
 * comparison, of B − A) is below `target`, absolute (`0.02`) or relative (`"5%"`), or `maxReps`.
 */
export const Precision = z.strictObject({
  target: z
    .union([z.number(), z.string()], { error: 'must be a number > 0 or a percentage such as "5%"' })
    .transform((v, ctx) => {
      try {
        return parsePrecision(String(v));
      } catch {
        ctx.addIssue({ code: "custom", message: 'must be a number > 0 or a percentage such as "5%"' });
        return z.NEVER;
      }
    }),
  kpi: z.string(req("must be a KPI name (see GET /api/kpis)")).refine((k) => Object.hasOwn(KPI_DOCS, k), { error: "must be a KPI name (see GET /api/kpis)" }),
  maxReps: wholeNumber(2, 10_000).default(500),
});
export type Precision = z.infer<typeof Precision>;

/** Checks a precision against its request: a first batch of at least 2, a cap not below it, a fixed warm-up. */
function precisionFits(b: { replications: number; warmup?: unknown; precision?: { maxReps: number } }, ctx: z.RefinementCtx): void {
  if (!b.precision) return;
  if (b.replications < 2) ctx.addIssue({ code: "custom", path: ["replications"], message: "must be at least 2 with precision (the first batch estimates the half-width)" });
  if (b.precision.maxReps < b.replications) ctx.addIssue({ code: "custom", path: ["precision", "maxReps"], message: `must be at least replications (${b.replications}), the first batch` });
  if (b.warmup === "auto") ctx.addIssue({ code: "custom", path: ["warmup"], message: "needs every replication before it can choose; give a number of weeks with precision" });
}

/** POST /api/runs */
export const RunBody = z.strictObject({
  scenario: ScenarioSource.shape.scenario,
  text: ScenarioSource.shape.text,
  overrides: Overrides.optional(),
  changes: Changes.optional(),
  ...common,
  precision: Precision.optional(),
}).superRefine(exactlyOneSource).superRefine(precisionFits);
export type RunBody = z.infer<typeof RunBody>;

/** POST /api/compare: two scenario sources run under common random numbers. */
export const CompareBody = z.strictObject({
  a: ScenarioSource,
  b: ScenarioSource,
  ...common,
  precision: Precision.optional(),
}).superRefine(precisionFits);
export type CompareBody = z.infer<typeof CompareBody>;

/** POST /api/scenarios and PUT /api/scenarios/:id */
export const SaveScenarioBody = z.strictObject({
  id: ScenarioId.optional(),
  text: z.string(req("must be YAML or JSON text")).min(1, "must not be empty").max(1_000_000, "must be at most 1,000,000 characters"),
});

/** POST /api/scenarios/validate */
export const ValidateBody = z.strictObject({
  text: z.string(req("must be YAML or JSON text")).max(1_000_000, "must be at most 1,000,000 characters"),
  overrides: Overrides.optional(),
});

/** POST /api/solve: the least value of one scenario parameter that meets a KPI target. */
export const SolveBody = z
  .strictObject({
    scenario: ScenarioSource.shape.scenario,
    text: ScenarioSource.shape.text,
    overrides: Overrides.optional(),
    parameter: z
      .string(req('must be a scenario path such as "casework.slotsPerDay"'))
      .min(1, "must not be empty")
      .max(200, "must be at most 200 characters"),
    min: z.number(req("must be a number")).finite("must be a finite number"),
    max: z.number(req("must be a number")).finite("must be a finite number"),
    step: z.number(req("must be a number")).positive("must be > 0"),
    target: z.string(req('must be "[<kpi>] <op> <number>", e.g. "shareSeenWithinStandard >= 0.8"')).min(1, "must not be empty").max(200, "must be at most 200 characters"),
    ...common,
    verifySeed: wholeNumber(0, 4_294_967_295).optional(),
  })
  .superRefine(exactlyOneSource)
  .refine((s) => s.min <= s.max, { message: "must be <= max", path: ["min"] });
export type SolveBody = z.infer<typeof SolveBody>;

/** POST /api/scenarios/edit: set fields of scenario text (the editor's form). */
export const EditBody = z.strictObject({
  text: z.string(req("must be YAML or JSON text")).max(1_000_000, "must be at most 1,000,000 characters"),
  set: Overrides,
});
