import { z } from "zod";
import { isoDate, share } from "./primitives.js";

const term = z.strictObject({
  name: z.string().min(1).describe("Term name, e.g. autumn; referral seasonality refers to it."),
  start: isoDate.describe("First day of term (ISO date, inclusive)."),
  end: isoDate.describe("Last day of term (ISO date, inclusive)."),
  halfTerm: z
    .strictObject({ start: isoDate, end: isoDate })
    .optional()
    .describe("Half-term holiday inside the term (ISO dates, inclusive)."),
});

/**
 * The simulated horizon when it is not whole school years: a number of weeks, a span of dates
 * or one term. Day 0 and the horizon's length follow it; the horizon is always whole weeks.
 */
const horizon = z
  .strictObject({
    weeks: z
      .int()
      .min(1)
      .optional()
      .describe("Weeks simulated from day 0, e.g. 26 for a six-month pilot. Give `weeks` or `to`, not both."),
    from: isoDate
      .optional()
      .describe(
        "First day of the horizon (ISO date). Day 0 becomes the Monday of its week (days of that week before " +
          "`from` are simulated too). Default: day 0 as `startDate` gives it.",
      ),
    to: isoDate
      .optional()
      .describe("Last day of the horizon (ISO date, inclusive). The run ends on the last day of the week that holds it."),
    term: z
      .string()
      .min(1)
      .optional()
      .describe(
        "One term of the first school year by name (e.g. spring): day 0 is the Monday of its first week and the run " +
          "ends with the week of its last day. Give it alone.",
      ),
  })
  .describe(
    "The simulated horizon, instead of whole school years: `{ weeks: N }` from day 0, `{ from?, to }` ISO dates " +
      "(inclusive), or `{ term: name }`. The terms repeat every 364 days for as many school years as the horizon " +
      "needs, and `years` is then derived (giving a different `years` is an error). Default: none, `years` school years.",
  );

/** The school calendar as a scenario writes it. */
export const calendar = z
  .strictObject({
    template: z
      .enum(["england", "none"])
      .default("england")
      .describe(
        "Term template used when `terms` is omitted. Default `england`: three terms with a one-week " +
          "half-term each, built from the usual English pattern (autumn from the first Monday of " +
          "September, half-term in the last full week of October, to the Friday before 21 December; " +
          "spring from the first Monday after 1 January, half-term in the week from the Monday on or after " +
          "12 February, to the last Friday of March; summer two weeks later, half-term in the week of the " +
          "late-May bank holiday, to the last weekday on or before 22 July). Assumption: local authorities' " +
          "dates differ by a few days. `none`: `terms` must be given.",
      ),
    schoolYear: z
      .int()
      .min(2000)
      .max(2100)
      .default(2025)
      .describe("Calendar year in which the template's school year starts (September). Default 2025 (assumption)."),
    startDate: isoDate
      .optional()
      .describe(
        "Day 0 of the simulation. Default: the Monday of the week in which the first term starts (with " +
          "`horizon.from` or `horizon.term`, the Monday of that week).",
      ),
    years: z
      .int()
      .min(1)
      .default(1)
      .describe(
        "School years simulated, at most 80; the year repeats, shifted 364 days a year. Default 1 (benchmarks use 3). With a " +
          "`horizon`, the school years it needs (leave `years` out, or give that number).",
      ),
    horizon: horizon.optional(),
    terms: z
      .array(term)
      .min(1)
      .optional()
      .describe("Terms of the first school year, in order. Default: from `template`."),
    closures: z
      .array(isoDate)
      .optional()
      .describe(
        "Extra closed weekdays in the first year (bank holidays, training days). Default with the " +
          "england template: the early-May bank holiday (assumption: training days vary by school).",
      ),
    virtualOutsideTermShare: share
      .default(0)
      .describe(
        "Virtual contacts outside term time, as a share of in-term slots (LLR seed 001: 'the option for " +
          "virtual contacts outside of term time'). Default 0: no work outside term (assumption).",
      ),
  })
  .prefault({})
  .describe("The school calendar: terms, half-terms, closures and the simulated horizon.");

/** Input form of the calendar after zod has applied its defaults. */
export type CalendarInput = z.infer<typeof calendar>;
