/**
 * Errors the API reports as JSON `{ error, issues? }` with a 4xx status: each issue names
 * the field (`path`), the value it received and the rule it broke, in the same words as the CLI.
 */

/** One problem with a request field or a scenario field. */
export interface ApiIssue {
  /** Scenario file the issue is in, when it came from one. */
  readonly file?: string;
  /** Line in that file, when known. */
  readonly line?: number;
  /** Field path, like `replications` or `clusters[2].practitionerDays`. */
  readonly path: string;
  /** The value received (JSON), or undefined when the field is missing. */
  readonly value?: unknown;
  /** The whole message, naming the field, the value and the rule. */
  readonly message: string;
}

/**
 * An error with an HTTP status that the error middleware turns into `{ error, issues? }`.
 * @example throw new HttpError(404, "run 'abc' not found");
 */
export class HttpError extends Error {
  override readonly name = "HttpError";
  /** Seconds after which the client may ask again, sent as Retry-After (a 503 of a busy part). */
  readonly retryAfter?: number;
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: readonly ApiIssue[],
  ) {
    super(message);
  }
}

/**
 * Builds a 400 error from issues; the top-level message lists every issue, one a line.
 * @throws never; returns the error for the caller to throw.
 */
export function badRequest(issues: readonly ApiIssue[], status = 400): HttpError {
  const head = issues.length === 1 ? issues[0].message : `${issues.length} problems:\n${issues.map((i) => i.message).join("\n")}`;
  return new HttpError(status, head, issues);
}
