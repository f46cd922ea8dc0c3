/**
 * Number formats of the report's KPI tables (HTML, Word and PowerPoint alike). A share (0–1)
 * prints as a percentage, a difference of shares in percentage points; every difference has a
 * sign, and a value that rounds to zero prints as a plain 0 (never `-0.00`).
 */

/** Whether a KPI unit is a share (0–1). */
export const isShare = (unit: string): boolean => unit.startsWith("share");

/** Decimals for a value of this size: 0 from 100 up, 1 from 10, else 2 (shares in % always 1, an index always 3). */
function digitsFor(x: number, share: boolean, unit = ""): number {
  if (share) return 1;
  if (unit === "index") return 3;
  const abs = Math.abs(x);
  return abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
}

/** Rounds to `digits` and drops the sign of a result that is zero. */
function fixed(x: number, digits: number): string {
  const text = x.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text;
}

/**
 * A KPI value for a table: shares as `45.0 %`, an index (unit `index`) with three decimals,
 * other units as plain numbers; "–" when missing.
 * @example formatValue(0.4512, "share (0–1)") // "45.1 %"
 * @example formatValue(0.1043, "index") // "0.104"
 * @example formatValue(4.237, "weeks") // "4.24"
 */
export function formatValue(x: number | null | undefined, unit: string): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  const share = isShare(unit);
  const v = share ? 100 * x : x;
  return `${fixed(v, digitsFor(v, share, unit))}${share ? " %" : ""}`;
}

/**
 * A difference B − A with its sign: shares in percentage points (`+3.2 pp`), other units in
 * their own (`-0.41`); a difference that rounds to zero is `0.0 pp` / `0.00`.
 * @example formatDifference(-0.00001, "share (0–1)") // "0.0 pp"
 * @example formatDifference(0.032, "share (0–1)") // "+3.2 pp"
 */
export function formatDifference(x: number | null | undefined, unit: string): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  const share = isShare(unit);
  const v = share ? 100 * x : x;
  const text = fixed(v, digitsFor(v, share, unit));
  const signed = Number(text) > 0 ? `+${text}` : text;
  return `${signed}${share ? " pp" : ""}`;
}

/**
 * A 95 % interval `lo to hi` in the same format as its point: values, or signed differences.
 * @example formatInterval(-0.01, 0.03, "share (0–1)", true) // "-1.0 to +3.0 pp"
 */
export function formatInterval(lo: number | null | undefined, hi: number | null | undefined, unit: string, difference: boolean): string {
  if (lo === null || lo === undefined || hi === null || hi === undefined) return "–";
  if (!difference) return `${formatValue(lo, unit).replace(/ %$/, "")} to ${formatValue(hi, unit)}`;
  return `${formatDifference(lo, unit).replace(/ pp$/, "")} to ${formatDifference(hi, unit)}`;
}
