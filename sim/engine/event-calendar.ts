/**
 * The event calendar: a binary min-heap of pending events ordered by
 * (time, priority, insertion sequence).
 *
 * The heap stores each event's fields in heap order, in parallel typed arrays (time, key,
 * kind, argument, id), so a sift moves the fields themselves and never chases a record index.
 * Priority and sequence share one exact Float64 key, so a tie on time costs one comparison.
 * Scheduling and firing allocate nothing once the arrays have grown to the peak number of
 * pending events. Equal times resolve by the lower priority first, then by the order of
 * scheduling, so a run is fully determined by its inputs.
 */

/** Handle of a scheduled event, used to cancel it. Stale handles are detected and ignored. */
export type EventHandle = number;

// A handle packs (generation, id); 2^26 ids is far above any realistic peak.
const INDEX_SPACE = 67_108_864;

/**
 * Lowest allowed event priority. Priorities are whole numbers so that they pack, with the
 * scheduling sequence, into one exact key.
 * @example
 * sim.at(7, week, 1, PRIORITY_MIN); // before anything else at day 7
 */
export const PRIORITY_MIN = -1024;
/**
 * Highest allowed event priority.
 * @example
 * sim.at(7, report, 0, PRIORITY_MAX); // after everything else at day 7
 */
export const PRIORITY_MAX = 1023;
// key = (priority − PRIORITY_MIN)·2^42 + sequence: below 2^53, so every key is an exact double
// and comparing keys compares (priority, sequence) lexicographically.
const SEQ_SPACE = 4_398_046_511_104;

/**
 * Error message for a priority outside the packable range, or undefined when it is valid.
 * `where` names the method (`Simulation.at`).
 */
export function priorityError(where: string, priority: number): string | undefined {
  if (priority !== priority) return `${where}: priority ${priority} must be a number`;
  if (!(priority >= PRIORITY_MIN && priority <= PRIORITY_MAX && Math.floor(priority) === priority)) {
    return `${where}: priority ${priority} must be a whole number from ${PRIORITY_MIN} to ${PRIORITY_MAX}`;
  }
  return undefined;
}

/**
 * Binary heap of pending events on typed arrays.
 *
 * Cost: O(log n) to push, pop and cancel; memory proportional to the peak number of
 * pending events, not to the number ever scheduled. Priorities are whole numbers from
 * {@link PRIORITY_MIN} to {@link PRIORITY_MAX}.
 *
 * @example
 * const cal = new EventCalendar();
 * cal.push(2.5, 0, 1, 42);
 * cal.popMin(); // slot index; read cal.time(i), cal.kind(i), cal.arg(i)
 */
export class EventCalendar {
  // `declare`: no class-field definitions are emitted, so each field is created by the
  // constructor with its final type; a field first defined as `undefined` would get V8's
  // generic representation.
  private declare cap: number;
  // The heap, field by field, in heap order. Engine internals: Simulation reads the top.
  /** @internal */ declare hTime: Float64Array;
  /** @internal */ declare hKey: Float64Array;
  /** @internal */ declare hKind: Int32Array;
  /** @internal */ declare hArg: Float64Array;
  /** @internal */ declare hId: Int32Array;
  /** Heap slot of each live id, for cancel. */
  private declare slotOf: Int32Array;
  /** Generation of each id; bumped when the id is freed, so old handles go stale. */
  private declare gens: Int32Array;
  private declare freeIds: Int32Array;
  private declare nFree: number;
  private declare nextId: number;
  /** @internal Number of events in the heap (one more than pending while `fired` is set). */ declare size: number;
  /**
   * @internal 1 while slot 0 holds an event already handed to its handler (see
   * {@link takeTop}): the first event scheduled meanwhile replaces it in one sift.
   */
  declare fired: number;
  private declare seq: number;
  /** @internal In/out registers of {@link insert}: time, argument, handle. */
  declare io: Float64Array;

  constructor(initialCapacity = 1024) {
    // One spare slot: popMin parks the popped event just past the heap.
    const cap = Math.max(16, initialCapacity | 0);
    this.cap = cap;
    this.hTime = new Float64Array(cap);
    this.hKey = new Float64Array(cap);
    this.hKind = new Int32Array(cap);
    this.hArg = new Float64Array(cap);
    this.hId = new Int32Array(cap);
    this.slotOf = new Int32Array(cap).fill(-1);
    this.gens = new Int32Array(cap);
    this.freeIds = new Int32Array(cap);
    this.nFree = 0;
    this.nextId = 0;
    this.addIds(cap);
    this.size = 0;
    this.fired = 0;
    this.seq = 0;
    this.io = new Float64Array(3);
  }

  /** Number of pending events. */
  get length(): number {
    this.settle();
    return this.size;
  }

  /** Time of the earliest pending event, or Infinity when none is pending. */
  peekTime(): number {
    this.settle();
    return this.size === 0 ? Infinity : this.hTime[0];
  }

  /**
   * Adds an event and returns its handle. The caller validates the time.
   * @throws RangeError when the priority is not a whole number from -1024 to 1023.
   */
  push(time: number, priority: number, kind: number, arg: number): EventHandle {
    const bad = priorityError("EventCalendar.push", priority);
    if (bad !== undefined) throw new RangeError(bad);
    this.io[0] = time;
    this.io[1] = arg;
    this.insert(priority, kind);
    return this.io[2];
  }

  /**
   * @internal push without the priority check, for callers that validated it. The time and
   * the argument come in `io[0]` and `io[1]` and the handle goes out in `io[2]`: V8 boxes a
   * double passed to or returned from a method it does not inline (an allocation per event),
   * and this method is too long to be inlined everywhere; small integers pass unboxed.
   */
  insert(priority: number, kind: number): void {
    const time = this.io[0];
    const arg = this.io[1];
    // Every id is made free up front (addIds), so the only other path is growth: a branch that
    // a fresh calendar never takes, and so never deoptimises code compiled on an earlier one.
    if (this.nFree === 0) this.grow();
    const id = this.freeIds[--this.nFree];
    if (this.seq === SEQ_SPACE) this.renumber();
    const key = (priority - PRIORITY_MIN) * SEQ_SPACE + this.seq++;
    if (this.fired !== 0) {
      // Slot 0 holds the event being handled: the new one takes its place and sifts down, one
      // sift instead of a removal and an insertion. The heap holds the same events as after
      // those two, so events still come out in the same order.
      this.fired = 0;
      this.hTime[0] = time;
      this.hKey[0] = key;
      this.hKind[0] = kind;
      this.hArg[0] = arg;
      this.hId[0] = id;
      this.siftDown(0, 0);
      this.io[2] = this.gens[id] * INDEX_SPACE + id;
      return;
    }
    // The sift is written out here rather than called: V8 boxes a double passed to a method
    // it does not inline, and this keeps insert small enough to be inlined into its callers.
    const ht = this.hTime;
    const hk = this.hKey;
    const hn = this.hKind;
    const ha = this.hArg;
    const hi = this.hId;
    const slotOf = this.slotOf;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const tp = ht[p];
      // Keys are unique, so "not before the parent" is "after it".
      if (time > tp || (time === tp && key > hk[p])) break;
      ht[i] = tp;
      hk[i] = hk[p];
      hn[i] = hn[p];
      ha[i] = ha[p];
      const q = hi[p];
      hi[i] = q;
      slotOf[q] = i;
      i = p;
    }
    ht[i] = time;
    hk[i] = key;
    hn[i] = kind;
    ha[i] = arg;
    hi[i] = id;
    slotOf[id] = i;
    this.io[2] = this.gens[id] * INDEX_SPACE + id;
  }

  /** Frees the ids from nextId up to cap − 2; the last slot stays spare for popMin. */
  private addIds(cap: number): void {
    // Pushed in reverse so that ids are handed out in increasing order.
    for (let id = cap - 2; id >= this.nextId; id--) this.freeIds[this.nFree++] = id;
    this.nextId = cap - 1;
  }

  /**
   * Removes the earliest event and returns a slot index, which stays readable through
   * {@link time}, {@link kind} and {@link arg} until the next push. Returns -1 when empty.
   */
  popMin(): number {
    this.settle();
    const n = this.size;
    if (n === 0) return -1;
    const t = this.hTime[0];
    const key = this.hKey[0];
    const kind = this.hKind[0];
    const arg = this.hArg[0];
    const id = this.hId[0];
    this.removeTop();
    // Park the popped event in the slot the heap just gave up (kept free by `grow`).
    const s = this.size;
    this.hTime[s] = t;
    this.hKey[s] = key;
    this.hKind[s] = kind;
    this.hArg[s] = arg;
    this.hId[s] = id;
    return s;
  }

  /**
   * @internal Hands out the earliest event, which the caller has read (size > 0): its handle
   * goes stale now, but it stays in slot 0 until {@link settle} or the next insert replaces it.
   */
  takeTop(): void {
    this.free(this.hId[0]);
    this.fired = 1;
  }

  /** @internal Removes an event handed out by {@link takeTop} and not replaced. */
  settle(): void {
    if (this.fired === 0) return;
    this.fired = 0;
    const last = --this.size;
    if (last > 0) this.siftDown(0, last);
  }

  /** @internal Drops the earliest event; the caller has read it and checked size > 0. */
  removeTop(): void {
    const id = this.hId[0];
    this.free(id);
    const last = --this.size;
    if (last > 0) this.siftDown(0, last);
  }

  /** Cancels a pending event; false when it already fired, was cancelled, or never existed. */
  cancel(handle: EventHandle): boolean {
    if (!this.isPending(handle)) return false;
    this.settle();
    const id = handle % INDEX_SPACE;
    const i = this.slotOf[id];
    this.free(id);
    const last = --this.size;
    if (i !== last) {
      const tl = this.hTime[last];
      const p = (i - 1) >> 1;
      if (i > 0 && (tl < this.hTime[p] || (tl === this.hTime[p] && this.hKey[last] < this.hKey[p]))) {
        this.moveTo(last, i);
        this.siftUp(i);
      } else this.siftDown(i, last);
    }
    return true;
  }

  /** True while the event behind the handle is still pending. */
  isPending(handle: EventHandle): boolean {
    if (!(handle >= 0 && handle < INDEX_SPACE * INDEX_SPACE)) return false;
    const id = handle % INDEX_SPACE;
    const g = (handle - id) / INDEX_SPACE;
    return id < this.nextId && this.gens[id] === g && this.slotOf[id] >= 0;
  }

  /** Time of a slot returned by {@link popMin}. */
  time(slot: number): number {
    return this.hTime[slot];
  }

  /** Kind of a slot returned by {@link popMin}. */
  kind(slot: number): number {
    return this.hKind[slot];
  }

  /** Argument of a slot returned by {@link popMin}. */
  arg(slot: number): number {
    return this.hArg[slot];
  }

  /** Removes every pending event. */
  clear(): void {
    this.settle();
    for (let i = 0; i < this.size; i++) this.free(this.hId[i]);
    this.size = 0;
  }

  private free(id: number): void {
    this.slotOf[id] = -1;
    // A new generation makes every old handle to this id stale.
    this.gens[id] = (this.gens[id] + 1) & (INDEX_SPACE - 1);
    this.freeIds[this.nFree++] = id;
  }

  private moveTo(from: number, to: number): void {
    this.hTime[to] = this.hTime[from];
    this.hKey[to] = this.hKey[from];
    this.hKind[to] = this.hKind[from];
    this.hArg[to] = this.hArg[from];
    const id = this.hId[from];
    this.hId[to] = id;
    this.slotOf[id] = to;
  }

  /** Moves the event at slot i up to its place. */
  private siftUp(i: number): void {
    const ht = this.hTime;
    const hk = this.hKey;
    const hn = this.hKind;
    const ha = this.hArg;
    const hi = this.hId;
    const slotOf = this.slotOf;
    const t = ht[i];
    const key = hk[i];
    const kind = hn[i];
    const arg = ha[i];
    const id = hi[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const tp = ht[p];
      // Keys are unique, so "not before the parent" is "after it".
      if (t > tp || (t === tp && key > hk[p])) break;
      ht[i] = tp;
      hk[i] = hk[p];
      hn[i] = hn[p];
      ha[i] = ha[p];
      const q = hi[p];
      hi[i] = q;
      slotOf[q] = i;
      i = p;
    }
    ht[i] = t;
    hk[i] = key;
    hn[i] = kind;
    ha[i] = arg;
    hi[i] = id;
    slotOf[id] = i;
  }

  /** Places the event now at slot `from` (at or past the heap's end) at slot i or below it. */
  private siftDown(i: number, from: number): void {
    const ht = this.hTime;
    const hk = this.hKey;
    const hn = this.hKind;
    const ha = this.hArg;
    const hi = this.hId;
    const slotOf = this.slotOf;
    const n = this.size;
    const t = ht[from];
    const key = hk[from];
    const kind = hn[from];
    const arg = ha[from];
    const id = hi[from];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let m = l;
      let tm = ht[l];
      const r = l + 1;
      if (r < n) {
        const tr = ht[r];
        if (tr < tm || (tr === tm && hk[r] < hk[l])) {
          m = r;
          tm = tr;
        }
      }
      if (tm > t || (tm === t && hk[m] > key)) break;
      ht[i] = tm;
      hk[i] = hk[m];
      hn[i] = hn[m];
      ha[i] = ha[m];
      const q = hi[m];
      hi[i] = q;
      slotOf[q] = i;
      i = m;
    }
    ht[i] = t;
    hk[i] = key;
    hn[i] = kind;
    ha[i] = arg;
    hi[i] = id;
    slotOf[id] = i;
  }

  /**
   * Renumbers the sequence part of every pending key as 0, 1, 2, … in the same order, once
   * 2^42 events have been scheduled; the next event gets the next number. The order of keys,
   * and so the heap, is unchanged.
   */
  private renumber(): void {
    const n = this.size;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (this.hKey[a] % SEQ_SPACE) - (this.hKey[b] % SEQ_SPACE));
    order.forEach((slot, rank) => {
      const k = this.hKey[slot];
      this.hKey[slot] = k - (k % SEQ_SPACE) + rank;
    });
    this.seq = n;
  }

  private grow(): void {
    const cap = this.cap * 2;
    if (cap > INDEX_SPACE) throw new RangeError(`EventCalendar: more than ${INDEX_SPACE - 1} pending events`);
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.hTime = f64(this.hTime);
    this.hKey = f64(this.hKey);
    this.hArg = f64(this.hArg);
    this.hKind = i32(this.hKind);
    this.hId = i32(this.hId);
    this.gens = i32(this.gens);
    this.freeIds = i32(this.freeIds);
    const slotOf = new Int32Array(cap).fill(-1);
    slotOf.set(this.slotOf);
    this.slotOf = slotOf;
    this.cap = cap;
    this.addIds(cap);
  }
}
