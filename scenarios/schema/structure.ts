import { z } from "zod";
import { id, isoDate, phase, role } from "./primitives.js";

/** A team as a scenario writes it. */
export const team = z.strictObject({
  id,
  name: z.string().optional().describe("Display name. Default: the id."),
  firstContactWeeks: z
    .number()
    .gt(0)
    .optional()
    .describe("This team's first-contact standard in weeks (seed 002: pilot teams). Default: standards.firstContactWeeks."),
});

/** A cluster of schools as a scenario writes it. */
export const cluster = z.strictObject({
  id,
  name: z.string().optional().describe("Display name. Default: the id."),
  team: id.optional().describe("Team serving the cluster. Default: the only team (required when there are several)."),
  practitionerDays: z
    .number()
    .min(0)
    .optional()
    .describe(
      "Days a week of named-practitioner time this cluster gets under a `byPupils` allocation, fixed " +
        "instead of the pupil-number share (Ealing seed 000: '1 - 1.5 days of practitioner time per week " +
        "dependent upon pupil numbers'). Default: the share by pupils.",
    ),
});

/** A school or college as a scenario writes it. */
export const school = z.strictObject({
  id,
  name: z.string().optional().describe("Display name. Default: the id."),
  phase: phase.default("primary").describe("School phase. Default primary (assumption)."),
  pupils: z.int().min(1).describe("Pupils on roll."),
  cluster: id.describe("Cluster the school belongs to."),
  referralRate: z
    .number()
    .min(0)
    .optional()
    .describe("Referrals per 1,000 pupils per term week for this school. Default: referrals.ratePer1000PerWeek."),
});

/** One weekday's cluster or school: an id for the whole day, [morning, afternoon], or null. */
const day = z
  .union([id, z.null(), z.tuple([id.nullable(), id.nullable()])], {
    error: "must be a cluster or school id, [morning, afternoon] ids, or null",
  })
  .optional()
  .describe(
    "A cluster id (the cluster's day) or a school id (a day at that school) for the whole day, [morning, afternoon] ids, " +
      "or null (not clinical). Default null.",
  );

/** An explicit weekly pattern. */
export const week = z.strictObject({ mon: day, tue: day, wed: day, thu: day, fri: day });

/** A weekly pattern, or a cycle of weekly patterns (week A, week B, …). */
export const pattern = z.union([week, z.array(week).min(1).max(52)], {
  error: "must be a weekly pattern { mon: ..., fri: ... } or a list of them (a cycle of weeks, at most 52)",
});

/** The `byPupils` allocation convenience. */
export const allocation = z.strictObject({
  clusters: z.array(id).min(1).describe("Clusters the practitioner is named for."),
  mode: z
    .literal("byPupils")
    .default("byPupils")
    .describe(
      "`byPupils`: half-days go to each cluster in proportion to its pupils (Ealing seed 000: 1–1.5 days " +
        "a week per cluster by pupil numbers), at least one half-day each, laid out from Monday morning.",
    ),
  days: z
    .number()
    .min(0)
    .optional()
    .describe("Clinical days a week to share out. Default: all of the practitioner's FTE (fte x 5 days)."),
});

/** A trainee EMHP's course. */
export const training = z.strictObject({
  start: isoDate.describe("First day of the course (intakes in January and September; domain-figures: EMHP training)."),
  phases: z
    .array(z.strictObject({ weeks: z.int().min(1), universityDays: z.int().min(0).max(5) }))
    .min(1)
    .optional()
    .describe(
      "Phases in order, in calendar weeks from the intake week. Default: 3 weeks full-time block, 6 weeks at 3, 10 at 2 " +
        "and 11 at 1 university days a week = 64 days (domain-figures: 'about 64 university days ... a block first, then 3, 2, 1').",
    ),
  courseWeeks: z
    .int()
    .min(1)
    .default(52)
    .describe("Weeks from the first day of the course to qualifying. Default 52 (domain-figures: a one-year course)."),
});

/** A practitioner post as a scenario writes it. */
export const practitioner = z.strictObject({
  id,
  name: z.string().optional().describe("Display name. Default: the id."),
  role: role.default("emhp").describe("Role. Default emhp (seed 002: teams staffed by EMHPs)."),
  team: id.optional().describe("Team. Default: the team of the practitioner's clusters, else the only team."),
  fte: z
    .number()
    .gt(0)
    .max(1)
    .default(1)
    .describe("Full-time equivalent, 0 < fte <= 1 (1 = five days, ten half-days). Default 1 (assumption)."),
  pattern: pattern
    .optional()
    .describe(
      "Explicit weekly pattern, or a list of weekly patterns repeated in turn from the run's first week (a cycle: week A, week B " +
        "for fortnightly visits, or a four-week rota); give this or `allocation`.",
    ),
  allocation: allocation.optional().describe("Allocation across clusters by pupil numbers; give this or `pattern`."),
  startDate: isoDate.optional().describe("Post filled from this date; vacant before. Default: the calendar start."),
  endDate: isoDate.optional().describe("Post holder leaves on this date. Default: stays throughout."),
  training: training.optional().describe("Present when the post holder is a trainee EMHP."),
  refill: z
    .boolean()
    .optional()
    .describe(
      "Whether this post is filled again, after workforce.recruitmentLagWeeks, when its holder leaves (on its endDate, " +
        "by turnover or after training); false keeps it vacant to the end of the run. Default: workforce.refill.",
    ),
});

/** The team template for large services. */
export const generate = z.strictObject({
  teams: z.int().min(1).describe("Number of teams to generate."),
  idPrefix: id.default("t").describe("Prefix of generated team ids (t001, t002, ...). Default t."),
  schoolsPerTeam: z
    .int()
    .min(1)
    .default(20)
    .describe("Schools and colleges per team. Default 20 (seed 002: 'up to 8,000 young people in 20 schools')."),
  pupilsPerTeam: z
    .int()
    .min(1)
    .default(8000)
    .describe("Pupils per team. Default 8,000 (seed 002; domain-figures: 7,500–8,000 design coverage)."),
  clustersPerTeam: z.int().min(1).default(5).describe("Clusters per team. Default 5 (assumption)."),
  phaseMix: z
    .strictObject({
      primary: z.number().min(0).max(1).default(0.7),
      secondary: z.number().min(0).max(1).default(0.25),
      special: z.number().min(0).max(1).default(0.03),
      alternativeProvision: z.number().min(0).max(1).default(0),
      college: z.number().min(0).max(1).default(0.02),
    })
    .prefault({})
    .describe("Shares of schools by phase, summing to 1. Default 0.7/0.25/0.03/0/0.02 (assumption)."),
  pupilWeights: z
    .strictObject({
      primary: z.number().gt(0).default(1),
      secondary: z.number().gt(0).default(3.5),
      special: z.number().gt(0).default(0.5),
      alternativeProvision: z.number().gt(0).default(0.2),
      college: z.number().gt(0).default(3.5),
    })
    .prefault({})
    .describe(
      "Relative size of a school of each phase; the team's pupils are shared out by these weights. " +
        "Default 1/3.5/0.5/0.2/3.5 (assumption: secondaries several times larger than primaries, alternative provision small).",
    ),
  staff: z
    .strictObject({
      emhp: z.int().min(0).default(4),
      clinician: z.int().min(0).default(0),
      seniorClinician: z.int().min(0).default(3),
      mhstPlus: z.int().min(0).default(0),
      educationalPsychologist: z.int().min(0).default(0),
    })
    .prefault({})
    .describe(
      "Practitioners per team by role. Default 4 EMHPs and 3 senior clinicians (domain-figures: standard " +
        "team, UK Parliament written answer 116859, 2022; its 0.5 manager and 0.5 admin carry no cases).",
    ),
  fte: z.number().gt(0).max(1).default(1).describe("FTE of each generated practitioner. Default 1."),
  pilotTeams: z
    .strictObject({
      count: z.int().min(0).describe("How many of the generated teams (the first ones) pilot the standard."),
      firstContactWeeks: z.number().gt(0).describe("Their first-contact standard in weeks (seed 002: twelve teams piloting a four-week waiting time)."),
    })
    .optional()
    .describe("Generated teams that pilot their own waiting-time standard; the others keep standards.firstContactWeeks. Absent: none."),
});

/** A team template after zod has applied its defaults. */
export type TemplateInput = z.infer<typeof generate>;
