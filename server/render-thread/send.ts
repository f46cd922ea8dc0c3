/**
 * Sends a rendered chart or report as Express sends the string or buffer it came from, whether
 * it was drawn on the event loop or came from the render thread as bytes.
 */
import { createHash } from "node:crypto";
import type { Response } from "express";
import type { Rendered, WireRendered } from "./protocol.js";

/**
 * Sends `rendered` with status 200: its headers, its Content-Type, its body (a string as UTF-8).
 * @example sendRendered(res, { type: "image/svg+xml", headers: [], body: svg })
 */
export function sendRendered(res: Response, rendered: Rendered): void {
  for (const [name, value] of rendered.headers) res.setHeader(name, value);
  const { body } = rendered;
  res.type(rendered.type).send(typeof body === "string" || Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}

/**
 * A rendered answer from the render thread as the event loop sends it: the bytes wrapped, not
 * copied, and a text body's Content-Type given the `charset=utf-8` that sending a string adds.
 */
export function fromWire(wire: WireRendered): Rendered {
  const type = wire.text && !/;\s*charset=/i.test(wire.type) ? `${wire.type}; charset=utf-8` : wire.type;
  return { type, headers: wire.headers, body: Buffer.from(wire.bytes.buffer, wire.bytes.byteOffset, wire.bytes.byteLength) };
}

/**
 * A rendered answer as bytes for the event loop (see {@link fromWire}), with its ETag, and the
 * buffer to move there: a body with a buffer of its own is moved as it is, one that shares a
 * buffer (a small Buffer from Node's pool, or one a native library holds) is copied first.
 */
export function toWire(rendered: Rendered): { wire: WireRendered; transfer: ArrayBuffer[] } {
  const text = typeof rendered.body === "string";
  let bytes = typeof rendered.body === "string" ? new TextEncoder().encode(rendered.body) : rendered.body;
  if (!(bytes.buffer instanceof ArrayBuffer) || bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength) bytes = new Uint8Array(bytes);
  const headers = [...rendered.headers, ["ETag", weakEtag(bytes)] as const];
  return { wire: { type: rendered.type, headers, bytes, text }, transfer: [bytes.buffer as ArrayBuffer] };
}

/**
 * The weak ETag Express gives a body it sends (its default `etag` setting: length in hex and
 * the SHA-1's first 27 base64 characters), computed where the body is drawn: hashing tens of
 * megabytes on the event loop takes a good part of a second. Express keeps an ETag already set.
 */
function weakEtag(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"';
  return `W/"${bytes.length.toString(16)}-${createHash("sha1").update(bytes).digest("base64").slice(0, 27)}"`;
}
