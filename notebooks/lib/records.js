// Loader helper: a subset of one run's records.
//
// `simulate` returns records that also carry the run's internal columns under a symbol, and
// `computeKpis` reads those columns when they are present (it is faster). Object spread
// (`{ ...records, cases }`) copies that symbol too, so KPIs of a "subset" made that way would
// silently be the whole run's. This builds a plain RunRecords with only the named fields.

/**
 * The same run with only the given cases (weeks and practitioner-weeks unchanged, so only the
 * case-based KPIs such as waits and counts describe the subset).
 * @param {import("../../dist/sim/model/index.js").RunRecords} records
 * @param {(c: import("../../dist/sim/model/index.js").CaseRecord) => boolean} keep
 */
export function withCases(records, keep) {
  return {
    cases: records.cases.filter(keep),
    weeks: records.weeks,
    practitionerWeeks: records.practitionerWeeks,
    events: records.events,
    horizonDays: records.horizonDays,
  };
}
