import { KPI_DOCS } from "../model/kpi-docs.js";

/** A KPI target such as `pctStartedWithin4Weeks >= 0.9`. */
export interface Target {
  readonly kpi: string;
  readonly op: ">=" | ">" | "<=" | "<";
  readonly threshold: number;
}

/** The KPI a target without a KPI name refers to: the share seen within the waiting-time standard. */
export const DEFAULT_TARGET_KPI = "shareSeenWithinStandard";

const TARGET = /^\s*([A-Za-z][\w.]*)?\s*(>=|<=|>|<)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$/;

/**
 * Parses a target expression `<kpi> <op> <number>` with op one of >=, >, <=, <. Without a KPI
 * name (`>= 0.8`) the target is on {@link DEFAULT_TARGET_KPI}, the share of children seen within
 * the standard (still-waiting children count as misses).
 *
 * @param known KPI names accepted; when given, an unknown name is an error listing a few.
 * @throws SyntaxError for a malformed expression; RangeError for an unknown KPI. Messages
 *   quote the expression, so a caller can prefix the flag name.
 * @example parseTarget("waitWeeksMean <= 4") // { kpi: "waitWeeksMean", op: "<=", threshold: 4 }
 * @example parseTarget(">= 0.8") // { kpi: "shareSeenWithinStandard", op: ">=", threshold: 0.8 }
 */
export function parseTarget(text: string, known?: readonly string[]): Target {
  const m = TARGET.exec(text);
  if (!m) throw new SyntaxError(`${JSON.stringify(text)} is not "[<kpi>] <op> <number>" with op one of >=, >, <=, <`);
  const [, named, op, num] = m;
  const kpi = named ?? DEFAULT_TARGET_KPI;
  if (known && !known.includes(kpi)) {
    throw new RangeError(`${JSON.stringify(text)}: unknown KPI "${kpi}" (known: ${known.slice(0, 8).join(", ")}${known.length > 8 ? ", …" : ""})`);
  }
  return { kpi, op: op as Target["op"], threshold: Number(num) };
}

/**
 * Checks that a target's threshold can be reached at all: a KPI whose unit is a share (0–1)
 * can never pass 1, so a threshold like 90 (meant as 90 %) is refused rather than left to
 * come back "not reachable". `mhst solve` and the dashboard's solve both call this.
 *
 * @returns the target, unchanged.
 * @throws RangeError naming the KPI, the threshold and the rule (callers prefix the flag or field).
 * @example checkTargetRange(parseTarget("pctStartedWithin4Weeks >= 90")) // throws: "... 90 must lie in [0, 1] (write 0.9 for 90 %)"
 */
export function checkTargetRange(t: Target): Target {
  if (KPI_DOCS[t.kpi]?.unit.startsWith("share") && (t.threshold < 0 || t.threshold > 1)) {
    throw new RangeError(`${t.kpi} is a share (0–1); ${t.threshold} must lie in [0, 1] (write 0.9 for 90 %)`);
  }
  return t;
}

/** Whether larger values of the KPI are the good side of the target. */
export const higherIsBetter = (t: Target): boolean => t.op === ">=" || t.op === ">";

/**
 * Whether an interval meets the target with confidence: its bound on the far side of the
 * threshold must clear it (lower bound for >= and >, upper bound for <= and <). A missing
 * bound never meets it.
 *
 * @example meetsTarget({ kpi: "x", op: ">=", threshold: 0.9 }, { lo: 0.91, hi: 0.95 }) === true
 */
export function meetsTarget(t: Target, ci: { lo: number | null; hi: number | null }): boolean {
  switch (t.op) {
    case ">=":
      return ci.lo !== null && ci.lo >= t.threshold;
    case ">":
      return ci.lo !== null && ci.lo > t.threshold;
    case "<=":
      return ci.hi !== null && ci.hi <= t.threshold;
    case "<":
      return ci.hi !== null && ci.hi < t.threshold;
  }
}

/** The target as text, e.g. `pctStartedWithin4Weeks >= 0.9`. */
export const formatTarget = (t: Target): string => `${t.kpi} ${t.op} ${t.threshold}`;
