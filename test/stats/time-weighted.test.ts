import { describe, expect, it } from "vitest";
import { TimeWeighted } from "../../sim/stats/index.js";

describe("TimeWeighted", () => {
  it("averages a queue length by the time each value held (hand-computed)", () => {
    const q = new TimeWeighted(0, 0);
    q.update(2, 3); // 0 for days 0–2
    q.update(6, 1); // 3 for days 2–6
    expect(q.value).toBe(1);
    // (0·2 + 3·4 + 1·4) / 10 = 16 / 10: the last value is extended to day 10.
    expect(q.integral(10)).toBe(16);
    expect(q.mean(10)).toBeCloseTo(1.6, 15);
    expect(q.mean(6)).toBeCloseTo(2, 15); // 12 / 6
  });

  it("works from a non-zero start and with several updates at one time", () => {
    const w = new TimeWeighted(5, 2);
    w.update(7, 9);
    w.update(7, 4); // the last update at a time wins; 9 held for no time
    w.update(8, 0);
    // 2·2 + 4·1 + 0·2 over 5 days
    expect(w.mean(10)).toBeCloseTo(8 / 5, 15);
  });

  it("returns NaN for a mean over no time", () => {
    expect(new TimeWeighted(3, 7).mean(3)).toBeNaN();
  });

  it("refuses to go back in time", () => {
    const w = new TimeWeighted(0, 1);
    w.update(5, 2);
    expect(() => w.update(3, 1)).toThrow(new RangeError("TimeWeighted.update: time 3 must be >= the last update time 5"));
    expect(() => w.mean(4)).toThrow(new RangeError("TimeWeighted.mean: untilTime 4 must be >= the last update time 5"));
    expect(() => new TimeWeighted(NaN, 0)).toThrow(new RangeError("TimeWeighted: startTime NaN must be a finite number"));
  });
});
