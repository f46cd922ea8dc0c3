/**
 * Reads activity data (one CSV row per referral) against a scenario: maps the columns (the
 * documented ones, or the cases.csv of `mhst run --out`), turns dates into simulation days and
 * checks every row. A bad row is left out and reported with its line, column, value and rule;
 * the file as a whole fails only when it cannot be read as activity data at all.
 */

import { buildCalendar, dayOf, type ServiceModel } from "../../sim/model/index.js";
import { ACTIVITY_COLUMNS, CASES_CSV_COLUMNS, DISCHARGE_SPELLINGS, TRIAGE_OUTCOMES, type DischargeReason, type TriageOutcome } from "./columns.js";
import { csvRecords, type CsvRecord } from "./csv-text.js";
import { ActivityError, type ActivityData, type ActivityRecord, type BadRow } from "./types.js";

/** Options of {@link readActivity}. */
export interface ReadOptions {
  /** File name used in messages. */
  readonly file?: string;
  /** Replication taken from a cases.csv (default 0); ignored for the activity columns. */
  readonly replication?: number;
  /**
   * End of the observation (simulation day, exclusive): cases still open are censored here.
   * Default: the end of the calendar for a cases.csv (the run covered it all), else the day after
   * the last date in the file.
   */
  readonly untilDay?: number;
}

/** A cell: the file's own column name (for messages) and its text. */
type Cell = { column: string; value: string };
type Row = { line: number; cells: Map<string, Cell> };

class RowProblem extends Error {
  constructor(readonly column: string, readonly value: string, readonly rule: string, message: string) {
    super(message);
  }
}

/**
 * Reads activity CSV text against a scenario.
 *
 * @throws ActivityError when the text is not CSV, lacks a required column, a cases.csv has no
 *   row of the replication asked for, or no row is usable; the message is one line starting
 *   with the file name.
 * @example readActivity(text, model, { file: "activity.csv" }).records.length
 */
export function readActivity(text: string, model: ServiceModel, options: ReadOptions = {}): ActivityData {
  const file = options.file ?? "activity.csv";
  let records: CsvRecord[];
  try {
    records = csvRecords(text);
  } catch (err) {
    throw new ActivityError(`${file}: ${(err as Error).message}`);
  }
  if (records.length === 0) throw new ActivityError(`${file}: the file is empty (a header line and one row per referral are needed)`);
  const header = records[0].fields.map((h) => h.trim());
  const dialect = header.includes("referralDay") && header.includes("outcome") ? "cases" : "activity";
  let body = records.slice(1);
  let replication: number | null = null;
  if (dialect === "cases" && header.includes("replication")) {
    replication = options.replication ?? 0;
    const at = header.indexOf("replication");
    const all = new Set(body.map((r) => r.fields[at]));
    body = body.filter((r) => Number(r.fields[at]) === replication);
    if (body.length === 0) {
      const nums = [...all].map(Number).filter(Number.isFinite).sort((a, b) => a - b);
      const have = nums.length ? `replications ${nums[0]} to ${nums[nums.length - 1]}` : "no replication numbers";
      throw new ActivityError(`${file}: --replication ${replication}: the file has no rows of it (${have})`);
    }
  }
  const rows = body.map((r) => ({ line: r.line, cells: dialect === "cases" ? casesCells(header, r) : activityCells(header, r) }));
  if (dialect === "activity") {
    for (const c of ACTIVITY_COLUMNS) {
      if (c.required && !header.includes(c.name)) {
        throw new ActivityError(`${file}: the header has no ${c.name} column (it has ${header.join(", ")}); see scenarios/README.md, "Activity data"`);
      }
    }
  }
  const cal = buildCalendar(model.calendar);
  const ctx: Context = {
    startDate: model.calendar.startDate,
    horizon: cal.horizonDays,
    lastDate: cal.date(cal.horizonDays - 1),
    schools: new Set(model.schools.map((s) => s.id)),
  };
  const out: ActivityRecord[] = [];
  const badRows: BadRow[] = [];
  const dropped: Record<string, number> = {};
  for (const row of rows) {
    try {
      out.push(checkRow(row, ctx));
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      badRows.push({ file, line: row.line, column: err.column, value: err.value, rule: err.rule, message: err.message });
      dropped[err.rule] = (dropped[err.rule] ?? 0) + 1;
    }
  }
  if (out.length === 0) {
    const why = badRows.length ? `; every row was dropped (first: line ${badRows[0].line}, ${badRows[0].column}: ${JSON.stringify(badRows[0].value)} ${badRows[0].message})` : "";
    throw new ActivityError(`${file}: no usable rows${why}`, badRows);
  }
  return { file, dialect, replication, rowsRead: rows.length, records: out, badRows, dropped, period: periodOf(out, cal, options.untilDay ?? (dialect === "cases" ? cal.horizonDays : undefined)) };
}

function activityCells(header: readonly string[], r: CsvRecord): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  header.forEach((h, i) => cells.set(h, { column: h, value: (r.fields[i] ?? "").trim() }));
  return cells;
}

/** A cases.csv row in the activity columns: outcome gives the triage outcome and discharge reason. */
function casesCells(header: readonly string[], r: CsvRecord): Map<string, Cell> {
  const get = (h: string) => (r.fields[header.indexOf(h)] ?? "").trim();
  const cells = new Map<string, Cell>();
  for (const [from, to] of Object.entries(CASES_CSV_COLUMNS)) {
    if (from !== "outcome" && header.includes(from)) cells.set(to, { column: from, value: get(from) });
  }
  const outcome = get("outcome");
  const triage =
    outcome === "signposted" || outcome === "declined" ? outcome
    : outcome === "inTriage" ? (get("triageDay") === "" ? "" : "accepted")
    : ["waiting", "open", "withdrawn", "completed", "steppedUp"].includes(outcome) ? "accepted"
    : outcome;
  const discharge = ["completed", "steppedUp", "withdrawn"].includes(outcome) ? outcome : ["open", "waiting", "inTriage"].includes(outcome) ? "open" : "";
  cells.set("TriageOutcome", { column: "outcome", value: triage });
  cells.set("DischargeReason", { column: "outcome", value: discharge });
  if (get("route") === "none") cells.set("Intervention", { column: "route", value: "" });
  // With a catalogue the run names each child's intervention, which is finer than the route.
  if (header.includes("intervention") && get("intervention") !== "") cells.set("Intervention", { column: "intervention", value: get("intervention") });
  // A case still waiting or in triage has no discharge date.
  if (discharge === "open") cells.set("ServDischDate", { column: "endDay", value: "" });
  return cells;
}

interface Context {
  readonly startDate: string;
  readonly horizon: number;
  readonly lastDate: string;
  readonly schools: ReadonlySet<string>;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days from day 0 of a date cell, or null when empty. `earliest` is the least day allowed. */
function dateOf(row: Row, name: string, ctx: Context, earliest = 0, required = false): number | null {
  const cell = row.cells.get(name);
  if (!cell || cell.value === "") {
    if (required) throw new RowProblem(cell?.column ?? name, "", "missing value", "must be given");
    return null;
  }
  const v = cell.value;
  let day: number;
  if (/^-?\d+$/.test(v)) day = Number(v);
  else if (ISO.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v) day = dayOf(ctx.startDate, v);
  else throw new RowProblem(cell.column, v, "not a date", "must be an ISO date (YYYY-MM-DD) or a whole number of simulation days");
  if (day < earliest || day >= ctx.horizon) {
    throw new RowProblem(cell.column, v, "date outside the calendar", `must lie within the scenario's calendar (${ctx.startDate} to ${ctx.lastDate}, days 0 to ${ctx.horizon - 1})`);
  }
  return day;
}

function countOf(row: Row, name: string): number | null {
  const cell = row.cells.get(name);
  if (!cell || cell.value === "") return null;
  if (!/^\d+$/.test(cell.value)) throw new RowProblem(cell.column, cell.value, "not a count", "must be a whole number >= 0");
  return Number(cell.value);
}

function after(row: Row, name: string, day: number | null, before: number | null, beforeName: string, rule: string): void {
  if (day === null || before === null || day >= before) return;
  const cell = row.cells.get(name)!;
  throw new RowProblem(cell.column, cell.value, rule, `is before the ${beforeName} (${row.cells.get(beforeName)?.value ?? before})`);
}

function checkRow(row: Row, ctx: Context): ActivityRecord {
  const text = (name: string) => row.cells.get(name)?.value ?? "";
  const schoolCell = row.cells.get("OrgIDEduEstab") ?? { column: "OrgIDEduEstab", value: "" };
  if (schoolCell.value === "") throw new RowProblem(schoolCell.column, "", "missing value", "must be given");
  if (!ctx.schools.has(schoolCell.value)) throw new RowProblem(schoolCell.column, schoolCell.value, "unknown school", "is not a school of the scenario");
  const startCell = row.cells.get("WaitingAtStart");
  const atStart = (startCell?.value ?? "").toLowerCase();
  if (!["", "true", "false"].includes(atStart)) throw new RowProblem(startCell!.column, startCell!.value, "not a boolean", "must be true, false or empty");
  const waitingAtStart = atStart === "true";
  const referralDay = dateOf(row, "ReferralRequestReceivedDate", ctx, waitingAtStart ? -Infinity : 0, true)!;
  const concernDay = dateOf(row, "ConcernDate", ctx, -364);
  const triageOutcomeRaw = text("TriageOutcome").toLowerCase();
  if (triageOutcomeRaw !== "" && !(TRIAGE_OUTCOMES as readonly string[]).includes(triageOutcomeRaw)) {
    const c = row.cells.get("TriageOutcome")!;
    throw new RowProblem(c.column, c.value, "unknown outcome", "must be signposted, accepted, declined or empty (not triaged yet)");
  }
  const triageOutcome = triageOutcomeRaw === "" ? null : (triageOutcomeRaw as TriageOutcome);
  const reasonRaw = text("DischargeReason");
  let dischargeReason: DischargeReason | null = null;
  if (reasonRaw !== "") {
    dischargeReason = DISCHARGE_SPELLINGS[reasonRaw.toLowerCase().replace(/[\s_-]/g, "")] ?? null;
    if (dischargeReason === null) {
      const c = row.cells.get("DischargeReason")!;
      throw new RowProblem(c.column, c.value, "unknown outcome", "must be completed, stepped up, withdrawn, still open or empty (closed at triage or consent)");
    }
  }
  let triageDay = dateOf(row, "TriageDate", ctx, waitingAtStart ? -Infinity : 0);
  const consentDay = dateOf(row, "ConsentDate", ctx, waitingAtStart ? -Infinity : 0);
  const firstContactDay = dateOf(row, "FirstCareContDate", ctx);
  const dischargeDay = dateOf(row, "ServDischDate", ctx, waitingAtStart ? -Infinity : 0);
  if (triageDay === null && triageOutcome === "signposted") triageDay = dischargeDay;
  if (concernDay !== null && concernDay > referralDay) {
    const c = row.cells.get("ConcernDate")!;
    throw new RowProblem(c.column, c.value, "date order", `is after the referral (${text("ReferralRequestReceivedDate")})`);
  }
  after(row, "TriageDate", triageDay, referralDay, "ReferralRequestReceivedDate", "date order");
  after(row, "ConsentDate", consentDay, triageDay ?? referralDay, triageDay === null ? "ReferralRequestReceivedDate" : "TriageDate", "date order");
  after(row, "FirstCareContDate", firstContactDay, referralDay, "ReferralRequestReceivedDate", "first contact before referral");
  after(row, "ServDischDate", dischargeDay, firstContactDay, "FirstCareContDate", "discharge before first contact");
  after(row, "ServDischDate", dischargeDay, referralDay, "ReferralRequestReceivedDate", "date order");
  if ((dischargeReason === "completed" || dischargeReason === "steppedUp") && firstContactDay === null) {
    const c = row.cells.get("DischargeReason")!;
    throw new RowProblem(c.column, c.value, "unknown outcome", "needs a first contact date (FirstCareContDate)");
  }
  const intervention = text("Intervention");
  return {
    line: row.line,
    school: schoolCell.value,
    referralDay,
    concernDay,
    triageDay,
    triageOutcome,
    consentDay,
    firstContactDay,
    intervention: intervention === "" ? null : intervention,
    attended: countOf(row, "ContactsAttended"),
    dnas: countOf(row, "ContactsDNA"),
    dischargeDay,
    dischargeReason,
    waitingAtStart,
  };
}

function periodOf(records: readonly ActivityRecord[], cal: ReturnType<typeof buildCalendar>, untilDay: number | undefined): ActivityData["period"] {
  let first = Infinity;
  let last = -Infinity;
  for (const r of records) {
    if (!r.waitingAtStart && r.referralDay < first) first = r.referralDay;
    for (const d of [r.referralDay, r.triageDay, r.consentDay, r.firstContactDay, r.dischargeDay]) if (d !== null && d > last) last = d;
  }
  const fromDay = Number.isFinite(first) ? Math.max(0, first - cal.weekday[first]) : 0;
  const end = untilDay ?? last + 1;
  return { fromDay, toDay: Math.min(cal.horizonDays, Math.max(fromDay + 1, end)) };
}
