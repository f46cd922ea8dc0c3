import type { Db } from "./database.js";

/** What a run computes: one scenario's replications, a paired comparison, or a capacity solve. */
export type RunKind = "run" | "compare" | "solve";

/** Where a run is. `interrupted`: the server stopped while it was queued or running. */
export type RunStatus = "queued" | "running" | "done" | "failed" | "interrupted" | "cancelled";

/** A run as the API shows it (results are fetched separately). */
export interface RunInfo {
  readonly id: string;
  readonly kind: RunKind;
  readonly status: RunStatus;
  readonly scenarioName: string;
  /** The validated request that started the run (replications, seed, scenario source...). */
  readonly request: unknown;
  readonly progress: { readonly done: number; readonly total: number };
  readonly error: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

/** One KPI of a finished run, kept as a row so runs can be listed and queried without the JSON. */
export interface KpiRow {
  readonly scope: string;
  readonly kpi: string;
  readonly mean: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
}

interface Row {
  id: string;
  kind: RunKind;
  status: RunStatus;
  scenario_name: string;
  request_json: string;
  progress_done: number;
  progress_total: number;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const fromRow = (r: Row): RunInfo => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  scenarioName: r.scenario_name,
  request: JSON.parse(r.request_json),
  progress: { done: r.progress_done, total: r.progress_total },
  error: r.error,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/**
 * Test hook: called at each stage of the result and delete transactions; throwing there aborts
 * it. A promise it returns is waited for only by the result thread's save (the thread stays in
 * its transaction until the promise settles, and a rejection aborts it); on the event loop it
 * is ignored.
 */
export type FaultHook = (stage: "result" | "kpis" | "status" | "delete-kpis" | "delete-result") => void | Promise<void>;

/** What {@link RunStore.delete} did: deleted, no such run, or refused because the run still goes. */
export type DeleteOutcome = { readonly deleted: true } | { readonly deleted: false; readonly status: RunStatus | null };

/**
 * Runs and their results in SQLite. A result is saved whole or not at all: the result JSON,
 * the KPI rows and the `done` status are written in one transaction.
 */
export class RunStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
    private readonly fault: FaultHook = () => {},
  ) {}

  /**
   * Marks every run left `queued` or `running` by a previous process as `interrupted`.
   * @returns how many runs were marked.
   */
  markInterrupted(): number {
    return this.db
      .prepare("UPDATE runs SET status = 'interrupted', error = 'the server stopped before the run finished', finished_at = ? WHERE status IN ('queued', 'running')")
      .run(this.now().toISOString()).changes;
  }

  create(r: { id: string; kind: RunKind; scenarioName: string; request: unknown; total: number }): RunInfo {
    this.db
      .prepare("INSERT INTO runs (id, kind, status, scenario_name, request_json, progress_total, created_at) VALUES (?, ?, 'queued', ?, ?, ?, ?)")
      .run(r.id, r.kind, r.scenarioName, JSON.stringify(r.request), r.total, this.now().toISOString());
    return this.get(r.id)!;
  }

  get(id: string): RunInfo | undefined {
    const row = this.db.prepare("SELECT * FROM runs WHERE id = ?").get(id) as Row | undefined;
    return row && fromRow(row);
  }

  /** Newest first. */
  list(limit = 100): RunInfo[] {
    return (this.db.prepare("SELECT * FROM runs ORDER BY created_at DESC, rowid DESC LIMIT ?").all(limit) as Row[]).map(fromRow);
  }

  /** Marks a queued run running (a run cancelled meanwhile stays cancelled). */
  markRunning(id: string): void {
    this.db.prepare("UPDATE runs SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'").run(this.now().toISOString(), id);
  }

  /** Records a going run's progress (an ended run's progress stays where it stopped). */
  setProgress(id: string, done: number, total: number): void {
    this.db.prepare("UPDATE runs SET progress_done = ?, progress_total = ? WHERE id = ? AND status IN ('queued', 'running')").run(done, total, id);
  }

  /** Ends a queued or running run as failed or cancelled; a run already ended keeps its status. */
  markFailed(id: string, status: "failed" | "cancelled", error: string): void {
    this.db.prepare("UPDATE runs SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status IN ('queued', 'running')").run(status, error, this.now().toISOString(), id);
  }

  /**
   * Saves a finished run's result, its KPI rows and the `done` status in ONE transaction.
   * Only a run still `running` is saved: one cancelled meanwhile keeps nothing.
   * @throws Error when the run is no longer running, or whatever SQLite (or the fault hook)
   *   throws; nothing is then saved.
   */
  saveResult(id: string, result: unknown, kpis: readonly KpiRow[]): void {
    this.saveResultText(id, JSON.stringify(result), kpis);
  }

  /**
   * {@link saveResult} with the result already JSON text (`JSON.stringify` of it), in the same
   * ONE transaction.
   * @throws as {@link saveResult}.
   */
  saveResultText(id: string, text: string, kpis: readonly KpiRow[]): void {
    const insertResult = this.db.prepare("INSERT INTO run_results (run_id, result_json) VALUES (?, ?)");
    const insertKpi = this.db.prepare("INSERT INTO run_kpis (run_id, scope, kpi, mean, lo, hi) VALUES (?, ?, ?, ?, ?, ?)");
    const finish = this.db.prepare("UPDATE runs SET status = 'done', progress_done = progress_total, error = NULL, finished_at = ? WHERE id = ? AND status = 'running'");
    const notSaved = () => new Error(`run ${id} is ${this.get(id)?.status ?? "deleted"}: its result is not saved`);
    const tx = this.db.transaction(() => {
      // A run cancelled meanwhile: refused before its result (tens of megabytes) is written.
      if (this.get(id)?.status !== "running") throw notSaved();
      insertResult.run(id, text);
      this.fault("result");
      for (const k of kpis) insertKpi.run(id, k.scope, k.kpi, finite(k.mean), finite(k.lo), finite(k.hi));
      this.fault("kpis");
      if (finish.run(this.now().toISOString(), id).changes !== 1) throw notSaved();
      this.fault("status");
    });
    // IMMEDIATE: the write lock is taken at the start, so the read of the status is never a
    // snapshot that another connection's write makes stale.
    tx.immediate();
  }

  /** The saved result JSON text, or undefined when the run has none. */
  resultText(id: string): string | undefined {
    const row = this.db.prepare("SELECT result_json FROM run_results WHERE run_id = ?").get(id) as { result_json: string } | undefined;
    return row?.result_json;
  }

  kpis(id: string): KpiRow[] {
    return this.db.prepare("SELECT scope, kpi, mean, lo, hi FROM run_kpis WHERE run_id = ? ORDER BY scope, kpi").all(id) as KpiRow[];
  }

  /**
   * Deletes a run that has ended (done, failed, cancelled, interrupted) with its KPI rows and
   * result, in ONE transaction: all of it or nothing. A queued or running run is refused.
   * @returns `{ deleted: true }`, or `{ deleted: false, status }` (status null: no such run).
   * @throws whatever SQLite (or the fault hook) throws; nothing is then deleted.
   */
  delete(id: string): DeleteOutcome {
    const tx = this.db.transaction((): DeleteOutcome => {
      const row = this.db.prepare("SELECT status FROM runs WHERE id = ?").get(id) as { status: RunStatus } | undefined;
      if (!row) return { deleted: false, status: null };
      if (row.status === "queued" || row.status === "running") return { deleted: false, status: row.status };
      // Explicit deletes rather than relying on ON DELETE CASCADE, so the order is ours.
      this.db.prepare("DELETE FROM run_kpis WHERE run_id = ?").run(id);
      this.fault("delete-kpis");
      this.db.prepare("DELETE FROM run_results WHERE run_id = ?").run(id);
      this.fault("delete-result");
      this.db.prepare("DELETE FROM runs WHERE id = ?").run(id);
      return { deleted: true };
    });
    return tx.immediate();
  }
}

const finite = (x: number | null): number | null => (x !== null && Number.isFinite(x) ? x : null);
