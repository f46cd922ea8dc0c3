/**
 * The model's per-case events (triage outcomes, consent, withdrawal, the end of a group wait)
 * kept in lists by whole day instead of one by one in the engine's heap. They all fall on
 * whole days at the engine's priority 0, where the engine runs them in the order they were
 * scheduled; here each day's list is in that order too, and one engine event at (day,
 * priority 0) runs the whole list, so every event runs exactly when and in the order it would
 * have. The heap then holds a few events a day instead of every pending case's, and a case's
 * event costs a list append instead of two heap sifts.
 */

import type { EventHandler, EventKind, Simulation } from "../engine/index.js";

/** Handle of a queued event, for {@link DayQueue.cancel}. */
export type DayEventHandle = number;

/** Handle space per entry (as the engine's): a handle is generation × GEN + entry. */
const GEN = 67_108_864;

/**
 * Events by whole day, run through one engine event per day that has any.
 *
 * @example
 * const q = new DayQueue(sim, 365);
 * const consent = q.defineEvent((id) => run.consent(id, sim.now));
 * q.at(12, consent, 7); // case 7's consent on day 12, after the events already queued for day 12
 */
export class DayQueue {
  /** Events run (cancelled ones not counted). */
  executed = 0;
  /** Engine events used to run the lists (see {@link eventsOf}). */
  drains = 0;
  private readonly sim: Simulation;
  private readonly horizon: number;
  private readonly handlers: EventHandler[] = [];
  private readonly drainKind: EventKind;
  /** First and last entry of each day's list (-1: empty), and whether its engine event is pending. */
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly pending: Uint8Array;
  /** Entries: next in the day's list (or in the free list), kind (-1: cancelled), argument, generation. */
  private next = new Int32Array(1024);
  private kind = new Int32Array(1024);
  private arg = new Int32Array(1024);
  private gen = new Int32Array(1024);
  private free = -1;
  private used = 0;

  /**
   * @param sim the engine whose clock and calendar run the lists.
   * @param horizon days 0 … horizon − 1 are run; an event queued for a later day never runs
   *   (as an engine event after the run's end), so it is not kept.
   */
  constructor(sim: Simulation, horizon: number) {
    this.sim = sim;
    this.horizon = horizon;
    this.head = new Int32Array(Math.max(0, horizon)).fill(-1);
    this.tail = new Int32Array(Math.max(0, horizon)).fill(-1);
    this.pending = new Uint8Array(Math.max(0, horizon));
    this.drainKind = sim.defineEvent("day-queue", (d) => this.drain(d));
  }

  /** Registers an event kind; its handler receives the event's argument (a whole number). */
  defineEvent(handler: EventHandler): EventKind {
    this.handlers.push(handler);
    return this.handlers.length - 1;
  }

  /**
   * Queues an event on whole day `day` (>= the engine's now), after those already queued for it.
   * @returns a handle for {@link cancel}, or -1 when the day lies beyond the horizon.
   */
  at(day: number, kind: EventKind, arg: number): DayEventHandle {
    if (day >= this.horizon) return -1;
    let e = this.free;
    if (e >= 0) this.free = this.next[e];
    else {
      if (this.used === this.next.length) this.grow();
      e = this.used++;
    }
    this.next[e] = -1;
    this.kind[e] = kind;
    this.arg[e] = arg;
    const last = this.tail[day];
    if (last >= 0) this.next[last] = e;
    else this.head[day] = e;
    this.tail[day] = e;
    if (this.pending[day] === 0) {
      this.pending[day] = 1;
      this.sim.at(day, this.drainKind, day, 0);
    }
    return this.gen[e] * GEN + e;
  }

  /** Cancels a queued event; a handle of one already run or cancelled is ignored. */
  cancel(handle: DayEventHandle): void {
    if (handle < 0) return;
    const e = handle % GEN;
    if (this.gen[e] === (handle - e) / GEN) this.kind[e] = -1;
  }

  /** The engine's count of events run, with each day list's one engine event counted as the events it ran. */
  eventsOf(sim: Simulation): number {
    return sim.eventsExecuted - this.drains + this.executed;
  }

  /** Runs day d's list, including events queued for d while it runs. */
  private drain(d: number): void {
    this.drains++;
    for (let e = this.head[d]; e >= 0; e = this.head[d]) {
      this.head[d] = this.next[e];
      if (this.head[d] < 0) this.tail[d] = -1;
      const kind = this.kind[e];
      const arg = this.arg[e];
      // The entry is free (and its handle stale) before its handler runs, as the engine's are.
      this.gen[e] = (this.gen[e] + 1) & (GEN - 1);
      this.next[e] = this.free;
      this.free = e;
      if (kind < 0) continue;
      this.executed++;
      this.handlers[kind](arg);
    }
    this.pending[d] = 0;
  }

  private grow(): void {
    const m = this.next.length * 2;
    const wider = (a: Int32Array) => {
      const b = new Int32Array(m);
      b.set(a);
      return b;
    };
    this.next = wider(this.next);
    this.kind = wider(this.kind);
    this.arg = wider(this.arg);
    this.gen = wider(this.gen);
  }
}
