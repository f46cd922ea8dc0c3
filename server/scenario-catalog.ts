import { readFileSync } from "node:fs";
import { listBuiltinScenarios } from "../scenarios/index.js";
import type { CapacityAnalysis } from "../sim/capacity/index.js";
import { buildCalendar, type ServiceModel } from "../sim/model/index.js";
import { timeAxisOf, type Labels, type TimeAxis } from "./charts/index.js";
import { HttpError } from "./http/errors.js";
import type { RunChecks } from "./run-checks.js";
import type { ApiWarning, LoadRequest, PreparedScenario, PreparedSide, ScenarioThreads, SideChecks } from "./scenario-threads/index.js";
import type { ScenarioStore } from "./storage/scenario-store.js";
import { labelsOf } from "./scenario-labels.js";

/** A scenario as the API lists it. */
export interface ScenarioSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly source: "builtin" | "saved";
  /** Built-ins cannot be changed or deleted through the API. */
  readonly readOnly: boolean;
  readonly updatedAt?: string;
}

/** Overrides as the API takes them: CLI-style `path=value` strings, or an object of path to value. */
export type OverridesInput = readonly string[] | Readonly<Record<string, unknown>>;

/** `{ "casework.slotsPerDay": 3 }` → `["casework.slotsPerDay=3"]` (values as YAML flow, which JSON is). */
export function overrideStrings(o: OverridesInput | undefined): string[] {
  if (!o) return [];
  if (Array.isArray(o)) return [...(o as readonly string[])];
  return Object.entries(o).map(([k, v]) => `${k}=${v === null ? "" : typeof v === "string" ? v : JSON.stringify(v)}`);
}

export { scenarioHttpError } from "./scenario-threads/load.js";

/** Where a run's scenario comes from: a catalog id or inline text, with overrides. */
export interface ScenarioSourceInput {
  readonly scenario?: string;
  readonly text?: string;
  readonly overrides?: OverridesInput;
}

/** A scenario loaded for a run. */
export interface LoadedScenario {
  readonly model: ServiceModel;
  readonly name: string;
  readonly labels: Labels;
  /** Calendar dates and school holidays of its weeks, for time axes. */
  readonly axis: TimeAxis;
  /** Id when it came from the catalog. */
  readonly id?: string;
  /** The capacity cross-check, when asked for. */
  readonly capacity?: CapacityAnalysis;
}

/** Display names of a model's clusters and teams (see scenario-labels.ts). */
export { labelsOf };

/**
 * Built-in scenarios (read-only, from scenarios/) and saved ones (SQLite) behind one lookup.
 * Loading and validation are the scenarios module's, on the scenario threads; this only finds the text.
 */
export class ScenarioCatalog {
  /** @param threads where scenario text is parsed and checked (off the event loop). */
  constructor(
    private readonly store: ScenarioStore,
    readonly threads: ScenarioThreads,
  ) {}

  /** The built-ins as listed, read once: they ship with the server and do not change while it runs. */
  private listed: ReturnType<typeof listBuiltinScenarios> | undefined;

  /**
   * The built-in scenarios (id, name, description, file). Their names are read once, at
   * start-up by {@link warm}, not in a run request (each file's name and description only: about
   * 9 ms for the six, where parsing them whole took 90–115 ms on the event loop).
   */
  private builtins() {
    return (this.listed ??= listBuiltinScenarios());
  }

  /** Reads the built-ins' list now (the server's preload), so that no request pays for it. */
  warm(): void {
    this.builtins();
  }

  isBuiltin(id: string): boolean {
    return this.builtins().some((b) => b.id === id);
  }

  list(): ScenarioSummary[] {
    const builtins = this.builtins().map((b) => ({ id: b.id, name: b.name, description: b.description, source: "builtin" as const, readOnly: true }));
    const saved = this.store.list().map((s) => ({ id: s.id, name: s.name, description: s.description, source: "saved" as const, readOnly: false, updatedAt: s.updatedAt }));
    return [...builtins, ...saved];
  }

  /** @returns the summary and source text, or undefined. */
  get(id: string): (ScenarioSummary & { text: string }) | undefined {
    const b = this.builtins().find((s) => s.id === id);
    if (b) return { id: b.id, name: b.name, description: b.description, source: "builtin", readOnly: true, text: readFileSync(b.path, "utf8") };
    const s = this.store.get(id);
    return s && { id: s.id, name: s.name, description: s.description, source: "saved", readOnly: false, updatedAt: s.updatedAt, text: s.text };
  }

  /**
   * Validates scenario text (YAML or JSON) with the scenarios loader, on a scenario thread.
   * @throws (rejects) HttpError 400 with every issue, in the CLI's words.
   */
  async validate(text: string, file: string, overrides: OverridesInput | undefined, prefix = ""): Promise<ServiceModel> {
    return (await this.threads.load({ text, file, overrides: overrideStrings(overrides), issuePrefix: prefix, checkDays: false })).model;
  }

  /** As {@link validate}, with the scenario check's warnings. */
  async validateWithWarnings(text: string, file: string, overrides: OverridesInput | undefined): Promise<{ model: ServiceModel; warnings: readonly ApiWarning[] }> {
    const loaded = await this.threads.load({ text, file, overrides: overrideStrings(overrides), checkDays: false, warnings: true });
    return { model: loaded.model, warnings: loaded.warnings ?? [] };
  }

  /**
   * Loads a run's scenario on a scenario thread: a catalog id or inline text, with overrides,
   * checked against the simulator's day numbers.
   * @param field the request field the source sits in (`""`, `a.`, `b.`), for messages.
   * @param capacityWeeks also the capacity cross-check, clearing the list in this many weeks.
   * @throws (rejects) HttpError 404 for an unknown id; 400 for an invalid scenario or one whose days do not fit.
   */
  async load(src: ScenarioSourceInput, field = "", capacityWeeks?: number): Promise<LoadedScenario> {
    const { id, ...request } = this.loadRequest(src, field, capacityWeeks);
    const { model, capacity } = await this.threads.load(request);
    return { model, name: model.name, labels: labelsOf(model), axis: timeAxisOf(buildCalendar(model.calendar)), ...(id !== undefined ? { id } : {}), ...(capacity ? { capacity } : {}) };
  }

  /**
   * As {@link load}, with a run's checks (warm-up, work estimate, run size), all on a scenario
   * thread, for a run of one scenario: the model comes as bytes (see packModel), and the event
   * loop builds no model, calendar or axis of its own.
   * @throws (rejects) HttpError as {@link load}; 400 or 422 from the run's checks (see checkRun).
   */
  async prepareRun(src: ScenarioSourceInput, checks: RunChecks, capacityWeeks?: number): Promise<PreparedScenario & { readonly id?: string }> {
    const { id, ...request } = this.loadRequest(src, "", capacityWeeks);
    const prepared = await this.threads.prepareRun({ ...request, run: checks });
    return id !== undefined ? { ...prepared, id } : prepared;
  }

  /**
   * As {@link prepareRun}, for one scenario of a comparison or solve: packed, with what the
   * run's checks need of it (its warm-up issue, work estimate and size), which the caller puts
   * together with the other scenario's.
   * @param field the request field the source sits in (`""`, `a.`, `b.`), for messages.
   * @throws (rejects) HttpError as {@link load}.
   */
  async prepareSide(src: ScenarioSourceInput, side: SideChecks, field = "", capacityWeeks?: number): Promise<PreparedSide & { readonly id?: string }> {
    const { id, ...request } = this.loadRequest(src, field, capacityWeeks);
    const prepared = await this.threads.prepareSide({ ...request, side });
    return id !== undefined ? { ...prepared, id } : prepared;
  }

  /** What a scenario thread loads for `src`: its text (a catalog id's, or inline), file name and overrides. @throws HttpError 404. */
  private loadRequest(src: ScenarioSourceInput, field: string, capacityWeeks: number | undefined): LoadRequest & { readonly id?: string } {
    const { text, file, id } = this.source(src, field);
    return { text, file, overrides: overrideStrings(src.overrides), field, ...(capacityWeeks !== undefined ? { capacityWeeks } : {}), ...(id !== undefined ? { id } : {}) };
  }

  /**
   * The text of `src` (a catalog id's, or inline) and the file name messages give it (`<id>.yaml`, or `request`).
   * @param field the request field the source sits in (`""`, `a.`, `b.`), for messages.
   * @throws HttpError 404 for an id that is not a built-in or saved scenario.
   */
  source(src: ScenarioSourceInput, field = ""): { readonly text: string; readonly file: string; readonly id?: string } {
    let text = src.text ?? "";
    let file = "request";
    let id: string | undefined;
    if (src.scenario !== undefined) {
      const found = this.get(src.scenario);
      if (!found) {
        const known = this.list().map((s) => s.id).join(", ");
        throw new HttpError(404, `${field}scenario: ${JSON.stringify(src.scenario)} is not a built-in or saved scenario (known: ${known})`, [
          { path: `${field}scenario`, value: src.scenario, message: `${field}scenario: ${JSON.stringify(src.scenario)} is not a built-in or saved scenario` },
        ]);
      }
      ({ text, id } = found);
      file = `${found.id}.yaml`;
    }
    return id !== undefined ? { text, file, id } : { text, file };
  }
}
