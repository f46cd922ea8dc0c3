import type { EventHandle } from "./event-calendar.js";
import type { EventKind, Simulation } from "./simulation.js";

/** Options of a {@link Resource}. */
export interface ResourceOptions {
  /** Name used in error messages and by event kinds. */
  name?: string;
  /** Units that can be held at once (servers, case slots). Whole number >= 0. */
  capacity: number;
  /** Number of priority classes; class 0 is served first. Default 1. */
  classes?: number;
  /**
   * When true, a request that fits the free units may be served while an earlier, larger
   * request still waits (backfilling). Default false: strict priority-then-FIFO order.
   */
  backfill?: boolean;
  /** Called when a request is granted: the entity, the units it holds and how long it waited. */
  onGrant: (entity: number, units: number, waited: number) => void;
  /** Called when a waiting entity's patience runs out and it leaves the line. */
  onRenege?: (entity: number, waited: number) => void;
}

/**
 * A multi-unit resource with a priority waiting line: FIFO within a class, lower classes
 * first, optional reneging (a waiting entity leaves when its patience runs out) and requests
 * for several units at once (a group session holding 2–3 case slots).
 *
 * Entities are plain numbers (indices into the model's own arrays); the line lives in pooled
 * typed arrays, so a request and a release allocate nothing in steady state. Time-weighted
 * busy units and line length are integrated as the state changes.
 *
 * @example
 * const servers = new Resource(sim, { capacity: 2, onGrant: (e) => sim.after(1, done, e) });
 * servers.request(7); // granted at once: onGrant(7, 1, 0)
 */
export class Resource {
  readonly name: string;
  private cap: number;
  private busy = 0;
  private readonly classes: number;
  private readonly backfill: boolean;
  /** One class, strict order: the line is plain FIFO. */
  private readonly fifo: boolean;
  private readonly sim: Simulation;
  private readonly onGrant: ResourceOptions["onGrant"];
  private readonly onRenege: ResourceOptions["onRenege"];
  private readonly renegeKind: EventKind;

  // Line entries. In FIFO mode (one class, strict order) the entry arrays are themselves the
  // ring buffer: an entry's index is its place in the line, so a request and a grant touch no
  // free list and no ring of indices. Otherwise entries are pooled and each class has a ring
  // of entry indices.
  private eEntity = new Float64Array(64);
  private eUnits = new Int32Array(64);
  private eTime = new Float64Array(64);
  private eRenege = new Float64Array(64);
  private eAlive = new Uint8Array(64);
  // Stack of free entry indices.
  private eFree = new Int32Array(64);
  private nFree = 0;
  private eNext = 0;
  // One ring buffer of entry indices per class. Ring lengths are powers of two, so a
  // position wraps with a mask instead of an integer division.
  private rings: Int32Array[];
  private heads: Int32Array;
  private counts: Int32Array;
  private waitingAlive = 0;
  // FIFO mode: entry index of the head, number of entries (live or dead) in the line, and the
  // ticket of the head. Tickets count requests that ever waited; a renege event carries its
  // entry's ticket, which stays valid when the ring grows and its entries move.
  private fHead = 0;
  private fCount = 0;
  private fTicket = 0;

  // Doubles updated on every change of state. `declare` lets the constructor create them as
  // numbers: a class field defined first as `undefined` gets V8's generic representation, and
  // every double stored into it would then allocate a heap number.
  private declare lastChange: number;
  private declare busyArea: number;
  private declare lineArea: number;
  private declare startTime: number;

  constructor(sim: Simulation, options: ResourceOptions) {
    this.name = options.name ?? "resource";
    checkCapacity(this.name, options.capacity);
    const classes = options.classes ?? 1;
    if (!Number.isInteger(classes) || classes < 1) {
      throw new RangeError(`Resource ${this.name}: classes ${classes} must be a whole number >= 1`);
    }
    this.sim = sim;
    this.cap = options.capacity;
    this.classes = classes;
    this.backfill = options.backfill ?? false;
    this.fifo = classes === 1 && !this.backfill;
    this.onGrant = options.onGrant;
    this.onRenege = options.onRenege;
    this.rings = Array.from({ length: classes }, () => new Int32Array(64));
    this.heads = new Int32Array(classes);
    this.counts = new Int32Array(classes);
    // Fractional values first give the fields a double representation (see Simulation).
    this.lastChange = this.busyArea = this.lineArea = this.startTime = 0.5;
    this.lastChange = sim.now;
    this.busyArea = 0;
    this.lineArea = 0;
    this.startTime = sim.now;
    this.renegeKind = sim.defineEvent(`${this.name}:renege`, (x) => this.renege(this.fifo ? this.fifoEntry(x) : x));
  }

  /** Units that can be held at once. */
  get capacity(): number {
    return this.cap;
  }

  /** Units held now. */
  get inUse(): number {
    return this.busy;
  }

  /** Entities waiting now (all classes, or one class). */
  queueLength(cls?: number): number {
    if (cls === undefined || this.fifo) return this.waitingAlive;
    let n = 0;
    const ring = this.rings[cls];
    for (let k = 0; k < this.counts[cls]; k++) {
      const e = ring[(this.heads[cls] + k) & (ring.length - 1)];
      if (this.eAlive[e]) n++;
    }
    return n;
  }

  /**
   * Asks for `units` units for an entity in priority class `cls`. Granted at once when the
   * line allows it (onGrant runs before this returns); otherwise the entity waits, and with a
   * finite `patience` it leaves after that long (onRenege).
   * A request for more units than the current capacity is accepted and waits until the
   * capacity rises (capacity changes with vacancies); in strict order it holds the line behind it.
   * @returns true when granted at once.
   * @throws RangeError when units is not a whole number >= 1, the class is unknown, or the
   *   patience is negative or NaN.
   */
  request(entity: number, units = 1, cls = 0, patience = Infinity): boolean {
    // Fast path: one unit, class 0, no patience, nobody waiting and a unit free (then no
    // order rule can hold the request back). Kept small so that V8 inlines it.
    if (units === 1 && cls === 0 && patience === Infinity) {
      if (this.waitingAlive === 0 && this.busy < this.cap) {
        this.account(this.sim.now);
        this.busy++;
        this.onGrant(entity, 1, 0);
        return true;
      }
      // A one-class strict line with someone in it, or no unit free: the request must wait.
      if (this.fifo) {
        this.waitFifo(entity, 1);
        return false;
      }
      if (this.busy >= this.cap) {
        this.wait(entity, 1, 0);
        return false;
      }
    }
    return this.requestSlow(entity, units, cls, patience);
  }

  private requestSlow(entity: number, units: number, cls: number, patience: number): boolean {
    if (!(units >= 1 && Number.isInteger(units))) {
      throw new RangeError(`Resource ${this.name}: units ${units} must be a whole number >= 1`);
    }
    if (!(cls >= 0 && cls < this.classes && Number.isInteger(cls))) {
      throw new RangeError(`Resource ${this.name}: class ${cls} must be a whole number in [0, ${this.classes - 1}]`);
    }
    if (!(patience >= 0)) throw new RangeError(`Resource ${this.name}: patience ${patience} must be >= 0`);
    const now = this.sim.now;
    if (this.busy + units <= this.cap && (this.waitingAlive === 0 || (this.backfill || !this.hasWaitingAtOrAbove(cls)))) {
      this.account(now);
      this.busy += units;
      this.onGrant(entity, units, 0);
      return true;
    }
    const e = this.wait(entity, units, cls);
    // In FIFO mode the renege event carries the entry's ticket (see fHead).
    if (patience !== Infinity) this.eRenege[e] = this.sim.after(patience, this.renegeKind, this.fifo ? this.fTicket + this.fCount - 1 : e);
    return false;
  }

  /** Puts a request without patience in its class's line and returns its entry. */
  private wait(entity: number, units: number, cls: number): number {
    if (this.fifo) return this.waitFifo(entity, units);
    const now = this.sim.now;
    const e = this.allocEntry();
    this.eEntity[e] = entity;
    this.eUnits[e] = units;
    this.eTime[e] = now;
    this.eAlive[e] = 1;
    this.eRenege[e] = -1;
    this.enqueue(cls, e);
    this.account(now);
    this.waitingAlive++;
    return e;
  }

  /**
   * Gives back units and grants waiting requests in line order.
   * @throws RangeError when more units are released than are held.
   */
  release(units = 1): void {
    if (!(units >= 0 && units <= this.busy)) throw this.releaseError(units);
    this.account(this.sim.now);
    this.busy -= units;
    // serveFifo directly, not through serve: V8 counts an inlined method's whole bytecode
    // against the caller's budget, and serve's general loop would crowd out the grant handler.
    if (this.waitingAlive > 0) {
      if (this.fifo) this.serveFifo();
      else this.serve();
    }
  }

  private releaseError(units: number): RangeError {
    return new RangeError(`Resource ${this.name}: cannot release ${units} units while ${this.busy} are held`);
  }

  /**
   * Changes the capacity (a post falls vacant or is filled). Holders keep their units; a
   * rise serves waiting requests at once.
   */
  setCapacity(capacity: number): void {
    checkCapacity(this.name, capacity);
    this.account(this.sim.now);
    this.cap = capacity;
    this.serve();
  }

  /** Removes a waiting entity from the line (say, its referral is withdrawn); false when not waiting. */
  withdraw(entity: number): boolean {
    if (this.fifo) {
      for (let k = 0; k < this.fCount; k++) {
        const e = (this.fHead + k) & (this.eEntity.length - 1);
        if (this.eAlive[e] && this.eEntity[e] === entity) {
          this.kill(e);
          this.serve();
          return true;
        }
      }
      return false;
    }
    for (let c = 0; c < this.classes; c++) {
      const ring = this.rings[c];
      for (let k = 0; k < this.counts[c]; k++) {
        const e = ring[(this.heads[c] + k) & (ring.length - 1)];
        if (this.eAlive[e] && this.eEntity[e] === entity) {
          this.kill(e);
          // Like a renege: a withdrawn multi-unit request may have blocked smaller ones behind it.
          this.serve();
          return true;
        }
      }
    }
    return false;
  }

  /** Entities waiting, in the order they would be served. */
  waiting(): number[] {
    const out: number[] = [];
    if (this.fifo) {
      for (let k = 0; k < this.fCount; k++) {
        const e = (this.fHead + k) & (this.eEntity.length - 1);
        if (this.eAlive[e]) out.push(this.eEntity[e]);
      }
      return out;
    }
    for (let c = 0; c < this.classes; c++) {
      const ring = this.rings[c];
      for (let k = 0; k < this.counts[c]; k++) {
        const e = ring[(this.heads[c] + k) & (ring.length - 1)];
        if (this.eAlive[e]) out.push(this.eEntity[e]);
      }
    }
    return out;
  }

  /** Time-average of units held since creation, divided by the capacity (0 when capacity is 0). */
  utilisation(): number {
    this.account(this.sim.now);
    const span = this.sim.now - this.startTime;
    return span > 0 && this.cap > 0 ? this.busyArea / span / this.cap : 0;
  }

  /** Time-average number of entities waiting since creation. */
  meanQueueLength(): number {
    this.account(this.sim.now);
    const span = this.sim.now - this.startTime;
    return span > 0 ? this.lineArea / span : 0;
  }

  /**
   * Restarts the time averages ({@link utilisation}, {@link meanQueueLength}) from now, as at
   * the end of a warm-up period. The line and the units held are untouched.
   *
   * @example
   * sim.run(100); servers.resetStatistics(); sim.run(1100);
   * servers.utilisation(); // over days 100 to 1100 only
   */
  resetStatistics(): void {
    const now = this.sim.now;
    this.busyArea = 0;
    this.lineArea = 0;
    this.lastChange = now;
    this.startTime = now;
  }

  private hasWaitingAtOrAbove(cls: number): boolean {
    if (this.fifo) return this.waitingAlive > 0;
    for (let c = 0; c <= cls; c++) if (this.counts[c] > 0 && this.peekAlive(c) >= 0) return true;
    return false;
  }

  private serve(): void {
    if (this.fifo) {
      this.serveFifo();
      return;
    }
    while (this.waitingAlive > 0) {
      let granted = false;
      for (let c = 0; c < this.classes; c++) {
        const e = this.peekAlive(c);
        if (e < 0) continue;
        if (this.busy + this.eUnits[e] <= this.cap) {
          this.grantHead(c, e);
          granted = true;
          break;
        }
        if (!this.backfill) return;
        // Backfilling: look behind the blocked head for a request that fits.
        const found = this.findFitting(c);
        if (found >= 0) {
          this.grantEntry(found);
          granted = true;
          break;
        }
      }
      if (!granted) return;
    }
  }

  /**
   * {@link serve} for one class in strict order (the common case), written out: grant from
   * the head of the line while the head fits.
   */
  private serveFifo(): void {
    // No accounting step here: every caller (release, setCapacity, kill) has just accounted
    // at this same time, and keeping this method short lets V8 inline the grant handler.
    const now = this.sim.now;
    while (this.fCount > 0) {
      const e = this.fHead;
      const alive = this.eAlive[e] !== 0;
      const units = this.eUnits[e];
      if (alive && this.busy + units > this.cap) return;
      // Re-read the length each time: onGrant may queue a request and so grow the ring.
      this.fHead = (e + 1) & (this.eEntity.length - 1);
      this.fCount--;
      this.fTicket++;
      // A dead entry (reneged or withdrawn) is only dropped from the front.
      if (!alive) continue;
      this.eAlive[e] = 0;
      this.waitingAlive--;
      if (this.eRenege[e] >= 0) this.sim.cancel(this.eRenege[e] as EventHandle);
      this.busy += units;
      this.onGrant(this.eEntity[e], units, now - this.eTime[e]);
    }
  }

  /** FIFO mode: appends a request without patience to the line and returns its entry. */
  private waitFifo(entity: number, units: number): number {
    const now = this.sim.now;
    this.account(now);
    if (this.fCount === this.eEntity.length) this.growFifo();
    const e = (this.fHead + this.fCount++) & (this.eEntity.length - 1);
    this.eEntity[e] = entity;
    this.eUnits[e] = units;
    this.eTime[e] = now;
    this.eAlive[e] = 1;
    this.eRenege[e] = -1;
    this.waitingAlive++;
    return e;
  }

  /** FIFO mode: entry index of a ticket still in the line, or -1 when it has left it. */
  private fifoEntry(ticket: number): number {
    const k = ticket - this.fTicket;
    return k >= 0 && k < this.fCount ? (this.fHead + k) & (this.eEntity.length - 1) : -1;
  }

  private findFitting(c: number): number {
    const ring = this.rings[c];
    const free = this.cap - this.busy;
    for (let k = 0; k < this.counts[c]; k++) {
      const e = ring[(this.heads[c] + k) & (ring.length - 1)];
      if (this.eAlive[e] && this.eUnits[e] <= free) return e;
    }
    return -1;
  }

  /** First live entry of a class, dropping dead ones from the front; -1 when none. */
  private peekAlive(c: number): number {
    const ring = this.rings[c];
    while (this.counts[c] > 0) {
      const e = ring[this.heads[c]];
      if (this.eAlive[e]) return e;
      this.heads[c] = (this.heads[c] + 1) & (ring.length - 1);
      this.counts[c]--;
      this.eFree[this.nFree++] = e;
    }
    return -1;
  }

  private grantHead(c: number, e: number): void {
    const ring = this.rings[c];
    this.heads[c] = (this.heads[c] + 1) & (ring.length - 1);
    this.counts[c]--;
    this.grantEntry(e);
    this.eFree[this.nFree++] = e;
  }

  private grantEntry(e: number): void {
    const now = this.sim.now;
    this.account(now);
    // A granted entry behind the head stays in its ring as dead until it reaches the front.
    this.eAlive[e] = 0;
    this.waitingAlive--;
    if (this.eRenege[e] >= 0) this.sim.cancel(this.eRenege[e] as EventHandle);
    this.busy += this.eUnits[e];
    this.onGrant(this.eEntity[e], this.eUnits[e], now - this.eTime[e]);
  }

  private renege(e: number): void {
    if (e < 0 || !this.eAlive[e]) return;
    this.kill(e);
    this.onRenege?.(this.eEntity[e], this.sim.now - this.eTime[e]);
    // The leaver may have blocked a smaller request behind it.
    this.serve();
  }

  private kill(e: number): void {
    this.account(this.sim.now);
    this.eAlive[e] = 0;
    this.waitingAlive--;
    if (this.eRenege[e] >= 0) this.sim.cancel(this.eRenege[e] as EventHandle);
  }

  private account(now: number): void {
    const dt = now - this.lastChange;
    if (dt > 0) {
      this.busyArea += this.busy * dt;
      this.lineArea += this.waitingAlive * dt;
      this.lastChange = now;
    }
  }

  // Growth lives in its own methods: V8 inlines only small methods, and these run per request.
  private enqueue(c: number, e: number): void {
    if (this.counts[c] === this.rings[c].length) this.growRing(c);
    const ring = this.rings[c];
    ring[(this.heads[c] + this.counts[c]) & (ring.length - 1)] = e;
    this.counts[c]++;
  }

  private growRing(c: number): void {
    const ring = this.rings[c];
    const bigger = new Int32Array(ring.length * 2);
    for (let k = 0; k < this.counts[c]; k++) bigger[k] = ring[(this.heads[c] + k) & (ring.length - 1)];
    this.rings[c] = bigger;
    this.heads[c] = 0;
  }

  private allocEntry(): number {
    if (this.nFree > 0) return this.eFree[--this.nFree];
    if (this.eNext === this.eEntity.length) this.growEntries();
    return this.eNext++;
  }

  /** FIFO mode: doubles the ring, moving the line to start at index 0. */
  private growFifo(): void {
    const n = this.eEntity.length;
    const move = <T extends Float64Array | Int32Array | Uint8Array>(a: T, b: T): T => {
      for (let k = 0; k < this.fCount; k++) b[k] = a[(this.fHead + k) & (n - 1)];
      return b;
    };
    this.eEntity = move(this.eEntity, new Float64Array(2 * n));
    this.eTime = move(this.eTime, new Float64Array(2 * n));
    this.eRenege = move(this.eRenege, new Float64Array(2 * n));
    this.eUnits = move(this.eUnits, new Int32Array(2 * n));
    this.eAlive = move(this.eAlive, new Uint8Array(2 * n));
    this.fHead = 0;
  }

  private growEntries(): void {
    const n = this.eEntity.length * 2;
    const f = new Int32Array(n);
    f.set(this.eFree);
    this.eFree = f;
    this.eEntity = growF64(this.eEntity, n);
    this.eTime = growF64(this.eTime, n);
    this.eRenege = growF64(this.eRenege, n);
    const u = new Int32Array(n);
    u.set(this.eUnits);
    this.eUnits = u;
    const a = new Uint8Array(n);
    a.set(this.eAlive);
    this.eAlive = a;
  }
}

function growF64(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

function checkCapacity(name: string, capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 0) {
    throw new RangeError(`Resource ${name}: capacity ${capacity} must be a whole number >= 0`);
  }
}
