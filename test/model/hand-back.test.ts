import { describe, expect, it } from "vitest";
import { loadScenario } from "../../scenarios/index.js";
import { computeKpisByScope, dropSpareBuffers, releaseRecords, simulate } from "../../sim/model/index.js";
import { handBack } from "../../sim/model/scratch.js";

describe("handBack", () => {
  it("detaches buffers of 256 KiB and more, once each, and leaves smaller ones alone", () => {
    const big = new Int32Array(65_536).fill(3);
    const small = new Int32Array(65_535).fill(3);
    const shared = new Float64Array(40_000);
    handBack(big, small, shared.subarray(0, 10), shared.subarray(10));
    expect(big.length).toBe(0);
    expect(big.buffer.byteLength).toBe(0);
    expect(small.length).toBe(65_535);
    expect(small[65_534]).toBe(3);
    expect(shared.length).toBe(0);
    // A buffer handed back already is skipped.
    expect(() => handBack(big)).not.toThrow();
  });
});

describe("runs that hand their memory back", () => {
  it("give a fresh run's results, and their records cannot be read once released", () => {
    // Large enough that the recorder's counters, the split into parts, the sorted waits and
    // the first run's growing referral columns pass the 256 KiB that handBack acts on.
    const model = loadScenario("trailblazer-wave", { overrides: ["calendar.years=3"] });
    dropSpareBuffers();
    const first = simulate(model, { seed: 3, replication: 1 });
    const firstWeeks = first.weeks;
    const firstKpis = computeKpisByScope(first);
    releaseRecords(first);
    expect(() => first.practitionerWeeks).toThrow(/read after releaseRecords/);
    const again = simulate(model, { seed: 3, replication: 1 });
    expect(computeKpisByScope(again)).toEqual(firstKpis);
    expect(again.weeks).toEqual(firstWeeks);
    releaseRecords(again);
    releaseRecords(again);
    dropSpareBuffers();
  });
});
