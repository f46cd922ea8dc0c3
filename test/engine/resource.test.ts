import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Resource, Simulation, type ResourceOptions } from "../../sim/engine/index.js";

/** A resource whose grants are logged as [entity, units, waited, time]. */
function setup(options: Partial<ResourceOptions> & { capacity: number }) {
  const sim = new Simulation();
  const grants: number[][] = [];
  const reneges: number[][] = [];
  const res = new Resource(sim, {
    onGrant: (e, u, w) => grants.push([e, u, w, sim.now]),
    onRenege: (e, w) => reneges.push([e, w, sim.now]),
    ...options,
  });
  /** Schedules a call at a time. */
  const at = (t: number, f: () => void) => sim.at(t, sim.defineEvent(`at${t}`, f));
  return { sim, res, grants, reneges, at };
}

describe("Resource", () => {
  it("serves FIFO within a class", () => {
    const { sim, res, grants, at } = setup({ capacity: 1 });
    at(0, () => [1, 2, 3, 4].forEach((e) => res.request(e)));
    for (let t = 1; t <= 3; t++) at(t, () => res.release());
    sim.run();
    expect(grants.map((g) => g[0])).toEqual([1, 2, 3, 4]);
    expect(grants.map((g) => g[2])).toEqual([0, 1, 2, 3]);
  });

  it("never lets an urgent request wait behind a routine one", () => {
    const { sim, res, grants, at } = setup({ capacity: 1, classes: 2 });
    at(0, () => {
      res.request(1, 1, 1);
      res.request(2, 1, 1);
      res.request(3, 1, 1);
    });
    at(0.5, () => res.request(99, 1, 0));
    at(0.7, () => res.request(98, 1, 0));
    for (let t = 1; t <= 4; t++) at(t, () => res.release());
    sim.run();
    expect(grants.map((g) => g[0])).toEqual([1, 99, 98, 2, 3]);
    expect(res.waiting()).toEqual([]);
  });

  it("a request for 3 units waits with 2 free; strict order holds smaller requests behind it", () => {
    const { sim, res, grants, at } = setup({ capacity: 4 });
    at(0, () => {
      res.request(1, 2);
      expect(res.request(2, 3)).toBe(false);
      expect(res.request(3, 1)).toBe(false); // fits, but must not pass entity 2
      expect(res.waiting()).toEqual([2, 3]);
      expect(res.inUse).toBe(2);
    });
    at(1, () => res.release(2));
    sim.run();
    expect(grants.map((g) => [g[0], g[1], g[3]])).toEqual([
      [1, 2, 0],
      [2, 3, 1],
      [3, 1, 1],
    ]);
  });

  it("backfill lets a small request pass a blocked large one", () => {
    const { sim, res, grants, at } = setup({ capacity: 4, backfill: true });
    at(0, () => {
      res.request(1, 2);
      expect(res.request(2, 3)).toBe(false);
      expect(res.request(3, 1)).toBe(true);
      expect(res.request(4, 1)).toBe(true);
      expect(res.request(5, 1)).toBe(false);
    });
    at(1, () => res.release(2)); // 2 free: entity 5 fits, entity 2 still does not
    at(2, () => res.release(2));
    sim.run();
    expect(grants.map((g) => [g[0], g[3]])).toEqual([
      [1, 0],
      [3, 0],
      [4, 0],
      [5, 1],
      [2, 2],
    ]);
  });

  it("reneges after the patience, calling onRenege, and cancels the renege when granted", () => {
    const { sim, res, grants, reneges, at } = setup({ capacity: 1 });
    at(0, () => {
      res.request(1);
      res.request(2, 1, 0, 2); // leaves at t = 2
      res.request(3, 1, 0, 5); // granted at t = 3, before its patience runs out
    });
    at(3, () => res.release());
    sim.run(10);
    expect(reneges).toEqual([[2, 2, 2]]);
    expect(grants.map((g) => [g[0], g[2]])).toEqual([
      [1, 0],
      [3, 3],
    ]);
    expect(sim.pending).toBe(0);
    expect(sim.eventsExecuted).toBe(3); // at(0), renege of 2, at(3): the renege of 3 never ran
  });

  it("a renege or withdrawal of a blocking large request lets smaller ones through", () => {
    for (const how of ["renege", "withdraw"] as const) {
      const { sim, res, grants, at } = setup({ capacity: 3 });
      at(0, () => {
        res.request(1, 1);
        res.request(2, 3, 0, how === "renege" ? 1 : Infinity);
        res.request(3, 2);
      });
      if (how === "withdraw") at(1, () => expect(res.withdraw(2)).toBe(true));
      sim.run();
      expect(grants.map((g) => [g[0], g[3]])).toEqual([
        [1, 0],
        [3, 1],
      ]);
    }
  });

  it("withdraw removes a waiting entity only", () => {
    const { res } = setup({ capacity: 1, classes: 2 });
    res.request(1);
    res.request(2, 1, 1);
    res.request(3, 1, 0);
    expect(res.queueLength()).toBe(2);
    expect(res.withdraw(1)).toBe(false); // holding, not waiting
    expect(res.withdraw(2)).toBe(true);
    expect(res.withdraw(2)).toBe(false);
    expect(res.queueLength(1)).toBe(0);
    expect(res.queueLength(0)).toBe(1);
    expect(res.waiting()).toEqual([3]);
  });

  it("setCapacity serves the line on a rise and keeps holders on a fall", () => {
    const { sim, res, grants, at } = setup({ capacity: 1 });
    at(0, () => [1, 2, 3].forEach((e) => res.request(e)));
    at(1, () => res.setCapacity(3));
    at(2, () => res.setCapacity(0));
    at(3, () => res.release(3));
    at(4, () => res.request(4));
    sim.run();
    expect(grants.map((g) => [g[0], g[3]])).toEqual([
      [1, 0],
      [2, 1],
      [3, 1],
    ]);
    expect(res.inUse).toBe(0);
    expect(res.queueLength()).toBe(1);
    expect(res.capacity).toBe(0);
  });

  it("utilisation and mean line length match a hand-computed example", () => {
    // Capacity 2 over [0, 10]: units held 1 on [0,2), 2 on [2,8) (entity 3 takes the unit
    // freed at 5), 0 on [8,10] → area 2 + 12 = 14, utilisation 14 / (10·2) = 0.7.
    // Entity 3 waits on [4,5) → line area 1, mean line 0.1.
    const { sim, res, at } = setup({ capacity: 2 });
    at(0, () => res.request(1));
    at(2, () => res.request(2));
    at(4, () => res.request(3));
    at(5, () => res.release());
    at(8, () => res.release(2));
    sim.run(10);
    expect(res.utilisation()).toBeCloseTo(0.7, 12);
    expect(res.meanQueueLength()).toBeCloseTo(0.1, 12);
    res.resetStatistics();
    sim.run(20);
    expect(res.utilisation()).toBe(0);
  });

  it("rejects bad requests and releases with messages naming the resource", () => {
    const sim = new Simulation();
    expect(() => new Resource(sim, { capacity: -1, onGrant: () => {} })).toThrow(/capacity -1 must be a whole number >= 0/);
    expect(() => new Resource(sim, { capacity: 1, classes: 0, onGrant: () => {} })).toThrow(/classes 0/);
    const res = new Resource(sim, { name: "slots", capacity: 2, classes: 2, onGrant: () => {} });
    expect(() => res.request(1, 0)).toThrow(/Resource slots: units 0/);
    expect(() => res.request(1, 1, 2)).toThrow(/class 2 must be a whole number in \[0, 1\]/);
    expect(() => res.request(1, 1, 0, -1)).toThrow(/patience -1/);
    expect(() => res.release(1)).toThrow(/cannot release 1 units while 0 are held/);
    expect(() => res.setCapacity(1.5)).toThrow(/capacity 1.5/);
  });

  it("one-class strict lines (FIFO mode) behave like class 0 of a two-class line, growth and reneges included", () => {
    type Op = { t: number; kind: "req" | "rel" | "wd" | "cap"; units: number; patience: number; who: number };
    const opArb: fc.Arbitrary<Op> = fc.record({
      t: fc.integer({ min: 0, max: 40 }),
      kind: fc.constantFrom("req", "req", "req", "rel", "wd", "cap"),
      units: fc.integer({ min: 1, max: 3 }),
      patience: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 15 })),
      who: fc.integer({ min: 0, max: 200 }),
    });
    const play = (classes: number, ops: Op[]) => {
      const sim = new Simulation();
      const log: number[][] = [];
      const res = new Resource(sim, {
        capacity: 2,
        classes,
        onGrant: (e, u, w) => log.push([0, e, u, w, sim.now]),
        onRenege: (e, w) => log.push([1, e, w, sim.now]),
      });
      ops.forEach((op, i) => {
        const k = sim.defineEvent(`op${i}`, () => {
          if (op.kind === "req") res.request(i, op.units, 0, op.patience);
          else if (op.kind === "rel") res.release(Math.min(op.units, res.inUse));
          else if (op.kind === "wd") log.push([2, op.who % (i + 1), Number(res.withdraw(op.who % (i + 1)))]);
          else res.setCapacity(op.units);
          log.push([3, res.inUse, res.queueLength(), ...res.waiting()]);
        });
        sim.at(op.t, k);
      });
      sim.run();
      return log;
    };
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 150 }), (ops) => {
        expect(play(1, ops)).toEqual(play(2, ops));
      }),
      { numRuns: 200 },
    );
    // Enough waiting requests to grow the ring several times, with reneges and withdrawals.
    const many: Op[] = Array.from({ length: 400 }, (_, i) => ({
      t: i < 300 ? i % 5 : 5 + (i % 40),
      kind: i < 300 ? "req" : i % 7 === 0 ? "wd" : "rel",
      units: 1 + (i % 2),
      patience: i % 3 === 0 ? 4 + (i % 30) : Infinity,
      who: (i * 37) % 300,
    }));
    expect(play(1, many)).toEqual(play(2, many));
  });
});

