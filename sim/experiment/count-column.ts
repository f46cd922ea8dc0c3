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

  private widen(v: number): void {
    const d = this.data;
    const whole = Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff;
    const wider =
      whole && v >= 0 && v <= 0xffff && d instanceof Uint8Array ? new Uint16Array(d.length) : whole && !(d instanceof Int32Array) ? new Int32Array(d.length) : new Float64Array(d.length);
    wider.set(d);
    this.data = wider;
  }
}
