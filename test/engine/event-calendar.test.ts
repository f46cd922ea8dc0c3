import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventCalendar } from "../../sim/engine/index.js";

type Op = { kind: "push"; time: number; prio: number } | { kind: "cancel"; pick: number } | { kind: "pop" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("push" as const), time: fc.integer({ min: 0, max: 20 }).map((t) => t / 4), prio: fc.integer({ min: -2, max: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("pop" as const) }) },
);

interface Ref {
  time: number;
  prio: number;
  seq: number;
  arg: number;
  handle: number;
}
const order = (a: Ref, b: Ref) => a.time - b.time || a.prio - b.prio || a.seq - b.seq;

describe("EventCalendar", () => {
  it("pops in (time, priority, sequence) order under random pushes, cancels and pops", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
        const cal = new EventCalendar(16);
        let live: Ref[] = [];
        const handles: Ref[] = [];
        let seq = 0;
        for (const op of ops) {
          if (op.kind === "push") {
            const ref = { time: op.time, prio: op.prio, seq, arg: seq, handle: 0 };
            ref.handle = cal.push(op.time, op.prio, 7, seq++);
            live.push(ref);
            handles.push(ref);
          } else if (op.kind === "cancel" && handles.length > 0) {
            // Picks any handle ever issued, so stale ones (popped or cancelled) are exercised too.
            const ref = handles[op.pick % handles.length];
            const wasLive = live.includes(ref);
            expect(cal.isPending(ref.handle)).toBe(wasLive);
            expect(cal.cancel(ref.handle)).toBe(wasLive);
            expect(cal.isPending(ref.handle)).toBe(false);
            live = live.filter((r) => r !== ref);
          } else if (op.kind === "pop") {
            live.sort(order);
            const want = live.shift();
            const r = cal.popMin();
            if (want === undefined) expect(r).toBe(-1);
            else {
              expect([cal.time(r), cal.arg(r), cal.kind(r)]).toEqual([want.time, want.arg, 7]);
            }
          }
          expect(cal.length).toBe(live.length);
          expect(cal.peekTime()).toBe(live.length ? Math.min(...live.map((x) => x.time)) : Infinity);
        }
        live.sort(order);
        for (const want of live) expect(cal.arg(cal.popMin())).toBe(want.arg);
        expect(cal.popMin()).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });

  it("ignores stale handles after its records are reused", () => {
    const cal = new EventCalendar();
    const h = cal.push(1, 0, 0, 1);
    cal.popMin();
    const h2 = cal.push(2, 0, 0, 2); // reuses the record of h
    expect(h2).not.toBe(h);
    expect(cal.cancel(h)).toBe(false);
    expect(cal.isPending(h2)).toBe(true);
    expect(cal.cancel(-1)).toBe(false);
    expect(cal.cancel(NaN)).toBe(false);
    expect(cal.cancel(123_456)).toBe(false);
  });

  it("grows past its initial capacity and clears", () => {
    const cal = new EventCalendar(16);
    for (let i = 0; i < 1000; i++) cal.push(1000 - i, 0, 0, i);
    expect(cal.length).toBe(1000);
    expect(cal.peekTime()).toBe(1);
    cal.clear();
    expect(cal.length).toBe(0);
    expect(cal.popMin()).toBe(-1);
  });

  it("rejects priorities outside the whole numbers -1024..1023, naming the method", () => {
    const cal = new EventCalendar();
    expect(() => cal.push(1, 0.5, 0, 0)).toThrow(/EventCalendar\.push: priority 0\.5 must be a whole number from -1024 to 1023/);
    expect(() => cal.push(1, 1024, 0, 0)).toThrow(RangeError);
    expect(() => cal.push(1, -1025, 0, 0)).toThrow(RangeError);
    expect(() => cal.push(1, NaN, 0, 0)).toThrow(/priority NaN must be a number/);
    cal.push(1, -1024, 0, 1);
    cal.push(1, 1023, 0, 2);
    expect(cal.arg(cal.popMin())).toBe(1);
    expect(cal.arg(cal.popMin())).toBe(2);
  });

  it("keeps (priority, sequence) order when the sequence counter wraps", () => {
    const cal = new EventCalendar(16);
    // Start just below the 2^42 wrap point; the pending keys are then renumbered in order.
    (cal as unknown as { seq: number }).seq = 2 ** 42 - 3;
    const want: number[] = [];
    for (let i = 0; i < 8; i++) cal.push(1, i % 2, 0, i);
    for (const p of [0, 1]) for (let i = p; i < 8; i += 2) want.push(i);
    const got: number[] = [];
    while (cal.length > 0) got.push(cal.arg(cal.popMin()));
    expect(got).toEqual(want);
  });
});
