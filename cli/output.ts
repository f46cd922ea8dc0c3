import { from } from "arquero";

/**
 * A number for a table cell: null and non-finite as "–"; integers bare; otherwise 3
 * significant decimals for small values, fewer for large ones.
 * @example formatNumber(0.91234) // "0.912"
 */
export function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a < 0.001) return v.toPrecision(2);
  return v.toFixed(a >= 100 ? 1 : a >= 1 ? 2 : 3);
}

/**
 * An input's value as a scenario gives it, up to four significant figures with no padding zeros,
 * so a range reads as written in the file rather than rounded as a result is.
 * @example formatInput(0.6) // "0.6"; formatInput(2) // "2"; formatInput(0.05) // "0.05"
 */
export function formatInput(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  return String(Number(v.toPrecision(4)));
}

/** An interval as `[lo, hi]`, or "–" when undefined. */
export const formatInterval = (lo: number | null, hi: number | null): string =>
  lo === null || hi === null ? "–" : `[${formatNumber(lo)}, ${formatNumber(hi)}]`;

/**
 * A plain-text table with padded columns: text left-aligned, numbers right-aligned.
 * @example textTable(["kpi", "mean"], [["referrals", "120"]])
 */
export function textTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => /^[-–+\d.[\], e]*$/.test(r[i] ?? "")));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}

/**
 * Flattens a record one level deep for CSV: `{ slots: { idle: 2 } }` → `{ "slots.idle": 2 }`.
 */
export function flatten(row: object, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) Object.assign(out, flatten(v, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = Array.isArray(v) ? JSON.stringify(v) : v;
  }
  return out;
}

/** Rows as CSV text (through arquero), with or without the header line. */
export function toCsv(rows: readonly object[], header = true): string {
  if (rows.length === 0) return "";
  const text = from(rows.map((r) => flatten(r))).toCSV({ header });
  return text.endsWith("\n") ? text : `${text}\n`;
}
