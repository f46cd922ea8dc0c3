/**
 * The activity-data format: one CSV row per referral. Each column's name, whether it must be
 * given, what it holds and the national Mental Health Services Data Set (MHSDS) field it is
 * named after, where there is one. The README, the JSON Schema and the reader all come from
 * this one table.
 */

/** What a column holds. */
export type ColumnKind = "date" | "id" | "text" | "count" | "triageOutcome" | "dischargeReason" | "boolean" | "replication";

/** One column of the activity format. */
export interface ActivityColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly required: boolean;
  /** The MHSDS table and field the column follows, or null where the data set has none. */
  readonly mhsds: string | null;
  readonly description: string;
}

/** Triage outcomes a row may carry (empty: not triaged yet). */
export const TRIAGE_OUTCOMES = ["signposted", "accepted", "declined"] as const;
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

/** Discharge reasons a row may carry (empty: closed at triage or consent). */
export const DISCHARGE_REASONS = ["completed", "steppedUp", "withdrawn", "open"] as const;
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];

/** Written forms accepted for each discharge reason (compared without case, spaces, `-` or `_`). */
export const DISCHARGE_SPELLINGS: Readonly<Record<string, DischargeReason>> = {
  completed: "completed",
  steppedup: "steppedUp",
  withdrawn: "withdrawn",
  open: "open",
  stillopen: "open",
};

/** Every column in file order. A date is an ISO date (YYYY-MM-DD) or a whole number of simulation days from the scenario's day 0. */
export const ACTIVITY_COLUMNS: readonly ActivityColumn[] = [
  { name: "ServiceRequestId", kind: "text", required: false, mhsds: "MHS101 Referral: ServiceRequestId", description: "The referral's identifier; kept for reference only." },
  { name: "ReferralRequestReceivedDate", kind: "date", required: true, mhsds: "MHS101 Referral: ReferralRequestReceivedDate", description: "Day the team received the referral." },
  { name: "OrgIDEduEstab", kind: "id", required: true, mhsds: "MHS001 Master Patient Index: OrgIDEduEstab (educational establishment)", description: "School or college, as its id in the scenario (`schools[].id`)." },
  { name: "ConcernDate", kind: "date", required: false, mhsds: null, description: "Day the concern was raised in school (link-meeting services); may lie up to a year before day 0. Default: the referral date." },
  { name: "TriageDate", kind: "date", required: false, mhsds: null, description: "Day of the triage decision. For a signposted row without it, the discharge date is taken." },
  { name: "TriageOutcome", kind: "triageOutcome", required: false, mhsds: null, description: "`signposted` (referred on elsewhere), `accepted` (taken on by the team), `declined` (the family declined consent), or empty when not triaged yet." },
  { name: "ConsentDate", kind: "date", required: false, mhsds: null, description: "Day the family's consent (or refusal) was recorded." },
  { name: "FirstCareContDate", kind: "date", required: false, mhsds: "MHS201 Care Contact: CareContDate of the first attended contact", description: "Day of the first contact (1:1 session, group session or assessment)." },
  { name: "Intervention", kind: "text", required: false, mhsds: null, description: "The intervention given: `oneToOne`, `group`, `mhstPlus` (the model's routes) or a service's own name." },
  { name: "ContactsAttended", kind: "count", required: false, mhsds: "MHS201 Care Contact: contacts with AttendOrDNACode attended", description: "Sessions attended, the first contact included." },
  { name: "ContactsDNA", kind: "count", required: false, mhsds: "MHS201 Care Contact: contacts with AttendOrDNACode did not attend", description: "Booked sessions not attended." },
  { name: "ServDischDate", kind: "date", required: false, mhsds: "MHS101 Referral: ServDischDate", description: "Day the referral was closed (discharged, withdrawn, signposted or declined); empty while open." },
  { name: "DischargeReason", kind: "dischargeReason", required: false, mhsds: null, description: "`completed`, `stepped up`, `withdrawn` (while waiting) or `still open`; empty for rows closed at triage or consent." },
  { name: "WaitingAtStart", kind: "boolean", required: false, mhsds: null, description: "`true` for a referral already waiting on the first day of the data (its referral date may lie before day 0). Default false." },
];

/**
 * Columns of the `cases.csv` that `mhst run --out` writes, and the activity column each one
 * gives (the rest are derived: the triage outcome and discharge reason from `outcome`).
 */
export const CASES_CSV_COLUMNS: Readonly<Record<string, string>> = {
  referralDay: "ReferralRequestReceivedDate",
  school: "OrgIDEduEstab",
  concernDay: "ConcernDate",
  triageDay: "TriageDate",
  consentDay: "ConsentDate",
  firstContactDay: "FirstCareContDate",
  route: "Intervention",
  sessions: "ContactsAttended",
  dnas: "ContactsDNA",
  endDay: "ServDischDate",
  outcome: "TriageOutcome, DischargeReason",
  initial: "WaitingAtStart",
};

/**
 * The JSON Schema of one activity row (as the CSV reader sees it: every cell a string), for
 * tools that check a file before it is loaded.
 * @example activityJsonSchema().required // ["ReferralRequestReceivedDate", "OrgIDEduEstab"]
 */
export function activityJsonSchema(): Record<string, unknown> {
  const date = { type: "string", pattern: "^(\\d{4}-\\d{2}-\\d{2}|-?\\d+)$" };
  const schemaOf = (c: ActivityColumn): Record<string, unknown> => {
    switch (c.kind) {
      case "date":
        return c.required ? date : { anyOf: [date, { const: "" }] };
      case "id":
        return { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$" };
      case "count":
        return { type: "string", pattern: "^(\\d+)?$" };
      case "triageOutcome":
        return { enum: [...TRIAGE_OUTCOMES, ""] };
      case "dischargeReason":
        return { enum: ["completed", "stepped up", "steppedUp", "withdrawn", "still open", "open", ""] };
      case "boolean":
        return { enum: ["true", "false", ""] };
      default:
        return { type: "string" };
    }
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://mhst-sim.example/activity-row.json",
    title: "mhst-sim activity data: one CSV row per referral",
    description:
      "Each CSV row, read as an object of strings keyed by the header. Dates are ISO dates (YYYY-MM-DD) or whole numbers of simulation days from the scenario's day 0. See scenarios/README.md.",
    type: "object",
    required: ACTIVITY_COLUMNS.filter((c) => c.required).map((c) => c.name),
    properties: Object.fromEntries(
      ACTIVITY_COLUMNS.map((c) => [c.name, { ...schemaOf(c), description: c.description + (c.mhsds ? ` MHSDS: ${c.mhsds}.` : "") }]),
    ),
  };
}
