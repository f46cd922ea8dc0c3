import { describe, expect, it } from "vitest";
import { CountColumn } from "../../sim/experiment/count-column.js";
import { KpiValues } from "../../sim/experiment/kpi-values.js";

describe("KpiValues", () => {
  it("hands over the values in replication order, null where none or not finite", () => {
    const v = new KpiValues(5);
    v.set(0, 2.5);
    v.set(1, NaN);
    v.set(3, -Infinity);
    v.set(4, 7);
    expect(v.take()).toEqual([2.5, null, null, null, 7]);
  });

  it("reads a value back as a CountColumn holding the same values would", () => {
    const cases: number[][] = [
      [-0, 3, 70000],
      [1, -0, -5],
      [0.5, -0, 2],
      [2 ** 31, -0],
      [-0, Infinity, -0],
    ];
    for (const values of cases) {
      const v = new KpiValues(values.length);
      const c = new CountColumn(values.length);
      values.forEach((x, r) => {
        v.set(r, x);
        c.set(r, x);
      });
      const expected = Array.from(c.copyTo(new Float64Array(values.length), 0, values.length), (x) => (Number.isFinite(x) ? x : null));
      const got = v.take();
      expect(got).toEqual(expected);
      got.forEach((x, r) => expect(Object.is(x, expected[r])).toBe(true));
    }
  });

  it("grows instead of allocating up front for very many replications", () => {
    const n = 20_000;
    const v = new KpiValues(n);
    v.set(0, 1);
    v.set(n - 1, 2.5);
    const got = v.take();
    expect(got.length).toBe(n);
    expect([got[0], got[1], got[n - 2], got[n - 1]]).toEqual([1, null, null, 2.5]);
  });

  it("is empty once taken", () => {
    const v = new KpiValues(2);
    v.set(0, 1);
    v.set(1, 2);
    expect(v.take()).toEqual([1, 2]);
    expect(v.take()).toEqual([null, null]);
  });
});
