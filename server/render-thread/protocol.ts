/**
 * What is drawn for a finished run's chart and report requests, what comes back, and the
 * messages between the event loop and the render thread (see RenderThread). Everything is
 * structured-cloneable plain data; a rendered body's bytes are moved, not copied.
 */
import type { ApiIssue } from "../http/errors.js";
import type { Chart } from "../charts/chart.js";
import type { ChartFormat } from "../charts/index.js";
import type { RunInfo } from "../storage/run-store.js";

/** A report's formats, as its URL ends: `report.html`, `report.json`, `report.docx`, `report.pptx`. */
export type ReportFormat = "html" | "json" | "docx" | "pptx";

/**
 * Figures a report adds after the run's own (a sensitivity analysis's chart, built on the event
 * loop, which holds the analyses), or the error asking for them gave: thrown where the figures
 * are drawn, after the run's own, so that a run not done still answers 409 first.
 */
export type ExtraFigures = { readonly charts: readonly Chart[] } | { readonly error: { readonly status: number; readonly message: string } };

/**
 * One chart or report request: of a run the event loop has found (`run`, read as it stands),
 * or one export of a chart the event loop holds (a sensitivity analysis's, a back-test's).
 */
export type RenderRequest =
  /** The run's charts: names, titles and export links (`GET /api/runs/:id/charts`). */
  | { readonly op: "list"; readonly run: RunInfo }
  /** One export of one chart; `download` when the URL has `?download`. */
  | { readonly op: "file"; readonly run: RunInfo; readonly name: string; readonly format: ChartFormat; readonly scale: number; readonly download: boolean }
  /** One export of `chart`, named `filename`; `download` when the URL has `?download`. */
  | { readonly op: "chart"; readonly chart: Chart; readonly filename: string; readonly format: ChartFormat; readonly scale: number; readonly download: boolean }
  /**
   * The report in one format. `texts`: the source text of each catalog scenario the run names
   * (the report lists the assumptions the file states); `extra`: figures after the run's own.
   */
  | {
      readonly op: "report";
      readonly run: RunInfo;
      readonly format: ReportFormat;
      readonly download: boolean;
      readonly texts: ReadonlyMap<string, string>;
      readonly extra?: ExtraFigures;
    };

/**
 * An answer to send as it is: Content-Type (given to `res.type`), the other headers, and the
 * body. A text body is sent as Express sends a string (UTF-8, `charset=utf-8` added).
 */
export interface Rendered {
  readonly type: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string | Uint8Array;
}

/** A {@link Rendered} as it crosses threads: the body as bytes (`text` when it was a string). */
export interface WireRendered {
  readonly type: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly bytes: Uint8Array;
  readonly text: boolean;
}

/**
 * Why a request failed: an HttpError's status, message and issues, or another error's message,
 * stack and code (a SQLite code says whether the database is damaged), as the error handler reads them.
 */
export type WireError =
  | { readonly kind: "http"; readonly status: number; readonly message: string; readonly issues?: readonly ApiIssue[] }
  | { readonly kind: "error"; readonly message: string; readonly stack?: string; readonly code?: string };

/** What the event loop asks of the render thread. */
export type ToThread =
  | { readonly type: "render"; readonly job: number; readonly request: RenderRequest }
  /** Forget a deleted run's parsed result and SVGs. */
  | { readonly type: "forget"; readonly runId: string }
  /** The answer to `hold`: the job may go on. */
  | { readonly type: "go"; readonly job: number };

/** What the render thread answers. */
export type FromThread =
  | { readonly type: "rendered"; readonly job: number; readonly rendered: WireRendered }
  | { readonly type: "failed"; readonly job: number; readonly error: WireError }
  /** Test hook: the job has begun and waits for `go` (sent once the event loop's hook has settled). */
  | { readonly type: "hold"; readonly job: number; readonly op: RenderRequest["op"] };

/** The thread's start-up data. */
export interface ThreadData {
  /** The database file (the thread reads results on a connection of its own). */
  readonly file: string;
  /** Whether each job waits for the event loop's `go` after its `hold` (a test hook is set). */
  readonly hold: boolean;
}
