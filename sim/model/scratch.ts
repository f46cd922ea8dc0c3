/**
 * Scratch columns that a thread reuses from one replication to the next. A national run's
 * scratch (the order in which its referrals enter the case table, the waits the KPIs sort)
 * comes to tens of MiB; allocated afresh each run, it is garbage that only a full collection
 * frees, and a full collection between runs throws away the optimised code (see the
 * benchmark notes in the README). A column is valid only until its slot is asked for again.
 * Columns live at the same time have slots of their own; the referral order's live only
 * within drawReferrals and the waits only within one KPI pass, so the waits reuse two of the
 * referral order's slots (their memory is kept once, not twice).
 */

/** The uses of a scratch column: the slot each takes. */
export const enum ScratchUse {
  SerialOf = 0,
  PartOfDrawn = 1,
  Drawn = 2,
  IdOf = 3,
  WaitOf = 0,
  WaitCluster = 1,
}

/**
 * Whether memory kept from the last run, `have` units, serves a run that needs `need`: large
 * enough and not more than twice the size (the rule for the case table's buffer too).
 */
export const reusable = (have: number, need: number): boolean => have >= need && have <= 2 * need;

/** The room to make for `n` units: 5 % to spare, as the next replication of a model needs about as many. */
export const roomFor = (n: number): number => Math.ceil(n * 1.05) + 64;

const kept: (Int32Array | undefined)[] = [];

/** An Int32 column of `n` zeros for `use`, in the memory its slot kept when that is {@link reusable}. */
export function scratchInt32(use: ScratchUse, n: number): Int32Array {
  let a = kept[use];
  if (a === undefined || !reusable(a.length, n)) {
    a = new Int32Array(roomFor(n));
    kept[use] = a;
    return a.subarray(0, n);
  }
  const view = a.subarray(0, n);
  view.fill(0);
  return view;
}

/** Lets go of every kept scratch column (a thread that goes idle calls it; see dropSpareBuffers). */
export function dropScratch(): void {
  kept.length = 0;
}

/** Smallest buffer that {@link handBack} detaches: below it, the collector's own pace does. */
const HAND_BACK_BYTES = 256 * 1024;

/**
 * Hands the memory of typed arrays that nothing will read again back at once, instead of at
 * the next full collection. A national run's per-run columns (the recorder's weekly counters,
 * the raw referrals, the KPIs' sorted waits and weekly series, the split into parts) come to
 * about 89 MiB a thread; left to the collector they pile up until its next full collection,
 * and a full collection forced between runs would throw away the optimised code (see the
 * worker's notes). Each buffer is detached by a structured clone that takes it over: the
 * clone is garbage at once and, young, goes at the next minor collection. The arrays then read as
 * empty, and so does every other view of their buffers: hand back only arrays whose whole
 * buffer is the caller's. Buffers under 256 KiB are left alone.
 * @example handBack(raw.day, raw.school) // raw.day.length === 0 afterwards
 */
export function handBack(...arrays: readonly ArrayBufferView[]): void {
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) {
    const b = a.buffer;
    if (b instanceof ArrayBuffer && b.byteLength >= HAND_BACK_BYTES) buffers.add(b);
  }
  if (buffers.size > 0) structuredClone(null, { transfer: [...buffers] });
}
