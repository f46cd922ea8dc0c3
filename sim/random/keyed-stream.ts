import type { Stream } from "./stream.js";

/**
 * A counter-based uniform stream: the k-th draw at position (a, b) is a hash of the stream's
 * key, a, b and k. Moving to a position with {@link KeyedStream.at} costs nothing, and what is
 * drawn at one position never depends on what was drawn at any other. The model keys a case's
 * own draws by (case, purpose) and a session's did-not-attend draw by (case, session), so that
 * a change elsewhere (staffing, a label, a rejection sampler taking more uniforms for one case)
 * cannot shift the numbers another case or session gets: common random numbers that survive
 * changes of order and count.
 *
 * The hash is the 32-bit `lowbias32` finaliser (Wellons, 2018) applied over the words in turn,
 * with a golden-ratio increment between them; outputs are (h + 0.5) · 2^-32, strictly inside
 * (0, 1). Cost: a dozen integer operations a draw, no allocation.
 *
 * @example
 * const dna = new KeyedStream(0x9e3779b9, 7);
 * dna.at(12, 3).next(); // the same value on every run, whatever was drawn before
 */
export class KeyedStream implements Stream {
  private declare k0: number;
  private declare k1: number;
  private declare a: number;
  private declare b: number;
  private declare k: number;
  /** The hash of the key words, and of the key words and the current position (see `next`). */
  private declare hKey: number;
  private declare hAt: number;

  /**
   * @param key0 first 32-bit key word (any number; only its low 32 bits are used).
   * @param key1 second 32-bit key word.
   */
  constructor(key0: number, key1: number) {
    this.k0 = key0 | 0;
    this.k1 = key1 | 0;
    this.a = 0;
    this.b = 0;
    this.k = 0;
    this.hKey = mix(this.k0 ^ mix((this.k1 + 0x9e3779b9) | 0));
    this.hAt = 0;
    this.hAt = positionHash(this.hKey, 0, 0);
  }

  /** Moves to position (a, b) and restarts its counter; returns this stream. a, b: integers. */
  at(a: number, b = 0): this {
    this.a = a | 0;
    this.b = b | 0;
    this.k = 0;
    this.hAt = positionHash(this.hKey, this.a, this.b);
    return this;
  }

  /**
   * The first uniform at position (a, b): what `at(a, b).next()` gives, without moving the
   * stream (for a caller that draws one number per position).
   */
  first(a: number, b: number): number {
    const h = mix((positionHash(this.hKey, a | 0, b | 0) + 0x632be5ab) | 0);
    return ((h >>> 0) + 0.5) * 2.3283064365386963e-10;
  }

  /**
   * The next uniform in (0, 1) at the current position. The words are hashed in turn (key,
   * a, b, counter); the prefix up to b changes only with the position, so it is kept.
   */
  next(): number {
    const h = mix((this.hAt + this.k++ + 0x632be5ab) | 0);
    return ((h >>> 0) + 0.5) * 2.3283064365386963e-10;
  }
}

/** The hash of the key hash and position (a, b): the words before the counter. */
function positionHash(hKey: number, a: number, b: number): number {
  return mix((mix((hKey + a + 0x9e3779b9) | 0) + b + 0x7f4a7c15) | 0);
}

/**
 * The finaliser over one 32-bit word. Callers pass sums wrapped to 32 bits (`| 0`): the same
 * word the shifts and `Math.imul` would read from the exact sum, kept in integer arithmetic.
 */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x;
}
