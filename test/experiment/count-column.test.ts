import { describe, expect, it } from "vitest";
import { CountColumn } from "../../sim/experiment/count-column.js";
import { ExperimentAccumulator, reduceReplications, type ReplicationSummary } from "../../sim/experiment/index.js";

const read = (c: CountColumn, n: number) => Array.from(c.copyTo(new Float64Array(n), 0, n));

describe("CountColumn", () => {
  it("keeps whole numbers up to 255 in 8 bits", () => {
    const c = new CountColumn(3);
    [0, 255, -0].forEach((v, i) => c.set(i, v));
    expect(c.bytesPerValue).toBe(1);
    expect(read(c, 3)).toEqual([0, 255, 0]);
    expect(Object.is(read(c, 3)[2], 0)).toBe(true);
  });

  it("widens from 8 bits to 16, 32 or 64 as the value needs", () => {
    for (const [v, bytes] of [[256, 2], [65536, 4], [-1, 4], [0.5, 8], [NaN, 8]] as const) {
      const c = new CountColumn(2);
      c.set(0, 200);
      c.set(1, v);
      expect(c.bytesPerValue).toBe(bytes);
      expect(read(c, 2)).toEqual([200, v]);
    }
  });

  it("keeps small whole numbers in 16 bits", () => {
    const c = new CountColumn(4);
    [0, 1, 65535, 7].forEach((v, i) => c.set(i, v));
    expect(c.bytesPerValue).toBe(2);
    expect(read(c, 4)).toEqual([0, 1, 65535, 7]);
  });

  it("widens to 32 bits for a larger or negative whole number, keeping what was written", () => {
    const c = new CountColumn(4);
    c.set(0, 12);
    c.set(1, 65536);
    expect(c.bytesPerValue).toBe(4);
    c.set(2, -3);
    c.set(3, 2 ** 31 - 1);
    expect(c.bytesPerValue).toBe(4);
    expect(read(c, 4)).toEqual([12, 65536, -3, 2 ** 31 - 1]);
  });

  it("widens to 64-bit floats for fractions, huge numbers and NaN, from either width", () => {
    for (const first of [5, 70000]) {
      const c = new CountColumn(5);
      c.set(0, first);
      c.set(1, 0.5);
      expect(c.bytesPerValue).toBe(8);
      c.set(2, 2 ** 40);
      c.set(3, NaN);
      c.set(4, -1e-9);
      expect(read(c, 5)).toEqual([first, 0.5, 2 ** 40, NaN, -1e-9]);
    }
  });

  it("sorts a range into the target exactly as copying and sorting it would, in every width", () => {
    const lists = [
      [5, 0, 255, 3, 3, 17],
      [300, 2, 65535, 2, 9, 1000],
      [-3, 70000, 12, -3, 0, 5],
      [2, 1e6, -1e6, 3, 3, 0],
      [0.5, -0, 0, 2.25, NaN, -1],
    ];
    for (const list of lists) {
      const c = new CountColumn(list.length + 2);
      list.forEach((v, i) => c.set(i + 1, v));
      const expected = Float64Array.from(list).sort();
      const got = c.sortedInto(new Float64Array(list.length), 1, list.length + 1);
      expect(Array.from(got).map((v) => (Object.is(v, -0) ? "-0" : v))).toEqual(Array.from(expected).map((v) => (Object.is(v, -0) ? "-0" : v)));
    }
  });

  it("writes a strided run of values, widening as it goes", () => {
    const c = new CountColumn(6);
    c.setStrided(1, 2, [9, 7, 300, 4], 1, 3);
    expect(c.bytesPerValue).toBe(2);
    expect(read(c, 6)).toEqual([0, 7, 0, 300, 0, 4]);
  });

  it("copies a range of values into the front of the target", () => {
    const c = new CountColumn(6);
    [1, 2, 3, 4, 5, 6].forEach((v, i) => c.set(i, v));
    expect(Array.from(c.copyTo(new Float64Array(2), 2, 4))).toEqual([3, 4]);
  });
});

describe("the accumulator's waiting lists and histograms", () => {
  it("give the same bands for counts of any size or kind", () => {
    const m = { name: "m", teams: [], clusters: [] };
    // Waiting lists 3, 70000 and 2.5 in three replications: one column of each width.
    const summary = (replication: number, waitlist: number, bin: number): ReplicationSummary => ({
      replication,
      events: 1,
      horizonDays: 7,
      kpis: { service: { a: replication } },
      weekly: { keys: ["service"], weeks: 1, data: Float64Array.of(waitlist, 1, 1, 1, 1, 1) },
      waits: { keys: ["service"], bins: 1, data: Float64Array.of(bin, 100000 + replication) },
    });
    const meta = { seed: 1, level: 0.95, warmup: { mode: "none" as const, weeks: 0, batches: null } };
    const r = reduceReplications(m, [summary(0, 3, 4), summary(1, 70000, 0.25), summary(2, 2.5, 2)], meta);
    // Type-7 quantiles of [2.5, 3, 70000]: median 3, p10 2.5 + 0.2 × 0.5, p90 3 + 0.8 × 69997.
    expect(r.weekly[0]).toMatchObject({ waitlistMedian: 3, waitlistP10: 2.6, waitlistP90: 3 + 0.8 * 69997 });
    expect(r.waitHistogram?.[0]).toMatchObject({ mean: (4 + 0.25 + 2) / 3, p10: 0.25 + 0.2 * 1.75 });
    expect(r.waitHistogram?.[1]).toMatchObject({ mean: 100001, p10: 100000.2, p90: 100001.8 });
  });
});

describe("the accumulator's result", () => {
  it("is built once: a later call gives the same object, and no replication can be added after", () => {
    const m = { name: "m", teams: [], clusters: [] };
    const acc = new ExperimentAccumulator(m, 2, { seed: 1, level: 0.95, warmup: { mode: "none", weeks: 0, batches: null } });
    const s = (replication: number): ReplicationSummary => ({ replication, events: 1, horizonDays: 7, kpis: { service: { a: replication + 0.5 } }, weekly: { keys: ["service"], weeks: 1, data: Float64Array.of(replication, 0, 0, 0, 0, 0) } });
    acc.add(s(0));
    acc.add(s(1));
    const first = acc.result();
    expect(first.kpis[0]).toMatchObject({ kpi: "a", mean: 1, values: [0.5, 1.5] });
    expect(first.weekly[0]).toMatchObject({ waitlistMedian: 0.5 });
    expect(acc.result()).toBe(first);
    expect(() => acc.add(s(2))).toThrow("ExperimentAccumulator: more than 2 replications");
  });
});
