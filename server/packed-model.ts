/**
 * A scenario's model as bytes (V8's serialisation, the format worker threads exchange values
 * in): what a queued run keeps on the event loop instead of the model's object graph. The
 * scenario thread that checked the scenario packs it and hands the bytes over without a copy;
 * the run unpacks it once, when it starts. Twenty queued runs then hold twenty byte arrays,
 * which the garbage collector neither traces nor copies, rather than twenty live models.
 */
import { deserialize, serialize } from "node:v8";
import type { ServiceModel } from "../sim/model/config.js";
import { withModelBytes } from "../sim/experiment/pool.js";

/**
 * The model as bytes that own their whole buffer (so that it can be moved to another thread).
 * @example const bytes = packModel(model); // a few kilobytes for a team of 20 schools
 */
export function packModel(model: ServiceModel): Uint8Array {
  const bytes = serialize(model);
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? new Uint8Array(bytes.buffer) : new Uint8Array(bytes);
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
