import type { z } from "zod";
import { valueAt, type DocPath, type RawIssue } from "./issues.js";
import { knownFields } from "./schema-walk.js";

type ZIssue = z.core.$ZodIssue;

const TYPE_WORDS: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "text",
  boolean: "true or false",
  array: "a list",
  tuple: "a list [morning, afternoon]",
  object: "a mapping",
  null: "null",
  record: "a mapping",
};

/**
 * Turns zod's issues into scenario issues: the field path, the value found and the rule in
 * plain words (`must be >= 0`), with unions reduced to the branch the value was meant for.
 */
export function fromZodIssues(issues: readonly ZIssue[], data: unknown, prefix: DocPath = []): RawIssue[] {
  const out: RawIssue[] = [];
  for (const issue of issues) out.push(...convert(issue, data, [...prefix, ...(issue.path as (string | number)[])]));
  return out;
}

function convert(issue: ZIssue, data: unknown, path: DocPath): RawIssue[] {
  const value = valueAt(data, path);
  const one = (message: string, v: unknown = value): RawIssue[] => [{ path, value: v, message }];
  switch (issue.code) {
    case "invalid_type":
      return value === undefined ? one("is required") : one(`must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`);
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "array") return one(min === 1 ? "must not be empty" : `must have at least ${min} items`);
      if (issue.origin === "string") return one("must not be empty");
      return one(`must be ${issue.inclusive ? ">=" : ">"} ${min}`);
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "array") return one(`must have at most ${max} items`);
      return one(`must be ${issue.inclusive ? "<=" : "<"} ${max}`);
    }
    case "invalid_value":
      return one(issue.values.length === 1
        ? `must be ${String(issue.values[0])}`
        : `must be one of ${issue.values.map(String).join(", ")}`);
    case "invalid_format":
    case "custom":
      return one(issue.message.startsWith("Invalid") ? "is not valid" : issue.message);
    case "unrecognized_keys":
      return issue.keys.map((key) => {
        const hint = suggest(key, knownFields(path) ?? []);
        return {
          path: [...path, key],
          value: valueAt(data, [...path, key]),
          message: `is not a known field${hint ? ` (did you mean ${hint}?)` : ""}`,
        };
      });
    case "invalid_union":
      return unionIssue(issue, data, path, value);
    default:
      return one(issue.message);
  }
}

function unionIssue(issue: z.core.$ZodIssueInvalidUnion, data: unknown, path: DocPath, value: unknown): RawIssue[] {
  // A discriminated union with an unknown `kind`: name the kinds.
  if ((issue as { note?: string }).note === "No matching discriminator") {
    const options = (issue as { options?: unknown[] }).options ?? [];
    return [{ path, value, message: `must be one of ${options.map(String).join(", ")}` }];
  }
  // The branch the value was meant for is the one whose problems lie inside the value
  // (a distribution object with a bad parameter), or a range failure of the right type.
  for (const branch of issue.errors) {
    if (branch.length > 0 && branch.every((i) => i.path.length > 0 || i.code === "invalid_union")) {
      return fromZodIssues(branch, data, path);
    }
  }
  for (const branch of issue.errors) {
    if (branch.length > 0 && branch.every((i) => i.code === "too_small" || i.code === "too_big")) {
      return fromZodIssues(branch, data, path);
    }
  }
  return [{ path, value, message: issue.message }];
}

/** The known field closest to a misspelt one (edit distance <= 2, or the same lower-case form). */
export function suggest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = k.toLowerCase() === key.toLowerCase() ? 0 : distance(k, key);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
