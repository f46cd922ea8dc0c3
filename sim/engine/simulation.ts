import { EventCalendar, type EventHandle } from "./event-calendar.js";

/** An event handler receives the number the event was scheduled with (an entity id, say). */
export type EventHandler = (arg: number) => void;

/** Integer id of an event kind, returned by {@link Simulation.defineEvent}. */
export type EventKind = number;

/**
 * A discrete-event simulation clock and calendar.
 *
 * Event kinds are registered once with a handler; scheduling then passes only numbers
 * (time, kind, argument, priority), so the hot path creates no closures or objects. Events
 * at the same time run in ascending priority, then in the order they were scheduled. Time
 * is in whatever unit the model chooses (the MHST model uses days).
 *
 * @example
 * const sim = new Simulation();
 * const ping = sim.defineEvent("ping", (n) => { if (n < 3) sim.after(1, ping, n + 1); });
 * sim.at(0, ping, 0);
 * sim.run(); // runs pings at 0, 1, 2 and 3
 */
export class Simulation {
  /** Current simulated time. */
  now = 0;
  /** Number of events executed so far. */
  eventsExecuted = 0;
  private readonly calendar: EventCalendar;
  private readonly handlers: EventHandler[] = [];
  private readonly names: string[] = [];

  constructor(options: { initialCapacity?: number; startTime?: number } = {}) {
    this.calendar = new EventCalendar(options.initialCapacity ?? 1024);
    this.now = options.startTime ?? 0;
  }

  /**
   * Registers an event kind and its handler.
   * @throws TypeError when the handler is not a function.
   */
  defineEvent(name: string, handler: EventHandler): EventKind {
    if (typeof handler !== "function") throw new TypeError(`Simulation.defineEvent: handler for "${name}" must be a function`);
    this.handlers.push(handler);
    this.names.push(name);
    return this.handlers.length - 1;
  }

  /** Name an event kind was registered with. */
  eventName(kind: EventKind): string {
    return this.names[kind] ?? `#${kind}`;
  }

  /**
   * Schedules an event at an absolute time; lower priority values run first among equal times.
   * @throws RangeError when the time is not a number, lies in the past, the kind is unknown, or
   *   the priority is NaN.
   */
  at(time: number, kind: EventKind, arg = 0, priority = 0): EventHandle {
    if (!(time >= this.now)) {
      throw new RangeError(`Simulation.at: time ${time} must be a number >= now (${this.now})`);
    }
    if (!((kind | 0) === kind && kind >= 0 && kind < this.handlers.length)) throw new RangeError(`Simulation.at: unknown event kind ${kind}`);
    // A NaN priority would compare neither before nor after anything and corrupt the heap order.
    if (priority !== priority) throw new RangeError(`Simulation.at: priority ${priority} must be a number`);
    return this.calendar.push(time, priority, kind, arg);
  }

  /**
   * Schedules an event after a delay from now.
   * @throws RangeError when the delay is negative or not a number, the kind is unknown, or the
   *   priority is NaN.
   */
  after(delay: number, kind: EventKind, arg = 0, priority = 0): EventHandle {
    if (!(delay >= 0)) throw new RangeError(`Simulation.after: delay ${delay} must be a number >= 0`);
    // The checks of `at` minus the time test, which a delay >= 0 always passes: this is the hot path.
    if (!((kind | 0) === kind && kind >= 0 && kind < this.handlers.length)) throw new RangeError(`Simulation.after: unknown event kind ${kind}`);
    // A NaN priority would compare neither before nor after anything and corrupt the heap order.
    if (priority !== priority) throw new RangeError(`Simulation.after: priority ${priority} must be a number`);
    return this.calendar.push(this.now + delay, priority, kind, arg);
  }

  /** Cancels a pending event; returns false when it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    return this.calendar.cancel(handle);
  }

  /** True while the event is still pending. */
  isPending(handle: EventHandle): boolean {
    return this.calendar.isPending(handle);
  }

  /** Number of pending events. */
  get pending(): number {
    return this.calendar.length;
  }

  /** Time of the next pending event, or Infinity. */
  peekTime(): number {
    return this.calendar.peekTime();
  }

  /** Runs the next event; returns false when none is pending. */
  step(): boolean {
    const cal = this.calendar;
    const r = cal.popMin();
    if (r < 0) return false;
    // The record is detached before its handler runs, so the handler may schedule freely.
    this.now = cal.time(r);
    const kind = cal.kind(r);
    const arg = cal.arg(r);
    this.eventsExecuted++;
    this.handlers[kind](arg);
    return true;
  }

  /**
   * Runs events until none is pending, or until the next event lies beyond `until`; then sets
   * the clock to `until` when given. Events at exactly `until` do run.
   * @returns the number of events executed by this call.
   */
  run(until = Infinity): number {
    if (Number.isNaN(until)) throw new RangeError("Simulation.run: until must be a number");
    const start = this.eventsExecuted;
    const cal = this.calendar;
    const handlers = this.handlers;
    while (cal.length > 0 && cal.peekTime() <= until) {
      const r = cal.popMin();
      this.now = cal.time(r);
      const kind = cal.kind(r);
      const arg = cal.arg(r);
      this.eventsExecuted++;
      handlers[kind](arg);
    }
    if (until !== Infinity && until > this.now) this.now = until;
    return this.eventsExecuted - start;
  }

  /** Drops every pending event (the clock stays where it is). */
  clear(): void {
    this.calendar.clear();
  }
}
