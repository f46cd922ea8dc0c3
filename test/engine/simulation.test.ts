import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Simulation } from "../../sim/engine/index.js";

describe("Simulation", () => {
  it("runs same-time events by priority, then scheduling order", () => {
    const sim = new Simulation();
    const log: number[] = [];
    const k = sim.defineEvent("log", (a) => log.push(a));
    sim.at(1, k, 1, 5);
    sim.at(1, k, 2, -1);
    sim.at(1, k, 3, 5);
    sim.at(0.5, k, 4, 9);
    sim.at(1, k, 5, -1);
    sim.run();
    expect(log).toEqual([4, 2, 5, 1, 3]);
  });

  it("executes random schedules in (time, priority, sequence) order, with cancels", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 3 }), fc.boolean()), { maxLength: 100 }),
        (plan) => {
          const sim = new Simulation();
          const got: number[] = [];
          const k = sim.defineEvent("e", (a) => {
            got.push(a);
            expect(sim.now).toBe(plan[a][0]);
          });
          const handles = plan.map(([t, p], i) => sim.at(t, k, i, p));
          plan.forEach(([, , cancel], i) => cancel && sim.cancel(handles[i]));
          sim.run();
          const want = plan
            .map(([t, p, c], i) => ({ t, p, c, i }))
            .filter((e) => !e.c)
            .sort((a, b) => a.t - b.t || a.p - b.p || a.i - b.i)
            .map((e) => e.i);
          expect(got).toEqual(want);
          expect(sim.eventsExecuted).toBe(want.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("lets a handler schedule and cancel while running", () => {
    const sim = new Simulation();
    const log: string[] = [];
    let victim = -1;
    const b = sim.defineEvent("b", () => log.push(`b@${sim.now}`));
    const a = sim.defineEvent("a", (n) => {
      log.push(`a${n}@${sim.now}`);
      if (n < 2) sim.after(1, a, n + 1);
      if (n === 0) expect(sim.cancel(victim)).toBe(true);
      expect(sim.cancel(victim)).toBe(false); // stale from here on
    });
    victim = sim.at(1.5, b);
    sim.at(0, a, 0);
    sim.at(3, b);
    expect(sim.run()).toBe(4);
    expect(log).toEqual(["a0@0", "a1@1", "a2@2", "b@3"]);
  });

  it("run(until) stops before later events, runs events at exactly until, and moves the clock", () => {
    const sim = new Simulation();
    const log: number[] = [];
    const k = sim.defineEvent("k", (a) => log.push(a));
    sim.at(1, k, 1);
    sim.at(2, k, 2);
    sim.at(3, k, 3);
    expect(sim.run(2)).toBe(2);
    expect(sim.now).toBe(2);
    expect(sim.pending).toBe(1);
    expect(sim.peekTime()).toBe(3);
    expect(sim.run(2.5)).toBe(0);
    expect(sim.now).toBe(2.5);
    sim.run();
    expect(log).toEqual([1, 2, 3]);
    expect(sim.now).toBe(3);
  });

  it("step runs one event at a time", () => {
    const sim = new Simulation({ startTime: 10 });
    const k = sim.defineEvent("k", () => {});
    sim.after(1, k);
    sim.after(2, k);
    expect(sim.step()).toBe(true);
    expect(sim.now).toBe(11);
    expect(sim.step()).toBe(true);
    expect(sim.step()).toBe(false);
    expect(sim.eventsExecuted).toBe(2);
  });

  it("isPending follows a handle; clear drops everything", () => {
    const sim = new Simulation();
    const k = sim.defineEvent("k", () => {});
    const h = sim.at(1, k);
    expect(sim.isPending(h)).toBe(true);
    sim.clear();
    expect(sim.isPending(h)).toBe(false);
    expect(sim.pending).toBe(0);
    expect(sim.run()).toBe(0);
  });

  it("rejects bad times, delays, kinds and handlers with messages naming the method", () => {
    const sim = new Simulation({ startTime: 5 });
    const k = sim.defineEvent("k", () => {});
    expect(() => sim.at(4, k)).toThrow(/Simulation\.at: time 4 must be a number >= now \(5\)/);
    expect(() => sim.at(NaN, k)).toThrow(RangeError);
    expect(() => sim.after(-1, k)).toThrow(/Simulation\.after: delay -1/);
    expect(() => sim.at(6, 99)).toThrow(/unknown event kind 99/);
    expect(() => sim.after(1, 0.5)).toThrow(/Simulation\.after: unknown event kind 0.5/);
    expect(() => sim.at(6, k, 0, NaN)).toThrow(/Simulation\.at: priority NaN must be a number/);
    expect(() => sim.after(1, k, 0, NaN)).toThrow(/priority NaN/);
    expect(() => sim.run(NaN)).toThrow(/until/);
    expect(() => sim.defineEvent("x", 3 as unknown as () => void)).toThrow(TypeError);
    expect(sim.eventName(k)).toBe("k");
  });

  it("accepts whole-number priorities from -1024 to 1023 and rejects others with a clear message", () => {
    const sim = new Simulation();
    const log: number[] = [];
    const k = sim.defineEvent("k", (a) => log.push(a));
    sim.at(1, k, 1, 1023);
    sim.at(1, k, 2, -1024);
    expect(() => sim.at(1, k, 0, 1.5)).toThrow(/Simulation\.at: priority 1\.5 must be a whole number from -1024 to 1023/);
    expect(() => sim.after(1, k, 0, 5000)).toThrow(/Simulation\.after: priority 5000 must be a whole number from -1024 to 1023/);
    expect(() => sim.at(1, 7)).toThrow(/Simulation\.at: unknown event kind 7/);
    sim.run();
    expect(log).toEqual([2, 1]);
  });
});

