/**
 * Activity data: a service's own records, one CSV row per referral (see scenarios/README.md,
 * "Activity data"), read and checked against a scenario. The cases.csv that `mhst run --out`
 * writes reads the same way, one replication at a time.
 */
export { ACTIVITY_COLUMNS, CASES_CSV_COLUMNS, DISCHARGE_REASONS, TRIAGE_OUTCOMES, activityJsonSchema, type ActivityColumn, type DischargeReason, type TriageOutcome } from "./columns.js";
export { csvRecords, type CsvRecord } from "./csv-text.js";
export { readActivity, type ReadOptions } from "./read-activity.js";
export { loadActivityFile } from "./load-activity-file.js";
export { ActivityError, formatBadRow, type ActivityData, type ActivityRecord, type BadRow } from "./types.js";
