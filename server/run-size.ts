import { horizonDaysOf, YEAR_DAYS, type ServiceModel } from "../sim/model/index.js";
import { HttpError } from "./http/errors.js";

/** Limits the runs routes enforce. */
export interface RunLimits {
  /** Largest replications × years × schools (summed over the scenarios a run simulates). */
  readonly maxRunSize: number;
  /** Largest estimated work (see estimateWork in sim/experiment), summed over the scenarios. */
  readonly maxRunWork: number;
}

/** School years a model simulates: its horizon in days / 364 (0.5 for a 26-week pilot). */
export const horizonYears = (model: Pick<ServiceModel, "calendar">): number => horizonDaysOf(model.calendar) / YEAR_DAYS;

/** The run size of one replication of a model: years × schools (years of the horizon; a part year rounds the size up). */
export const sizePerReplication = (model: Pick<ServiceModel, "calendar" | "schools">): number => Math.ceil(horizonYears(model) * model.schools.length);

/**
 * replications × years × schools of the models; a comparison or solve counts every model it
 * runs, and a solve every evaluation.
 * @example runSize([trailblazer], 10) // 10 × 1 year × 20 schools = 200
 */
export function runSize(models: readonly Pick<ServiceModel, "calendar" | "schools">[], replications: number, evaluations = 1): number {
  return models.reduce((s, m) => s + replications * sizePerReplication(m), 0) * evaluations;
}

/**
 * The most replications of these models (run together, as a comparison runs A and B) that fit
 * the run size limit; 0 when not even one does.
 * @example maxReplications([national2025], { maxRunSize: 50_000 }) // floor(50,000 / 10,319) = 4
 */
export function maxReplications(models: readonly Pick<ServiceModel, "calendar" | "schools">[], limits: RunLimits): number {
  const per = runSize(models, 1);
  return per === 0 ? 0 : Math.floor(limits.maxRunSize / per);
}

/** What the run form shows for a scenario: one replication's size, the limit, and the most replications that fit. */
export interface RunFit {
  readonly sizePerReplication: number;
  readonly maxRunSize: number;
  readonly maxReplications: number;
}

/** {@link RunFit} of one scenario. */
export const runFit = (model: Pick<ServiceModel, "calendar" | "schools">, limits: RunLimits): RunFit => ({
  sizePerReplication: sizePerReplication(model),
  maxRunSize: limits.maxRunSize,
  maxReplications: maxReplications([model], limits),
});

/**
 * Refuses a run larger than the limit.
 * @param detail how the size is made up, for the message.
 * @throws HttpError 422 naming the size, the limit and how to shrink the run.
 */
export function checkSize(size: number, limits: RunLimits, detail: string): void {
  if (size > limits.maxRunSize) {
    throw new HttpError(
      422,
      `run size: ${size.toLocaleString("en-GB")} (${detail}) must be <= ${limits.maxRunSize.toLocaleString("en-GB")}: use fewer replications, years or schools`,
      [{ path: "replications", value: size, message: `replications × years × schools = ${size} must be <= ${limits.maxRunSize}` }],
    );
  }
}
