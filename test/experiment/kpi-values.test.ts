import { describe, expect, it } from "vitest";
import { CountColumn } from "../../sim/experiment/count-column.js";
import { ColumnSlab, KpiValues } from "../../sim/experiment/kpi-values.js";

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

  it("keeps whole numbers in 32 bits and moves to floats, values kept, at the first that is not", () => {
    const slab = new ColumnSlab();
    const v = new KpiValues(4, slab);
    v.set(1, 2 ** 31 - 1);
    v.set(3, -(2 ** 31) + 1);
    // The 32-bit marker of a missing value is a value like any other.
    v.set(0, -(2 ** 31));
    expect(v.take()).toEqual([-(2 ** 31), 2 ** 31 - 1, null, -(2 ** 31) + 1]);
    const w = new KpiValues(3, slab);
    w.set(2, 5);
    w.set(0, 0.25);
    expect(w.take()).toEqual([0.25, null, 5]);
  });

  it("cuts columns from shared chunks without overlap", () => {
    const slab = new ColumnSlab();
    const columns = Array.from({ length: 300 }, (_, k) => {
      const c = new KpiValues(101, slab);
      for (let r = 0; r < 101; r++) c.set(r, k % 3 === 0 ? k + r / 4 : k * 1000 + r);
      return c;
    });
    columns.forEach((c, k) => expect(c.take()).toEqual(Array.from({ length: 101 }, (_, r) => (k % 3 === 0 ? k + r / 4 : k * 1000 + r))));
    // A column larger than a chunk gets one of its own.
    const big = new KpiValues(100_000, slab);
    big.set(99_999, 0.5);
    expect(big.take()[99_999]).toBe(0.5);
  });

  it("holds very many replications", () => {
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
