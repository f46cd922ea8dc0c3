/**
 * Largest replication count whose value arrays are allocated whole up front; V8 keeps a
 * longer `new Array(n)` as a dictionary, so those grow as values come instead.
 */
const PREALLOCATE = 16_000;

/**
 * One KPI's values across an experiment's replications, kept in the very array that becomes
 * the result row's `values`: a plain array of unboxed numbers (8 bytes a value) while it is
 * filled, handed over by {@link take} with nulls where a replication gave no finite value.
 * Building the result then copies nothing, so an experiment holds each value once.
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
  private values: (number | null)[];
  /** Whether a value so far was not a whole number in the 32-bit range. */
  private float = false;

  /** @param replications values the array will hold (replications 0..replications−1). */
  constructor(private readonly replications: number) {
    // Filled with NaN (read back as null, as a missing value is), the array holds unboxed
    // doubles from the start: an empty array turning into one when its first fraction comes
    // leaves its first storage behind, which for a national experiment grew the heap by a
    // hundred megabytes.
    this.values = replications <= PREALLOCATE ? new Array<number | null>(replications).fill(NaN) : [];
  }

  /** Stores replication `r`'s value (0 <= r < replications). */
  set(r: number, v: number): void {
    if (!this.float) {
      if (Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff) v = v === 0 ? 0 : v;
      else this.float = true;
    }
    this.values[r] = v;
  }

  /**
   * The values in replication order, null where a replication gave none or a non-finite one.
   * The array is handed over: the column is empty afterwards.
   */
  take(): (number | null)[] {
    const out = this.values;
    this.values = [];
    for (let r = 0; r < this.replications; r++) {
      const v = out[r];
      if (v === undefined || (v !== null && !Number.isFinite(v))) out[r] = null;
    }
    return out;
  }
}
