/**
 * A scenario's model as bytes (V8's serialisation, the format worker threads exchange values
 * in): what the event loop keeps of a run's model instead of the model's object graph. The
 * scenario thread that checked the scenario packs it into shared memory; the simulation
 * threads are handed those bytes (shared, not copied) and each unpacks the model itself. The
 * event loop works from the model's {@link RunShape} and never unpacks the model of a run
 * saved by the result thread: for national-2025 that would hold it up for about 80 ms.
 */
import { deserialize, serialize } from "node:v8";
import type { ScopedModel } from "../sim/experiment/types.js";
import type { ServiceModel } from "../sim/model/config.js";
import { sharedCopy, withModelBytes } from "../sim/experiment/pool.js";
import { scopesOf, type RunShape } from "./run-shape.js";
import type { SchoolRow, SchoolsOf } from "./school-results.js";

/**
 * The model as bytes in a SharedArrayBuffer: posted to another thread, they are shared, not
 * copied (the event loop, the result thread and every simulation thread read the same memory).
 * @example const bytes = packModel(model); // a few kilobytes for a team of 20 schools
 */
export function packModel(model: ServiceModel): Uint8Array {
  return sharedCopy(serialize(model));
}

/**
 * A fresh model from {@link packModel}'s bytes: equal to the packed one, field for field, so a
 * run of it gives the same result bit for bit. The bytes stay with it, so that the simulation
 * threads are sent them instead of a second serialisation.
 * @throws Error when the bytes are not a serialised value.
 * @example const model = unpackModel(prepared.modelBytes);
 */
export function unpackModel(bytes: Uint8Array): ServiceModel {
  return withModelBytes(deserialize(bytes) as ServiceModel, bytes);
}

/**
 * A packed model as a run hands it to the engine: its shape and its bytes, no model. The
 * worker pool sends the bytes to its threads (see withModelBytes); an experiment reduced on
 * this thread reads the scopes from the shape; per-school results read its school rows.
 * @example const model = new PackedModel(prepared.shape, prepared.modelBytes);
 */
export class PackedModel implements ScopedModel, SchoolsOf {
  readonly name: string;
  readonly schoolCount: number;
  private scopes: ScopedModel | undefined;

  constructor(
    readonly shape: RunShape,
    readonly bytes: Uint8Array,
  ) {
    this.name = shape.name;
    this.schoolCount = shape.schoolCount;
    withModelBytes(this, bytes);
  }

  get teams(): ScopedModel["teams"] {
    return (this.scopes ??= scopesOf(this.shape)).teams;
  }

  get clusters(): ScopedModel["clusters"] {
    return (this.scopes ??= scopesOf(this.shape)).clusters;
  }

  /** @throws Error for a model of more schools than per-school results are kept for (see schoolNote). */
  get schools(): readonly SchoolRow[] {
    if (!this.shape.schools) throw new Error(`PackedModel: the rows of ${this.schoolCount} schools are not kept (more than per-school results take)`);
    return this.shape.schools;
  }
}

/**
 * The whole model of an engine's model: a {@link PackedModel} unpacked (on the calling
 * thread), any other as it is. For an engine that sends the model elsewhere whole (the Redis
 * queue); the local pool needs only the bytes.
 * @example const models = jobModels.map(wholeModel);
 */
export function wholeModel<M extends ScopedModel>(model: M): M | ServiceModel {
  return model instanceof PackedModel ? unpackModel(model.bytes) : model;
}
