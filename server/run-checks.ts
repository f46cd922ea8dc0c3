/**
 * The checks a run's scenarios pass before the run is queued: a fixed warm-up must fit, the
 * model's day numbers must fit the simulator's, and the estimated work and the run size must
 * be within the limits. They run where the models are, on the scenario threads: a run's whole
 * there, a comparison's and a solve's from what each of its scenarios gives (its warm-up issue,
 * work estimate and size), put together on the event loop.
 */
import { dayRangeIssues } from "../sim/experiment/day-range.js";
import type { WarmupOption } from "../sim/experiment/types.js";
import { checkWarmupFits } from "../sim/experiment/warmup.js";
import { checkWork, estimateWork, roughly, type WorkEstimate } from "../sim/experiment/work-estimate.js";
import type { ServiceModel } from "../sim/model/config.js";
import { HttpError } from "./http/errors.js";
import { checkSize, horizonYears, runSize, type RunLimits } from "./run-size.js";

/**
 * Refuses, before the run is queued, models beyond the simulator's day numbers (400) and work
 * beyond the limit (422), naming the scenario field that drives the size.
 * @param prefix each model's request field (`a.`, `b.`), put in front of the field's path.
 * @throws HttpError 400 or 422.
 * @example checkWorkOf([model], 10, limits) // throws 422 when 10 replications are too much work
 */
export function checkWorkOf(models: readonly ServiceModel[], replications: number, limits: RunLimits, evaluations = 1, prefix: readonly string[] = []): void {
  models.forEach((m, i) => {
    const issue = dayRangeIssues(m)[0];
    if (issue) {
      const path = `${prefix[i] ?? ""}${issue.path}`;
      const message = `${path}: ${roughly(issue.value)} ${issue.message}`;
      throw new HttpError(400, message, [{ path, value: issue.value, message }]);
    }
  });
  checkEstimates(
    models.map((m) => estimateWork(m, replications, evaluations)),
    limits,
    prefix,
  );
}

/**
 * Refuses work beyond the limit from the models' estimates (see estimateWork), summed: a 422
 * naming the field that drives the largest one, prefixed by its model's request field.
 * @throws HttpError 422.
 * @example checkEstimates([estimateWork(a, 10), estimateWork(b, 10)], limits, ["a.", "b."])
 */
export function checkEstimates(estimates: readonly WorkEstimate[], limits: RunLimits, prefix: readonly string[] = []): void {
  const total = estimates.reduce((s, e) => s + e.total, 0);
  if (total <= limits.maxRunWork) return;
  let at = 0;
  estimates.forEach((e, i) => (e.total > estimates[at].total ? (at = i) : undefined));
  try {
    checkWork({ ...estimates[at], total }, limits.maxRunWork);
  } catch (err) {
    const driver = estimates[at].driver;
    const path = driver.field === "replications" ? "replications" : `${prefix[at] ?? ""}${driver.field}`;
    const message = `${prefix[at] && driver.field !== "replications" ? prefix[at] : ""}${(err as Error).message}`;
    throw new HttpError(422, message, [{ path, value: driver.value, message }]);
  }
}

/**
 * Why a fixed warm-up leaves nothing of the model's run to measure, or null when it fits (or
 * is not fixed): the message {@link warmupFits} refuses with.
 * @example warmupIssue(model, 400) // "warmup: 400 weeks must be less than the run's 52 weeks"
 */
export function warmupIssue(model: ServiceModel, warmup: WarmupOption | undefined): string | null {
  try {
    checkWarmupFits(model, warmup);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Refuses the first of the models' warm-up issues (see {@link warmupIssue}), as {@link warmupFits} does.
 * @throws HttpError 400 naming the field `warmup`.
 */
export function refuseWarmupIssues(issues: readonly (string | null)[], warmup: WarmupOption | undefined): void {
  const message = issues.find((m) => m !== null);
  if (message) throw new HttpError(400, message, [{ path: "warmup", value: warmup, message }]);
}

/**
 * A fixed warm-up must leave part of the run to measure.
 * @throws HttpError 400 naming the field `warmup`.
 */
export function warmupFits(models: readonly ServiceModel[], warmup: WarmupOption | undefined): void {
  refuseWarmupIssues(
    models.map((m) => warmupIssue(m, warmup)),
    warmup,
  );
}

/** What a single-scenario run asks for, as its checks need it. */
export interface RunChecks {
  /** Replications the run may come to (with a precision target, its `maxReps`). */
  readonly replications: number;
  /** Whether `replications` is a precision target's `maxReps` (said in the size message). */
  readonly precisionCap: boolean;
  readonly warmup: WarmupOption | undefined;
  readonly limits: RunLimits;
}

/**
 * The checks of `POST /api/runs`, in the order the API reports them: the warm-up (400), the
 * day numbers (400), the work estimate (422), the run size (422).
 * @throws HttpError 400 or 422.
 * @example checkRun(model, { replications: 20, precisionCap: false, warmup: undefined, limits })
 */
export function checkRun(model: ServiceModel, checks: RunChecks): void {
  const { replications, warmup, limits } = checks;
  warmupFits([model], warmup);
  checkWorkOf([model], replications, limits, warmup === "auto" ? 2 : 1);
  checkSize(
    runSize([model], replications),
    limits,
    `${replications} replications${checks.precisionCap ? " (precision.maxReps)" : ""} × ${+horizonYears(model).toFixed(2)} years × ${model.schools.length} schools`,
  );
}
