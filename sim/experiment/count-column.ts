/**
 * A fixed-length column of numbers stored as compactly as its values allow: 8-bit unsigned
 * while every value is a whole number in 0..255 (a cluster's weekly waiting list and
 * wait-histogram counts nearly always are), 16-bit unsigned while they are in 0..65535,
 * 32-bit signed while they are whole numbers in that range, else 64-bit floats. A value that
 * does not fit widens the whole column, so what is read back is always the number written (a
 * negative zero reads back as zero).
 *
 * An experiment keeps such counts for every scope, week (or bin) and replication: for a
 * national scenario with every cluster that is hundreds of megabytes as 64-bit floats, an
 * eighth of it in 8 bits. Cost: one store and one comparison a write; widening copies the
 * column once.
 *
 * @example
 * const c = new CountColumn(3);
 * c.set(0, 12); c.set(1, 70000); c.set(2, 0.5);
 * c.copyTo(new Float64Array(3), 0, 3); // [12, 70000, 0.5]
 */
export class CountColumn {
  private data: Uint8Array | Uint16Array | Int32Array | Float64Array;

  /** @param length number of values, all 0 at first. */
  constructor(length: number) {
    this.data = new Uint8Array(length);
  }

  /** Bytes per value at present (1, 2, 4 or 8). */
  get bytesPerValue(): number {
    return this.data.BYTES_PER_ELEMENT;
  }

  /** Writes value `v` at index `i` (0 <= i < length), widening the column when `v` does not fit. */
  set(i: number, v: number): void {
    const d = this.data;
    d[i] = v;
    // A float column holds every number (NaN included); a narrower one reads back what fits.
    if (d[i] !== v && !(d instanceof Float64Array)) {
      this.widen(v);
      this.data[i] = v;
    }
  }

  /** Copies values from..to-1 into `out` from index 0, as 64-bit floats. */
  copyTo(out: Float64Array, from: number, to: number): Float64Array {
    out.set(this.data.subarray(from, to));
    return out;
  }

  /**
   * Writes `count` values from `src` (from index `srcFrom`, one apart) at indices `at`,
   * `at + stride`, `at + 2·stride`…, widening the column as {@link set} does.
   */
  setStrided(at: number, stride: number, src: ArrayLike<number>, srcFrom: number, count: number): void {
    let d = this.data;
    for (let k = 0; k < count; k++) {
      const v = src[srcFrom + k];
      const i = at + k * stride;
      d[i] = v;
      if (d[i] !== v && !(d instanceof Float64Array)) {
        this.widen(v);
        d = this.data;
        d[i] = v;
      }
    }
  }

  /**
   * Values from..to-1 in ascending order, written into `out` from index 0 (as 64-bit floats),
   * exactly what copying them and sorting the copy would give. Whole numbers spanning a
   * modest range (waiting lists and histogram counts do) take a counting sort, several times
   * faster than a comparison sort of a short column; anything else is sorted.
   * @example c.sortedInto(new Float64Array(100), 0, 100) // one week's waiting lists, ascending
   */
  sortedInto(out: Float64Array, from: number, to: number): Float64Array {
    const d = this.data;
    const n = to - from;
    if (n <= 0) return out;
    if (d instanceof Float64Array) {
      for (let i = 0; i < n; i++) out[i] = d[from + i];
      // Only the first n values: a longer target keeps its tail where it is.
      (n === out.length ? out : out.subarray(0, n)).sort();
      return out;
    }
    let lo = d[from];
    let hi = lo;
    for (let i = from + 1; i < to; i++) {
      const v = d[i];
      if (v < lo) lo = v;
      else if (v > hi) hi = v;
    }
    const span = hi - lo + 1;
    if (span > COUNTING_SPAN && span > 4 * n) {
      for (let i = 0; i < n; i++) out[i] = d[from + i];
      (n === out.length ? out : out.subarray(0, n)).sort();
      return out;
    }
    if (tally.length < span) tally = new Int32Array(Math.max(span, 2 * tally.length));
    const t = tally;
    for (let i = from; i < to; i++) t[d[i] - lo]++;
    let at = 0;
    for (let v = 0; v < span; v++) {
      let c = t[v];
      if (c === 0) continue;
      t[v] = 0;
      const x = v + lo;
      while (c-- > 0) out[at++] = x;
    }
    return out;
  }

  private widen(v: number): void {
    const d = this.data;
    const whole = Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff;
    const wider =
      whole && v >= 0 && v <= 0xffff && d instanceof Uint8Array ? new Uint16Array(d.length) : whole && !(d instanceof Int32Array) ? new Int32Array(d.length) : new Float64Array(d.length);
    wider.set(d);
    this.data = wider;
  }
}

/** Widest span of values counted rather than compared in {@link CountColumn.sortedInto} (unless the column is long). */
const COUNTING_SPAN = 4096;
/** Counts of {@link CountColumn.sortedInto}, all zero between calls (each call clears what it used). */
let tally = new Int32Array(256);
