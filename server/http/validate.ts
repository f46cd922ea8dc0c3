import type { z } from "zod";
import { badRequest, showValue, type ApiIssue } from "./errors.js";

/** Joins a zod path into `a.b[2].c`. */
export function joinPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(body)" : out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/**
 * Validates request input once, where it enters, with a zod schema.
 * Every failing field becomes one issue `path: value rule`, e.g. `replications: 0 must be >= 1`.
 * @throws HttpError 400 listing every issue.
 * @example const body = parseInput(RunBody, req.body);
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: ApiIssue[] = result.error.issues.map((issue) => {
    const path = joinPath(issue.path);
    const value = valueAt(input, issue.path);
    return { path, value, message: `${path}: ${showValue(value)} ${issue.message}` };
  });
  throw badRequest(issues);
}
