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

  it("keeps (time, priority, sequence) order when handlers schedule, cancel and query while running", () => {
    // Each handler schedules 0–2 events (the first replaces the running one in the heap),
    // may cancel a random earlier handle and checks pending/peekTime against a reference list.
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), fc.integer({ min: 0, max: 3 }), fc.integer({ min: -1, max: 1 }), fc.nat()), { minLength: 1, maxLength: 120 }), (plan) => {
        const sim = new Simulation({ initialCapacity: 16 });
        type Ev = { t: number; p: number; seq: number; id: number; handle: number; done: boolean };
        const all: Ev[] = [];
        let seq = 0;
        const got: number[] = [];
        const want: number[] = [];
        const live = () => all.filter((e) => !e.done);
        const next = () => live().sort((a, b) => a.t - b.t || a.p - b.p || a.seq - b.seq)[0];
        const schedule = (t: number, p: number) => {
          const ev: Ev = { t, p, seq: seq++, id: all.length, handle: -1, done: false };
          all.push(ev);
          ev.handle = sim.at(t, k, ev.id, p);
        };
        let step = 0;
        const k = sim.defineEvent("k", (id) => {
          const ref = next();
          want.push(ref.id);
          ref.done = true;
          got.push(id);
          const [n, dt, p, pick] = plan[step++ % plan.length];
          // Queries settle the heap, so half the handlers schedule before any query.
          if (pick % 2 === 0) expect(sim.pending).toBe(live().length);
          for (let j = 0; j < n % 3 && all.length < 200; j++) schedule(sim.now + ((dt + 2 * j) % 4), p);
          expect(sim.isPending(all[id].handle)).toBe(false);
          if (pick % 4 === 0 && all.length > 0) {
            const victim = all[pick % all.length];
            expect(sim.cancel(victim.handle)).toBe(!victim.done);
            victim.done = true;
          }
          expect(sim.pending).toBe(live().length);
          expect(sim.peekTime()).toBe(live().length ? next().t : Infinity);
        });
        schedule(0, 0);
        schedule(0, 1);
        sim.run();
        expect(got).toEqual(want);
        expect(sim.pending).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});

