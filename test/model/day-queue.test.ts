import { describe, expect, it } from "vitest";
import { Simulation } from "../../sim/engine/index.js";
import { DayQueue } from "../../sim/model/day-queue.js";

describe("DayQueue", () => {
  it("runs a day's events in scheduling order, between the engine's earlier and later priorities", () => {
    const sim = new Simulation();
    const q = new DayQueue(sim, 10);
    const log: string[] = [];
    const ev = q.defineEvent((x) => log.push(`q${x}@${sim.now}`));
    const early = sim.defineEvent("early", (x) => log.push(`e${x}@${sim.now}`));
    const late = sim.defineEvent("late", (x) => {
      log.push(`l${x}@${sim.now}`);
      q.at(sim.now, ev, 9); // queued for today after today's list ran: runs next
    });
    q.at(3, ev, 1);
    sim.at(3, late, 0, 1);
    sim.at(3, early, 0, -2);
    q.at(2, ev, 2);
    q.at(3, ev, 3);
    sim.run(9);
    expect(log).toEqual(["q2@2", "e0@3", "q1@3", "q3@3", "l0@3", "q9@3"]);
    // Four queued events and two engine events ran; the day lists' own engine events are not counted.
    expect(q.eventsOf(sim)).toBe(6);
  });

  it("skips a cancelled event, ignores a stale handle, and keeps nothing beyond the horizon", () => {
    const sim = new Simulation();
    const q = new DayQueue(sim, 5);
    const log: number[] = [];
    const ev = q.defineEvent((x) => log.push(x));
    const a = q.at(1, ev, 1);
    q.at(1, ev, 2);
    expect(q.at(5, ev, 3)).toBe(-1);
    q.cancel(a);
    sim.run(1);
    q.cancel(a); // already spent: its entry is free now, and the next event reuses it
    const b = q.at(2, ev, 4);
    q.cancel(a);
    sim.run(4);
    expect(log).toEqual([2, 4]);
    expect(b).not.toBe(a);
    expect(q.eventsOf(sim)).toBe(2);
  });
});
