/**
 * The event calendar: a binary min-heap of pending events ordered by
 * (time, priority, insertion sequence).
 *
 * Events live in pooled records held in typed arrays (structure of arrays), and the heap
 * holds record indices, so scheduling and firing an event allocates nothing once the pool
 * has grown to the peak number of pending events. Equal times resolve by the lower
 * priority value first, then by the order of scheduling, so a run is fully determined by
 * its inputs.
 */

/** Handle of a scheduled event, used to cancel it. Stale handles are detected and ignored. */
export type EventHandle = number;

// A handle packs (generation, record index); 2^26 records is far above any realistic peak.
const INDEX_SPACE = 67_108_864;

/**
 * Binary heap of pending events on typed arrays.
 *
 * Cost: O(log n) to push, pop and cancel; memory proportional to the peak number of
 * pending events, not to the number ever scheduled.
 *
 * @example
 * const cal = new EventCalendar();
 * cal.push(2.5, 0, 1, 42);
 * cal.popMin(); // record index; read cal.time(i), cal.kind(i), cal.arg(i)
 */
export class EventCalendar {
  private cap: number;
  private times: Float64Array;
  private prios: Float64Array;
  private seqs: Float64Array;
  private kinds: Int32Array;
  private args: Float64Array;
  private gens: Uint32Array;
  /** Heap position of each record, or -1 when the record is free or already popped. */
  private pos: Int32Array;
  /** Record index at each heap position. */
  private heap: Int32Array;
  // The time of each heap slot, kept in heap order beside `heap`: sifting compares
  // neighbouring keys in one contiguous array instead of chasing record indices.
  private heapTime: Float64Array;
  private free: Int32Array;
  private nFree = 0;
  private nextFresh = 0;
  private size = 0;
  private seq = 0;

  constructor(initialCapacity = 1024) {
    this.cap = Math.max(16, initialCapacity | 0);
    this.times = new Float64Array(this.cap);
    this.prios = new Float64Array(this.cap);
    this.seqs = new Float64Array(this.cap);
    this.kinds = new Int32Array(this.cap);
    this.args = new Float64Array(this.cap);
    this.gens = new Uint32Array(this.cap);
    this.pos = new Int32Array(this.cap).fill(-1);
    this.heap = new Int32Array(this.cap);
    this.heapTime = new Float64Array(this.cap);
    this.free = new Int32Array(this.cap);
  }

  /** Number of pending events. */
  get length(): number {
    return this.size;
  }

  /** Time of the earliest pending event, or Infinity when none is pending. */
  peekTime(): number {
    return this.size === 0 ? Infinity : this.heapTime[0];
  }

  /** Adds an event and returns its handle. The caller validates the time. */
  push(time: number, priority: number, kind: number, arg: number): EventHandle {
    let r: number;
    if (this.nFree > 0) r = this.free[--this.nFree];
    else {
      if (this.nextFresh === this.cap) this.grow();
      r = this.nextFresh++;
    }
    this.times[r] = time;
    this.prios[r] = priority;
    this.seqs[r] = this.seq++;
    this.kinds[r] = kind;
    this.args[r] = arg;
    this.siftUp(this.size++, r, time);
    return this.gens[r] * INDEX_SPACE + r;
  }

  /**
   * Removes the earliest event and returns its record index, which stays readable through
   * {@link time}, {@link kind} and {@link arg} until the next push. Returns -1 when empty.
   */
  popMin(): number {
    const n = this.size;
    if (n === 0) return -1;
    const top = this.heap[0];
    const last = n - 1;
    this.size = last;
    if (last > 0) this.siftDown(0, this.heap[last], this.heapTime[last]);
    this.release(top);
    return top;
  }

  /** Cancels a pending event; false when it already fired, was cancelled, or never existed. */
  cancel(handle: EventHandle): boolean {
    if (!(handle >= 0)) return false;
    const r = handle % INDEX_SPACE;
    const g = (handle - r) / INDEX_SPACE;
    if (r >= this.nextFresh || this.gens[r] !== g || this.pos[r] < 0) return false;
    this.removeAt(this.pos[r]);
    return true;
  }

  /** True while the event behind the handle is still pending. */
  isPending(handle: EventHandle): boolean {
    if (!(handle >= 0)) return false;
    const r = handle % INDEX_SPACE;
    const g = (handle - r) / INDEX_SPACE;
    return r < this.nextFresh && this.gens[r] === g && this.pos[r] >= 0;
  }

  /** Time of a record returned by {@link popMin}. */
  time(record: number): number {
    return this.times[record];
  }

  /** Kind of a record returned by {@link popMin}. */
  kind(record: number): number {
    return this.kinds[record];
  }

  /** Argument of a record returned by {@link popMin}. */
  arg(record: number): number {
    return this.args[record];
  }

  /** Removes every pending event. */
  clear(): void {
    for (let i = 0; i < this.size; i++) this.release(this.heap[i]);
    this.size = 0;
  }

  private release(r: number): void {
    this.pos[r] = -1;
    // A new generation makes every old handle to this record stale.
    // A mask, not %: gens is a Uint32Array, and % on a uint32 may compile to a float modulo.
    this.gens[r] = (this.gens[r] + 1) & (INDEX_SPACE - 1);
    this.free[this.nFree++] = r;
  }

  private removeAt(i: number): void {
    const r = this.heap[i];
    const last = --this.size;
    if (i !== last) {
      const moved = this.heap[last];
      const t = this.heapTime[last];
      if (i > 0 && this.before(moved, t, this.heap[(i - 1) >> 1], this.heapTime[(i - 1) >> 1])) this.siftUp(i, moved, t);
      else this.siftDown(i, moved, t);
    }
    this.release(r);
  }

  /** Whether record a (time ta) comes before record b (time tb): time, then priority, then sequence. */
  private before(a: number, ta: number, b: number, tb: number): boolean {
    if (ta !== tb) return ta < tb;
    const pa = this.prios[a];
    const pb = this.prios[b];
    if (pa !== pb) return pa < pb;
    return this.seqs[a] < this.seqs[b];
  }

  /** Places record r with time t at slot i or above it. */
  private siftUp(i: number, r: number, t: number): void {
    const heap = this.heap;
    const ht = this.heapTime;
    const pos = this.pos;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const tp = ht[p];
      // Inline time test; the full tie-break only runs on equal times.
      if (t > tp || (t === tp && !this.before(r, t, heap[p], tp))) break;
      const q = heap[p];
      heap[i] = q;
      ht[i] = tp;
      pos[q] = i;
      i = p;
    }
    heap[i] = r;
    ht[i] = t;
    pos[r] = i;
  }

  /** Places record r with time t at slot i or below it. */
  private siftDown(i: number, r: number, t: number): void {
    const heap = this.heap;
    const ht = this.heapTime;
    const pos = this.pos;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let m = l;
      let tm = ht[l];
      const rt = l + 1;
      if (rt < n) {
        const tr = ht[rt];
        if (tr < tm || (tr === tm && this.before(heap[rt], tr, heap[l], tm))) {
          m = rt;
          tm = tr;
        }
      }
      if (tm > t || (tm === t && !this.before(heap[m], tm, r, t))) break;
      const q = heap[m];
      heap[i] = q;
      ht[i] = tm;
      pos[q] = i;
      i = m;
    }
    heap[i] = r;
    ht[i] = t;
    pos[r] = i;
  }

  private grow(): void {
    const cap = this.cap * 2;
    if (cap > INDEX_SPACE) throw new RangeError(`EventCalendar: more than ${INDEX_SPACE} pending events`);
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
    this.times = f64(this.times);
    this.prios = f64(this.prios);
    this.seqs = f64(this.seqs);
    this.args = f64(this.args);
    this.heapTime = f64(this.heapTime);
    this.kinds = i32(this.kinds);
    this.heap = i32(this.heap);
    this.free = i32(this.free);
    const gens = new Uint32Array(cap);
    gens.set(this.gens);
    this.gens = gens;
    const pos = new Int32Array(cap).fill(-1);
    pos.set(this.pos);
    this.pos = pos;
    this.cap = cap;
  }
}
