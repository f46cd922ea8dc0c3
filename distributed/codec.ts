/**
 * How models and replication results travel through Redis: V8's structured serialisation
 * (numbers bit for bit, NaN, typed arrays and Dates included, which JSON would lose),
 * deflated, as base64 text inside the job's JSON.
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { deserialize, serialize } from "node:v8";

/**
 * Packs a structured-cloneable value as text. Weekly counts stored as doubles compress well,
 * so the fastest deflate level is used.
 * @example decode(encode({ x: NaN })) // { x: NaN }
 */
export function encode(value: unknown): string {
  return deflateRawSync(serialize(value), { level: 1 }).toString("base64");
}

/**
 * Unpacks {@link encode}'s text.
 * @throws Error when the text is not an encoded value.
 */
export function decode<T>(text: string): T {
  return deserialize(inflateRawSync(Buffer.from(text, "base64"))) as T;
}
