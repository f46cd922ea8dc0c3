import type { ServiceModel } from "../sim/model/config.js";
import type { Labels } from "./charts/stored.js";

/**
 * Display names of a model's clusters and teams, by id, kept with a run for its labels.
 * @example labelsOf(model).teams["team-1"] // "Team 1"
 */
export function labelsOf(model: Pick<ServiceModel, "clusters" | "teams">): Labels {
  return {
    clusters: Object.fromEntries(model.clusters.map((c) => [c.id, c.name])),
    teams: Object.fromEntries(model.teams.map((t) => [t.id, t.name])),
  };
}
