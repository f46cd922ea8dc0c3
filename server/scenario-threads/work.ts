/**
 * The pieces of scenario work a scenario thread does, by kind, and what each gives: loading
 * and checking, a run's preparation, the editor's field edits, reading an uncertainty block.
 */
import type { UncertainFactor } from "../../sim/experiment/sensitivity/factors.js";
import { editForApi, loadForApi, uncertaintyForApi, type EditRequest, type Loaded, type LoadRequest, type UncertaintyRequest } from "./load.js";
import { prepareRunForApi, type PreparedScenario, type PrepareRunRequest } from "./prepare-run.js";

/** A piece of scenario work for a thread, by kind. */
export type ThreadRequest =
  | ({ readonly op: "load" } & LoadRequest)
  | ({ readonly op: "run" } & PrepareRunRequest)
  | ({ readonly op: "edit" } & EditRequest)
  | ({ readonly op: "uncertainty" } & UncertaintyRequest);

/** What each kind of work gives. */
export interface ThreadResults {
  readonly load: Loaded;
  readonly run: PreparedScenario;
  readonly edit: string;
  readonly uncertainty: UncertainFactor[];
}

/** Does one piece of scenario work (on whichever thread calls it). */
export function doScenarioWork(req: ThreadRequest): ThreadResults[ThreadRequest["op"]] {
  switch (req.op) {
    case "load":
      return loadForApi(req);
    case "run":
      return prepareRunForApi(req);
    case "edit":
      return editForApi(req);
    case "uncertainty":
      return uncertaintyForApi(req);
  }
}

/**
 * The buffers of a work's value that move to the requesting thread rather than being copied: a
 * prepared run's model bytes.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const bytes = value !== null && typeof value === "object" ? (value as Partial<PreparedScenario>).modelBytes : undefined;
  return bytes instanceof Uint8Array && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
}
