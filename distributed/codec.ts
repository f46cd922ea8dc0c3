/**
 * How models and replication results travel through Redis: V8's structured serialisation
 * (numbers bit for bit, NaN, typed arrays and Dates included, which JSON would lose), with
 * arrays of whole numbers written half a byte a value, as base64 text inside the job's JSON.
 *
 * A block's results are mostly weekly counts and wait histograms per cluster, sent as 16-bit
 * (or 32-bit) arrays whose values are nearly all below 15. Written half a byte a value, with
 * the few larger values listed apart, they take about a quarter of the bytes, with no deflate:
 * a block of four trailblazer-wave replications (3 school years) took 11 ms to encode and
 * 10 ms to decode instead of 45 and 20 with the whole serialisation deflated, in 1.42 MB of
 * text instead of 1.03 MB. Workers and submitters of different code versions never exchange
 * blocks (see code-version.ts), so the format needs no version of its own.
 */
import { DefaultDeserializer, DefaultSerializer } from "node:v8";

/** Tag before each host object (typed array): written by V8 as usual, or byte-packed. */
const PLAIN = 0;
const PACKED_U16 = 1;
const PACKED_I32 = 2;
/** Arrays shorter than this are written as V8 writes them. */
const MIN_PACKED = 256;
/** Half-byte that marks a value listed apart (it and larger values, and negative ones). */
const APART = 15;

// Node's serialiser hooks, which its type declarations leave out.
type Hooks = { _writeHostObject(object: object): void; _readHostObject(): unknown };
const Serializer = DefaultSerializer as unknown as new () => DefaultSerializer & Hooks;
const Deserializer = DefaultDeserializer as unknown as new (data: Uint8Array) => DefaultDeserializer & Hooks;

class PackingSerializer extends Serializer {
  override _writeHostObject(object: object): void {
    if ((object instanceof Uint16Array || object instanceof Int32Array) && object.length >= MIN_PACKED) {
      this.writeUint32(object instanceof Uint16Array ? PACKED_U16 : PACKED_I32);
      writePacked(this, object);
      return;
    }
    this.writeUint32(PLAIN);
    super._writeHostObject(object);
  }
}

class PackingDeserializer extends Deserializer {
  override _readHostObject(): unknown {
    const tag = this.readUint32();
    if (tag === PACKED_U16) return readPacked(this, new Uint16Array(this.readUint32()));
    if (tag === PACKED_I32) return readPacked(this, new Int32Array(this.readUint32()));
    if (tag === PLAIN) return super._readHostObject();
    throw new Error(`decode: unknown typed-array tag ${tag}`);
  }
}

/** Writes the length, half a byte a value (APART for a value listed apart), then the values listed apart. */
function writePacked(ser: DefaultSerializer, a: Uint16Array | Int32Array): void {
  const n = a.length;
  const nibbles = new Uint8Array((n + 1) >> 1);
  let apart = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    let q = v;
    if (!(v >= 0 && v < APART)) {
      q = APART;
      apart++;
    }
    nibbles[i >> 1] |= (i & 1) === 0 ? q : q << 4;
  }
  const big = new Int32Array(apart);
  for (let i = 0, k = 0; k < apart; i++) {
    const v = a[i];
    if (!(v >= 0 && v < APART)) big[k++] = v;
  }
  ser.writeUint32(n);
  ser.writeUint32(apart);
  ser.writeRawBytes(nibbles);
  ser.writeRawBytes(new Uint8Array(big.buffer));
}

function readPacked<A extends Uint16Array | Int32Array>(de: DefaultDeserializer, out: A): A {
  const n = out.length;
  const apart = de.readUint32();
  const nibbles = de.readRawBytes((n + 1) >> 1) as Buffer;
  // Raw bytes may sit at any offset: copied into an aligned buffer before being read as 32-bit.
  const big = new Int32Array(new Uint8Array(de.readRawBytes(apart * 4) as Buffer).buffer);
  for (let i = 0, k = 0; i < n; i++) {
    const q = (i & 1) === 0 ? nibbles[i >> 1] & 15 : nibbles[i >> 1] >> 4;
    out[i] = q === APART ? big[k++] : q;
  }
  return out;
}

/** `v8.serialize(value)` with 16- and 32-bit arrays of 256 values or more written half a byte a value (see above). */
export function serialisePacked(value: unknown): Buffer {
  const ser = new PackingSerializer();
  ser.writeHeader();
  ser.writeValue(value);
  return ser.releaseBuffer();
}

/**
 * Packs a structured-cloneable value as text.
 * @example decode(encode({ x: NaN })) // { x: NaN }
 */
export function encode(value: unknown): string {
  return serialisePacked(value).toString("base64");
}

/**
 * Unpacks {@link encode}'s text.
 * @throws Error when the text is not an encoded value.
 */
export function decode<T>(text: string): T {
  const de = new PackingDeserializer(Buffer.from(text, "base64"));
  de.readHeader();
  return de.readValue() as T;
}
