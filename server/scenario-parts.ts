/**
 * What a stored result takes from its scenario besides the experiments: display labels, the
 * time axis and the capacity cross-check. The scenario thread that prepares a run packs them
 * (V8's serialisation, in shared memory); the event loop keeps and forwards the bytes, and the
 * result thread unpacks them where it builds the result. For national-2025 they are about
 * 0.9 MB (the capacity check's rows for 3,035 clusters): received as objects they would hold up
 * the event loop for about 13 ms, and again for about 40 ms when posted on to the result thread.
 */
import { deserialize, serialize } from "node:v8";
import type { CapacityAnalysis } from "../sim/capacity/index.js";
import { sharedCopy } from "../sim/experiment/pool.js";
import type { Labels } from "./charts/stored.js";
import type { TimeAxis } from "./charts/time-axis.js";

/** A scenario's part of its stored result. */
export interface ScenarioParts {
  readonly labels: Labels;
  /** Calendar dates and school holidays of its weeks, for time axes. */
  readonly axis: TimeAxis;
  /** The capacity cross-check, when asked for. */
  readonly capacity?: CapacityAnalysis;
}

/**
 * The parts as bytes in a SharedArrayBuffer (posted to another thread, shared, not copied).
 * @example const bytes = packParts({ labels, axis });
 */
export function packParts(parts: ScenarioParts): Uint8Array {
  return sharedCopy(serialize(parts));
}

/**
 * The parts from {@link packParts}'s bytes.
 * @throws Error when the bytes are not a serialised value.
 * @example const { labels } = unpackParts(prepared.parts);
 */
export function unpackParts(bytes: Uint8Array): ScenarioParts {
  return deserialize(bytes) as ScenarioParts;
}
