import type { DischargeReason, TriageOutcome } from "./columns.js";

/** One referral of the activity data, dates as simulation days (day 0 = the scenario's calendar start). */
export interface ActivityRecord {
  /** Line of the file the row starts on. */
  readonly line: number;
  readonly school: string;
  readonly referralDay: number;
  readonly concernDay: number | null;
  readonly triageDay: number | null;
  /** Null while not triaged. */
  readonly triageOutcome: TriageOutcome | null;
  readonly consentDay: number | null;
  readonly firstContactDay: number | null;
  readonly intervention: string | null;
  readonly attended: number | null;
  readonly dnas: number | null;
  readonly dischargeDay: number | null;
  /** Null for rows closed at triage or consent (signposted, declined). */
  readonly dischargeReason: DischargeReason | null;
  /** Already waiting on the first day of the data. */
  readonly waitingAtStart: boolean;
}

/** A row left out, with where and why: `file:line: column: value rule`. */
export interface BadRow {
  readonly file: string;
  readonly line: number;
  readonly column: string;
  readonly value: string;
  /** Short name of the rule broken, used to count dropped rows (e.g. `unknown school`). */
  readonly rule: string;
  /** The rule in words. */
  readonly message: string;
}

/** Activity data read and checked against a scenario. */
export interface ActivityData {
  readonly file: string;
  /** `activity` (the documented columns) or `cases` (the cases.csv of `mhst run --out`). */
  readonly dialect: "activity" | "cases";
  /** Replication taken from a cases.csv, else null. */
  readonly replication: number | null;
  /** Data rows read (of the replication taken, for a cases.csv). */
  readonly rowsRead: number;
  readonly records: readonly ActivityRecord[];
  /** Every bad row's first problem, in file order. */
  readonly badRows: readonly BadRow[];
  /** Rows dropped, by rule. */
  readonly dropped: Readonly<Record<string, number>>;
  /**
   * The period the data covers, in simulation days [fromDay, toDay): from the Monday of the
   * week of the first referral (not waiting at start) to the observation end: the calendar's
   * end for a cases.csv, else the day after the last date in the file (or `untilDay`).
   */
  readonly period: { readonly fromDay: number; readonly toDay: number };
}

/**
 * A problem with the file as a whole (no header, a required column missing, no usable rows).
 * When no row was usable, `badRows` holds every row's first problem.
 */
export class ActivityError extends Error {
  override readonly name = "ActivityError";
  constructor(
    message: string,
    readonly badRows: readonly BadRow[] = [],
  ) {
    super(message);
  }
}

/** `file:line: column: "value" message`. */
export const formatBadRow = (b: BadRow): string => `${b.file}:${b.line}: ${b.column}: ${JSON.stringify(b.value)} ${b.message}`;
