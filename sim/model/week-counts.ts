/**
 * A run's weekly counters for every week, kept in the narrowest whole-number type that holds
 * them: 8 bits while every count is 0..255, then 16 bits (0..65535), then 32-bit signed. Rows
 * are written a week at a time, when the week closes, from a 32-bit scratch row (see
 * {@link Recorder}), so the simulation's own writes never pay for a range check. A recorder
 * of a service small enough writes a store made 32-bit from the start in place instead.
 *
 * For a national service (3,000 clusters, 4,000 practitioners, three school years) the
 * counters take about 22 MB in 8 bits against 86 MB in 32; a count that does not fit widens
 * the whole store once (one copy), so what is read back is always the number written.
 *
 * @example
 * const s = new WeekCounts(2, 3); // 2 weeks of 3 counters
 * s.add(1, Int32Array.of(0, 300, 1)); // week 1; 300 does not fit in 8 bits: widens to 16
 * Array.from(s.data); // [0, 0, 0, 0, 300, 1]
 */
export class WeekCounts {
  /** Week w's counters at w × width … (w + 1) × width − 1. */
  data: Uint8Array | Uint16Array | Int32Array;

  /**
   * @param weeks rows; `width`: counters per row; all start at 0.
   * @param int32 weeks × width zeros to use as the store, 32 bits from the start (a recorder
   *   writing in place), instead of a new 8-bit store.
   */
  constructor(
    readonly weeks: number,
    readonly width: number,
    int32?: Int32Array,
  ) {
    this.data = int32 ?? new Uint8Array(weeks * width);
  }

  /**
   * Adds `row` (one week's counters, `width` long) to week `week`, then zeroes `row`; with
   * `from` and `to`, only the counters at from … to − 1 are added and zeroed. A week
   * outside 0..weeks−1 is ignored (as a write past the end of a typed array is). Counts sum as
   * 32-bit integers, as they would in a 32-bit store.
   */
  add(week: number, row: Int32Array, from = 0, to = this.width): void {
    if (week >= 0 && week < this.weeks) {
      const o = week * this.width;
      // Each store type has an adding loop of its own, so every loop's element access is
      // monomorphic; a loop stops at the first sum its type cannot hold, which widens the store.
      for (let i = from; i < to; i++) {
        const d = this.data;
        i = d instanceof Uint8Array ? add8(d, o, row, i, to) : d instanceof Uint16Array ? add16(d, o, row, i, to) : add32(d, o, row, i, to);
        if (i < to) {
          const v = (d[o + i] + row[i]) | 0;
          this.widen(v)[o + i] = v;
        }
      }
    }
    row.fill(0, from, to);
  }

  /** The counters as 32-bit integers (the store itself from then on, so writes to it are kept). */
  int32(): Int32Array {
    const d = this.data;
    return d instanceof Int32Array ? d : (this.data = Int32Array.from(d));
  }

  private widen(v: number): Uint16Array | Int32Array {
    const d = this.data;
    const wider = d instanceof Uint8Array && v >= 0 && v <= 0xffff ? new Uint16Array(d.length) : new Int32Array(d.length);
    wider.set(d);
    return (this.data = wider);
  }
}

/** Adds row[i..n) into d from offset o; returns the first index whose sum is outside 0..255 (left unwritten), or n. */
function add8(d: Uint8Array, o: number, row: Int32Array, i: number, n: number): number {
  for (; i < n; i++) {
    const r = row[i];
    if (r === 0) continue;
    const v = d[o + i] + r;
    if (v < 0 || v > 0xff) return i;
    d[o + i] = v;
  }
  return n;
}

/** As {@link add8}, for sums in 0..65535. */
function add16(d: Uint16Array, o: number, row: Int32Array, i: number, n: number): number {
  for (; i < n; i++) {
    const r = row[i];
    if (r === 0) continue;
    const v = d[o + i] + r;
    if (v < 0 || v > 0xffff) return i;
    d[o + i] = v;
  }
  return n;
}

/** As {@link add8}, for 32-bit sums (which always fit: they wrap as 32-bit integers). */
function add32(d: Int32Array, o: number, row: Int32Array, i: number, n: number): number {
  for (; i < n; i++) {
    const r = row[i];
    if (r !== 0) d[o + i] = (d[o + i] + r) | 0;
  }
  return n;
}
