/**
 * What the server needs of a run's model besides the model itself: its name, its scopes (team
 * and cluster ids) and, when per-school results can be kept, its schools. The scenario thread
 * that checked the scenario takes it from the model; the event loop and the result thread work
 * from it, and only the simulation threads unpack the whole model. For national-2025 the
 * shape is 42 kB against the model's 2.2 MB, and receiving it takes the event loop well under
 * a millisecond against about 80 ms for the model.
 */
import type { ScopedModel } from "../sim/experiment/types.js";
import type { ServiceModel } from "../sim/model/config.js";
import { MAX_SCHOOL_RESULTS, type SchoolRow } from "./school-results.js";

/** A model's name, scopes and schools, as plain data that crosses threads cheaply. */
export interface RunShape {
  readonly name: string;
  /**
   * The team ids and each cluster's [id, team id], as JSON text: one string is received in one
   * piece, where thousands of small objects would each be rebuilt, and it is read only where
   * a run is reduced (the result thread, or the event loop without one).
   */
  readonly scopes: string;
  /** Schools in the model. */
  readonly schoolCount: number;
  /** Each school's row when per-school results can be kept (at most MAX_SCHOOL_RESULTS schools), else null. */
  readonly schools: readonly SchoolRow[] | null;
}

/**
 * The shape of a model.
 * @example runShapeOf(model).schoolCount // 20 for trailblazer-team
 */
export function runShapeOf(model: ServiceModel): RunShape {
  const scopes = JSON.stringify([model.teams.map((t) => t.id), model.clusters.map((c) => [c.id, c.team])]);
  const schools = model.schools.length > MAX_SCHOOL_RESULTS ? null : model.schools.map((s) => ({ id: s.id, name: s.name, phase: s.phase, pupils: s.pupils, cluster: s.cluster }));
  return { name: model.name, scopes, schoolCount: model.schools.length, schools };
}

/**
 * The scopes of a shape as an experiment reduces them (in the model's order).
 * @throws SyntaxError when `scopes` is not {@link runShapeOf}'s text.
 * @example scopesOf(shape).teams[0].id // "tb001"
 */
export function scopesOf(shape: RunShape): ScopedModel {
  const [teams, clusters] = JSON.parse(shape.scopes) as [string[], [string, string][]];
  return { name: shape.name, teams: teams.map((id) => ({ id })), clusters: clusters.map(([id, team]) => ({ id, team })) };
}
