import { z } from "zod";
import { calendar } from "./calendar.js";
import { casework, consultations, groups, meetings, mhstPlus, referrals, roles, standards, supervision, triage, waitlist, wholeSchool, workforce } from "./service.js";
import { interventions } from "./interventions.js";
import { cluster, generate, practitioner, school, team } from "./structure.js";
import { checkUncertainty, uncertainty } from "./uncertainty.js";

/**
 * The scenario file (YAML) as zod sees it: structure, ranges, defaults and their sources.
 * Cross-field rules (references, FTE, date order, sums) live in `scenarios/load/validate.ts`.
 * @example scenarioSchema.parse({ name: "x", teams: [{ id: "a" }], ... })
 */
export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe("Path of the JSON Schema, for editors."),
    name: z.string().min(1).describe("Scenario name."),
    description: z.string().default("").describe("What the scenario represents. Default empty."),
    calendar,
    teams: z.array(team).default([]).describe("Teams. Default none (then `generate` must give them)."),
    clusters: z.array(cluster).default([]).describe("Clusters of schools. Default none (then `generate` must give them)."),
    schools: z.array(school).default([]).describe("Schools and colleges; at least one here or from `generate`. Default none."),
    practitioners: z.array(practitioner).default([]).describe("Practitioner posts; each gives a `pattern` or an `allocation`. Default none (then `generate` must give them)."),
    generate: generate
      .optional()
      .describe("Team template for large services, expanded deterministically after any listed teams."),
    referrals,
    triage,
    waitlist,
    casework,
    groups,
    meetings,
    supervision,
    roles,
    standards,
    workforce,
    mhstPlus,
    consultations,
    wholeSchool,
    interventions,
  })
  .extend({ uncertainty }).superRefine(checkUncertainty)
  .describe("An MHST service scenario for mhst-sim.");

/** A scenario after zod has applied its defaults (before templates and allocations are expanded). */
export type ScenarioInput = z.infer<typeof scenarioSchema>;

/** The JSON Schema of a scenario file, for editors (`# yaml-language-server: $schema=...`). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}
