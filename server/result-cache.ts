import { buildChart, chartNames, chartSvg, type Chart, type StoredResult } from "./charts/index.js";
import { HttpError } from "./http/errors.js";
import type { RunInfo, RunStore } from "./storage/run-store.js";

/**
 * Finished runs' parsed results and rendered SVGs, kept in memory (least recently used out),
 * so that exports and the report do not re-parse or re-render. Results never change once saved.
 */
export class ResultCache {
  private readonly results = new Map<string, StoredResult>();
  private readonly svgs = new Map<string, Promise<string>>();

  /**
   * @param size parsed results kept (SVGs: six times as many).
   * @param onForget called with each run {@link forget} is told of (the render thread forgets it too).
   */
  constructor(
    private readonly store: RunStore,
    private readonly size = 32,
    private readonly onForget?: (id: string) => void,
  ) {}

  /**
   * The stored result of a finished run.
   * @throws HttpError 409 when the run has not finished successfully.
   */
  result(run: RunInfo): StoredResult {
    const hit = this.results.get(run.id);
    if (hit) return touch(this.results, run.id, hit);
    return put(this.results, run.id, JSON.parse(this.resultText(run)) as StoredResult, this.size);
  }

  /**
   * The stored result JSON text of a finished run, as saved (not kept here: it is read again).
   * @throws HttpError 409 when the run has not finished successfully.
   */
  resultText(run: RunInfo): string {
    if (run.status !== "done") {
      throw new HttpError(409, `run ${run.id} is ${run.status}${run.error ? ` (${run.error})` : ""}: results exist only when its status is done`);
    }
    const text = this.store.resultText(run.id);
    if (text === undefined) throw new HttpError(409, `run ${run.id} has no saved result`);
    return text;
  }

  /** The names of a finished run's charts, in report order. */
  chartNames(run: RunInfo): string[] {
    return chartNames(this.result(run));
  }

  /**
   * One chart of a finished run.
   * @throws HttpError 404 when the run has no chart of that name (409 when it has not finished).
   */
  chart(run: RunInfo, name: string): Chart {
    const stored = this.result(run);
    const chart = buildChart(stored, name, { scenario: run.scenarioName, date: run.finishedAt ?? run.createdAt, runId: run.id });
    if (!chart) throw new HttpError(404, `chart: ${JSON.stringify(name)} is not a chart of this run (charts: ${chartNames(stored).join(", ")})`);
    return chart;
  }

  /** The chart's SVG, rendered once. */
  svg(run: RunInfo, chart: Chart): Promise<string> {
    const key = `${run.id}/${chart.name}`;
    const hit = this.svgs.get(key);
    if (hit) return touch(this.svgs, key, hit);
    const p = chartSvg(chart);
    p.catch(() => this.svgs.delete(key));
    return put(this.svgs, key, p, this.size * 6);
  }

  /** Forgets a run (after it is deleted). */
  forget(id: string): void {
    this.results.delete(id);
    for (const k of [...this.svgs.keys()]) if (k.startsWith(`${id}/`)) this.svgs.delete(k);
    this.onForget?.(id);
  }
}

function touch<V>(map: Map<string, V>, key: string, value: V): V {
  map.delete(key);
  map.set(key, value);
  return value;
}

function put<V>(map: Map<string, V>, key: string, value: V, size: number): V {
  map.set(key, value);
  while (map.size > size) map.delete(map.keys().next().value!);
  return value;
}
