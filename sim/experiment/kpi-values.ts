/** Marks a replication without a value in a 32-bit column (a value equal to it goes to a float column). */
const MISSING = -0x80000000;

/** Whether `v` is stored in a 32-bit column: a whole number in the 32-bit range other than {@link MISSING} (-0 included, read back as 0). */
const fitsInt32 = (v: number) => (v | 0) === v && v !== MISSING;

/** Longest array built at its full length at once; V8 keeps a longer `new Array(n)` as a dictionary, so those grow instead. */
const PREALLOCATE = 16_000;

/** Smallest and largest chunk a {@link ColumnSlab} allocates (bytes); chunks double from the first to the last. */
const FIRST_CHUNK = 64 * 1024;
const LAST_CHUNK = 4 * 2 ** 20;

/**
 * Fixed-length columns carved out of a few large buffers instead of one allocation each: an
 * experiment keeps a column for every KPI of every scope (124k of them for a national
 * scenario with every team and cluster), so one allocation each would add an allocator
 * header and a buffer object per column. Chunks double in size from 64 KiB to 4 MiB, so a
 * small experiment allocates little. A chunk's memory goes once every column cut from it has.
 */
export class ColumnSlab {
  private buffer: ArrayBuffer | null = null;
  private at = 0;
  private next = FIRST_CHUNK;

  /** A column of `n` 32-bit integers, all 0. */
  int32(n: number): Int32Array {
    const at = this.room(4 * n);
    return new Int32Array(this.buffer!, at, n);
  }

  /** A column of `n` 64-bit floats, all 0. */
  float64(n: number): Float64Array {
    const at = this.room(8 * n);
    return new Float64Array(this.buffer!, at, n);
  }

  /** Offset of `bytes` free bytes in the current chunk (a new chunk when it has not that many left); every column starts on 8 bytes. */
  private room(bytes: number): number {
    if (this.buffer === null || this.at + bytes > this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(Math.max(this.next, bytes));
      this.next = Math.min(LAST_CHUNK, 2 * this.next);
      this.at = 0;
    }
    const at = this.at;
    this.at += Math.ceil(bytes / 8) * 8;
    return at;
  }
}

/**
 * One KPI's values across an experiment's replications, as compactly as they allow: in 32
 * bits while every value so far is a whole number in the 32-bit range (counts always are),
 * else in 64-bit floats. The first value decides; a later value that does not fit copies the
 * column into floats once. Whole-number KPIs thus take half the room of doubles, and none of
 * it is in the JS heap until {@link take} builds the result row's array.
 *
 * A value is stored as {@link CountColumn} would give it back: while every value so far is a
 * whole number in the 32-bit range, a negative zero reads back as zero.
 *
 * @example
 * const v = new KpiValues(3);
 * v.set(0, 2.5); v.set(2, Infinity);
 * v.take(); // [2.5, null, null]
 */
export class KpiValues {
  private ints: Int32Array | null = null;
  private floats: Float64Array | null = null;

  /**
   * @param replications values the column will hold (replications 0..replications−1).
   * @param slab where the column's memory comes from (an experiment shares one across its columns).
   */
  constructor(
    private readonly replications: number,
    private readonly slab: ColumnSlab = new ColumnSlab(),
  ) {}

  /** Stores replication `r`'s value (0 <= r < replications). */
  set(r: number, v: number): void {
    const ints = this.ints;
    if (ints !== null) {
      if (fitsInt32(v)) {
        ints[r] = v;
        return;
      }
      const floats = this.slab.float64(this.replications);
      for (let i = 0; i < ints.length; i++) floats[i] = ints[i] === MISSING ? NaN : ints[i];
      this.floats = floats;
      this.ints = null;
    } else if (this.floats === null) {
      if (fitsInt32(v)) {
        this.ints = this.slab.int32(this.replications).fill(MISSING);
        this.ints[r] = v;
        return;
      }
      this.floats = this.slab.float64(this.replications).fill(NaN);
    }
    this.floats![r] = v;
  }

  /**
   * The values in replication order, null where a replication gave none or a non-finite one,
   * as a new array; the column is empty afterwards.
   */
  take(): (number | null)[] {
    const { ints, floats } = this;
    this.ints = null;
    this.floats = null;
    const n = this.replications;
    // Of the exact length (an array grown by pushing keeps up to half as much again spare),
    // except when so long that V8 would keep it as a dictionary.
    const out: (number | null)[] = n <= PREALLOCATE ? new Array<number | null>(n) : [];
    if (ints !== null) {
      for (let r = 0; r < n; r++) {
        const v = ints[r];
        out[r] = v === MISSING ? null : v;
      }
    } else if (floats !== null) {
      for (let r = 0; r < n; r++) {
        const v = floats[r];
        out[r] = Number.isFinite(v) ? v : null;
      }
    } else {
      for (let r = 0; r < n; r++) out[r] = null;
    }
    return out;
  }
}
