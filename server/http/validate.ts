import type { z } from "zod";
import { formatIssue } from "../../scenarios/index.js";
import { badRequest, type ApiIssue } from "./errors.js";

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
  const issues: ApiIssue[] = result.error.issues.flatMap((issue) => {
    // An unknown field is named by its own path, like any other field.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => {
        const path = joinPath([...issue.path, key]);
        const value = valueAt(input, [...issue.path, key]);
        return { path, value, message: formatIssue({ path, value, message: "is not a field of this request" }) };
      });
    }
    const path = joinPath(issue.path);
    const value = valueAt(input, issue.path);
    // Same line format as the CLI's scenario issues: `path: value rule`.
    return [{ path, value, message: formatIssue({ path, value, message: issue.message }) }];
  });
  throw badRequest(issues);
}

/**
 * Validates a JSON request body: it must be an object, then {@link parseInput}.
 * @throws HttpError 400.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    const message = "request body: must be a JSON object, sent with Content-Type: application/json";
    throw badRequest([{ path: "(body)", value: body, message }]);
  }
  return parseInput(schema, body);
}
