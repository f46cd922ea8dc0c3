import type { z } from "zod";
import type { FactorLaw, UncertainFactor } from "../../sim/experiment/sensitivity/factors.js";
import { formatPath, formatValue, ScenarioError, valueAt, type DocPath, type RawIssue } from "./issues.js";
import { resolveOverrides } from "./overrides.js";
import { schemasAt } from "./schema-walk.js";

type Entry = { path: string; range?: readonly [number, number]; distribution?: unknown };
type Def = { type: string; format?: string };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** z of a normal cut at its central 95 % when it gives no min or max. */
const Z95 = 1.959963984540054;

/** The distribution kinds an uncertain input may have. */
export const UNCERTAINTY_KINDS = ["uniform", "triangular", "normal"] as const;

/**
 * Resolves a scenario's `uncertainty` block (zod's output, defaults filled) into the factors of a
 * sensitivity analysis, checking each entry: the path names a numeric field that exists in this
 * scenario (not a list, mapping or distribution), exactly one of `range` and `distribution` is
 * given, the range has low < high, and both ends are values the field itself accepts. Whole-number
 * fields give integer factors; the scenario's current value becomes the factor's `base`.
 *
 * @returns the factors of the valid entries, and one issue per problem (document path, value, rule).
 * @example resolveUncertainty(input).factors[0] // { path: "casework.dnaShare", low: 0.05, high: 0.2, base: 0.1, ... }
 */
export function resolveUncertainty(data: { uncertainty?: readonly Entry[] }): { factors: UncertainFactor[]; issues: RawIssue[] } {
  const issues: RawIssue[] = [];
  const factors: UncertainFactor[] = [];
  const seen = new Map<string, number>();
  (data.uncertainty ?? []).forEach((entry, i) => {
    const at: DocPath = ["uncertainty", i];
    const add = (field: string, value: unknown, message: string) => issues.push({ path: [...at, field], value, message });
    let resolved: DocPath;
    try {
      resolved = resolveOverrides(data, [`${entry.path}=0`])[0].path;
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      const message = err.issues[0]?.message.replace(`${entry.path}=0: `, "") ?? "is not a field of this scenario";
      add("path", entry.path, message.startsWith(entry.path) ? message.slice(entry.path.length).replace(/^ /, "") : message);
      return;
    }
    const key = formatPath(resolved);
    if (seen.has(key)) {
      add("path", entry.path, `names the same field as uncertainty[${seen.get(key)}]`);
      return;
    }
    const numbers = schemasAt(resolved).filter((s) => defOf(s).type === "number");
    const current = valueAt(data, resolved);
    if (numbers.length === 0) {
      add("path", entry.path, "is not a numeric field");
      return;
    }
    if (current !== undefined && typeof current !== "number") {
      add("path", entry.path, `holds ${formatValue(current)}, not a number; name one of its parameters, e.g. ${entry.path}.${current !== null && typeof current === "object" && "mode" in current ? "mode" : "mean"}`);
      return;
    }
    if ((entry.range === undefined) === (entry.distribution === undefined)) {
      add("range", entry.range, "give either range [low, high] or distribution, not both and not neither");
      return;
    }
    const integer = numbers.every((s) => defOf(s).format === "safeint" || defOf(s).format === "int32");
    const spec = bounds(entry, integer, (field, value, message) => add(field, value, message));
    if (!spec) return;
    const field = entry.range ? "range" : "distribution";
    for (const [end, v] of [["low", spec.low], ["high", spec.high]] as const) {
      if (!numbers.some((s) => s.safeParse(v).success)) {
        const problem = numbers[0].safeParse(v).error?.issues[0];
        add(field, entry.range ?? entry.distribution, `${end} ${v} is not a value ${entry.path} takes (${ruleOf(problem)})`);
        return;
      }
    }
    seen.set(key, i);
    factors.push({ path: entry.path, low: spec.low, high: spec.high, integer, law: spec.law, ...(typeof current === "number" ? { base: current } : {}) });
  });
  return { factors, issues };
}

function ruleOf(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "not valid";
  if (issue.code === "too_small") return `must be ${issue.inclusive ? ">=" : ">"} ${Number(issue.minimum)}`;
  if (issue.code === "too_big") return `must be ${issue.inclusive ? "<=" : "<"} ${Number(issue.maximum)}`;
  if (issue.code === "invalid_type") return issue.expected === "int" ? "must be a whole number" : `must be ${issue.expected}`;
  return issue.message;
}

function bounds(entry: Entry, integer: boolean, add: (field: string, value: unknown, message: string) => void): { low: number; high: number; law: FactorLaw } | undefined {
  if (entry.range) {
    const [low, high] = entry.range;
    if (!(low < high)) {
      add("range", entry.range, `low ${low} must be < high ${high}`);
      return undefined;
    }
    return { low, high, law: { kind: "uniform" } };
  }
  const d = entry.distribution as { kind?: string; [k: string]: unknown } | number;
  if (typeof d !== "object" || !(UNCERTAINTY_KINDS as readonly string[]).includes(String(d.kind))) {
    add("distribution", d, `must be a ${UNCERTAINTY_KINDS.join(", ").replace(/, (\w+)$/, " or $1")} distribution`);
    return undefined;
  }
  const num = (k: string) => d[k] as number;
  if (d.kind === "uniform" || d.kind === "triangular") {
    if (!(num("min") < num("max"))) {
      add("distribution", d, `min ${num("min")} must be < max ${num("max")}`);
      return undefined;
    }
    if (d.kind === "triangular" && !(num("mode") >= num("min") && num("mode") <= num("max"))) {
      add("distribution", d, `mode ${num("mode")} must lie in [min, max] = [${num("min")}, ${num("max")}]`);
      return undefined;
    }
    return { low: num("min"), high: num("max"), law: d.kind === "uniform" ? { kind: "uniform" } : { kind: "triangular", mode: num("mode") } };
  }
  const mean = num("mean");
  const sd = num("sd");
  if (!(sd > 0)) {
    add("distribution", d, `sd ${sd} must be > 0`);
    return undefined;
  }
  // A whole-number field's cut is widened to whole numbers, so that both ends are values it takes.
  const low = (d.min as number | undefined) ?? (integer ? Math.floor(mean - Z95 * sd) : mean - Z95 * sd);
  const high = (d.max as number | undefined) ?? (integer ? Math.ceil(mean + Z95 * sd) : mean + Z95 * sd);
  if (!(low < high)) {
    add("distribution", d, `min ${low} must be < max ${high}`);
    return undefined;
  }
  return { low, high, law: { kind: "normal", mean, sd } };
}
