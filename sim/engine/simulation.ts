import { EventCalendar, PRIORITY_MAX, PRIORITY_MIN, priorityError, type EventHandle } from "./event-calendar.js";

/** An event handler receives the number the event was scheduled with (an entity id, say). */
export type EventHandler = (arg: number) => void;

/** Integer id of an event kind, returned by {@link Simulation.defineEvent}. */
export type EventKind = number;

/**
 * A discrete-event simulation clock and calendar.
 *
 * Event kinds are registered once with a handler; scheduling then passes only numbers
 * (time, kind, argument, priority), so the hot path creates no closures or objects. Events
 * at the same time run in ascending priority, then in the order they were scheduled.
 * Priorities are whole numbers from -1024 to 1023. Time is in whatever unit the model
 * chooses (the MHST model uses days).
 *
 * @example
 * const sim = new Simulation();
 * const ping = sim.defineEvent("ping", (n) => { if (n < 3) sim.after(1, ping, n + 1); });
 * sim.at(0, ping, 0);
 * sim.run(); // runs pings at 0, 1, 2 and 3
 */
export class Simulation {
  // `declare`: the constructor creates every field with its final type (see EventCalendar).
  /** Current simulated time. */
  declare now: number;
  /** Number of events executed so far. */
  declare eventsExecuted: number;
  private declare readonly calendar: EventCalendar;
  private declare readonly handlers: EventHandler[];
  private declare readonly names: string[];

  constructor(options: { initialCapacity?: number; startTime?: number } = {}) {
    // A fractional value first gives the field V8's double representation from the start. A
    // field created holding a small integer changes representation at the first fractional
    // time, and every function already optimised against the old shape deoptimises.
    this.now = 0.5;
    this.now = options.startTime ?? 0;
    this.eventsExecuted = 0;
    this.calendar = new EventCalendar(options.initialCapacity ?? 1024);
    this.handlers = [];
    this.names = [];
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
   *   the priority is not a whole number from -1024 to 1023.
   */
  at(time: number, kind: EventKind, arg = 0, priority = 0): EventHandle {
    // One combined test; the messages are built out of line (see scheduleError).
    if (!(time >= this.now && this.valid(kind, priority))) throw this.scheduleError("Simulation.at", time, kind, priority);
    const io = this.calendar.io;
    io[0] = time;
    io[1] = arg;
    this.calendar.insert(priority, kind);
    return io[2];
  }

  /**
   * Schedules an event after a delay from now.
   * @throws RangeError when the delay is negative or not a number, the kind is unknown, or the
   *   priority is not a whole number from -1024 to 1023.
   */
  after(delay: number, kind: EventKind, arg = 0, priority = 0): EventHandle {
    // The hot path, kept short so that V8 inlines it into model handlers. The doubles go to
    // the calendar through its io registers, not as arguments (see EventCalendar.insert).
    if (!(delay >= 0 && this.valid(kind, priority))) throw this.scheduleError("Simulation.after", delay, kind, priority);
    const io = this.calendar.io;
    io[0] = this.now + delay;
    io[1] = arg;
    this.calendar.insert(priority, kind);
    return io[2];
  }

  /** A registered kind, and a priority that packs into the calendar's key. */
  private valid(kind: number, priority: number): boolean {
    // Short on purpose (V8 inlines by bytecode size): a kind that is not a whole number in
    // range finds no handler, and a priority is whole when `| 0` keeps it, in range when
    // shifting it by 1024 lands in [0, 2048).
    return this.handlers[kind] !== undefined && (priority | 0) === priority && ((priority - PRIORITY_MIN) >>> 0) <= PRIORITY_MAX - PRIORITY_MIN;
  }

  /** The error for a rejected at/after: `when` is the time (at) or the delay (after). */
  private scheduleError(where: string, when: number, kind: number, priority: number): RangeError {
    if (where === "Simulation.at") {
      if (!(when >= this.now)) return new RangeError(`${where}: time ${when} must be a number >= now (${this.now})`);
    } else if (!(when >= 0)) return new RangeError(`${where}: delay ${when} must be a number >= 0`);
    if (this.handlers[kind] === undefined) return new RangeError(`${where}: unknown event kind ${kind}`);
    return new RangeError(priorityError(where, priority));
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
    cal.settle();
    if (cal.size === 0) return false;
    // The event is read and removed before its handler runs, so the handler may schedule freely.
    this.now = cal.hTime[0];
    const kind = cal.hKind[0];
    const arg = cal.hArg[0];
    cal.removeTop();
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
    // `until !== until` rather than Number.isNaN: no property lookup to record feedback for
    // (run's first call starts before V8 collects any, so code optimised later would deoptimise
    // on the next call).
    if (until !== until) throw new RangeError("Simulation.run: until must be a number");
    const executed = this.loop(until);
    if (until !== Infinity && until > this.now) this.now = until;
    return executed;
  }

  /**
   * The event loop of {@link run}, in a method of its own that ends with the loop. V8 optimises
   * the loop while it runs (on-stack replacement) and reuses that code in later runs; an
   * operation after the loop would have had no recorded feedback when the code was built, so
   * every run would deoptimise at its end and begin the next in unoptimised code. Here nothing
   * follows the loop, and run's own few operations after it have run before V8 optimises run.
   */
  private loop(until: number): number {
    let executed = 0;
    const cal = this.calendar;
    const handlers = this.handlers;
    cal.settle();
    while (cal.size > 0) {
      // The top is read in place and handed out (its handle goes stale) before the handler
      // runs; it leaves the heap when the handler schedules its first event, which takes its
      // slot in one sift (most handlers schedule one), or else just after the handler.
      const t = cal.hTime[0];
      if (t > until) break;
      const kind = cal.hKind[0];
      const arg = cal.hArg[0];
      cal.takeTop();
      this.now = t;
      this.eventsExecuted++;
      executed++;
      handlers[kind](arg);
      cal.settle();
    }
    return executed;
  }

  /** Drops every pending event (the clock stays where it is). */
  clear(): void {
    this.calendar.clear();
  }
}
