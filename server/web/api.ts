/**
 * Browser side of the dashboard: calls to the JSON API. Every 4xx comes back as
 * `{ error, issues? }`; {@link ApiError} carries both to the view that shows them.
 */

/** One problem with a request or scenario field, as the server reports it. */
export interface Issue {
  readonly file?: string;
  readonly line?: number;
  readonly path: string;
  readonly value?: unknown;
  readonly message: string;
}

/** A non-2xx answer from the API. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
  }
}

/**
 * Sends a JSON request and parses the JSON answer.
 * @throws ApiError with the server's message and issues on a non-2xx status.
 */
export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text === "" ? undefined : (JSON.parse(text) as unknown);
  if (!res.ok) {
    const e = (data ?? {}) as { error?: string; issues?: Issue[] };
    throw new ApiError(res.status, e.error ?? `${res.status} ${res.statusText}`, e.issues ?? []);
  }
  return data as T;
}

/** A scenario as listed (the server's own type; a type-only import, so nothing loads in the browser). */
export type { ScenarioSummary } from "../scenario-catalog.js";

/** A run's status as the API reports it. */
export interface RunInfo {
  readonly id: string;
  readonly kind: "run" | "compare" | "solve";
  readonly status: "queued" | "running" | "done" | "failed" | "interrupted" | "cancelled";
  readonly scenarioName: string;
  readonly progress: { readonly done: number; readonly total: number };
  readonly error: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

/** KPI labels and units from the model (GET /api/kpis). */
export type KpiDocs = Readonly<Record<string, { label: string; unit: string; description: string }>>;

/** Splits an overrides textarea into `path=value` lines. */
export const overrideLines = (text: string): string[] =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
