import { describe, expect, it } from "vitest";
import { paceOf, targetLines, type ModelBenchRow } from "../../bench/model-common.js";
import { NATIONAL_2025_TARGETS } from "../../bench/model-national-2025.js";
import { TRAILBLAZER_WAVE_TARGETS } from "../../bench/model-trailblazer-wave.js";
import { SCOPE_KINDS } from "../../sim/experiment/index.js";

describe("paceOf (the model benchmarks' warm pace and warm-up)", () => {
  it("takes the pace from the result at a fifth of the run to the last, and the rest as warm-up", () => {
    // 10 results: a slow start (0.9 s to the first), then one every 0.1 s from the second on.
    const doneAt = [0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8];
    const pace = paceOf(doneAt, 1.85);
    // From result 2 (index 1) to result 10: 0.8 s over 8 replications.
    expect(pace.steadyMs).toBeCloseTo(100, 9);
    // 1.85 s less 10 × 0.1 s.
    expect(pace.warmupSeconds).toBeCloseTo(0.85, 9);
  });

  it("reads the pace after the first fifth, so a slow first fifth does not change it", () => {
    const warm = Array.from({ length: 100 }, (_, i) => 2 + 0.06 * i);
    const slowStart = warm.map((t, i) => (i < 19 ? 0.5 + t * 0.9 : t));
    expect(paceOf(slowStart, 8).steadyMs).toBeCloseTo(60, 9);
    expect(paceOf(warm, 8).warmupSeconds).toBeCloseTo(8 - 6, 9);
  });

  it("gives NaN for fewer than 5 results", () => {
    expect(paceOf([1, 2, 3, 4], 4).steadyMs).toBeNaN();
    expect(paceOf([], 0).warmupSeconds).toBeNaN();
  });
});

describe("targetLines (the model benchmarks' verdicts)", () => {
  const row = (workers: number, wallSeconds: number, over: Partial<ModelBenchRow> = {}): ModelBenchRow => ({
    scenario: "trailblazer-wave",
    years: 3,
    replications: 100,
    workers,
    scopes: SCOPE_KINDS,
    loadSeconds: 0.04,
    wallSeconds,
    events: 1,
    eventsPerSecond: 1,
    peakMiB: 400,
    resultHeapMiB: 40,
    cpuSeconds: 1,
    mainCpuSeconds: 0.1,
    firstResultSeconds: 0.5,
    steadyMsPerReplication: 50,
    warmupSeconds: 0.8,
    loadAverage: [0, 0],
    ...over,
  });

  it("gives each trailblazer-wave target's figure and whether it holds", () => {
    expect(targetLines([row(1, 9.75), row(2, 5.7), row(2, 5.2, { scopes: ["service"] })], TRAILBLAZER_WAVE_TARGETS, 2)).toEqual([
      "target: 2 workers, every scope, at most 5 s: 5.70 s, NOT met",
      "target: 2 workers at least 1.7× as fast as 1 (every scope): 1.71×, met",
    ]);
    // The service-only row is not the every-scope one the targets read.
    expect(targetLines([row(2, 5.0, { scopes: ["service"] }), row(2, 4.9), row(1, 8.2)], TRAILBLAZER_WAVE_TARGETS, 2)).toEqual([
      "target: 2 workers, every scope, at most 5 s: 4.90 s, met",
      "target: 2 workers at least 1.7× as fast as 1 (every scope): 1.67×, NOT met",
    ]);
  });

  it("checks the national targets on time and on peak memory", () => {
    const national = (wall: number, peakMiB: number) => [row(2, wall, { scenario: "national-2025", peakMiB })];
    expect(targetLines(national(65.86, 915), NATIONAL_2025_TARGETS, 2)).toEqual(["target: 2 workers, under 90 s: 65.9 s, met", "target: 2 workers, peak memory under 1 GiB: 915 MiB, met"]);
    expect(targetLines(national(90, 1024), NATIONAL_2025_TARGETS, 2)).toEqual(["target: 2 workers, under 90 s: 90.0 s, NOT met", "target: 2 workers, peak memory under 1 GiB: 1024 MiB, NOT met"]);
  });

  it("says when a configuration a target needs was not run, or the run or machine is not the targets'", () => {
    expect(targetLines([row(2, 5.7)], TRAILBLAZER_WAVE_TARGETS, 2)[1]).toBe("target: 2 workers at least 1.7× as fast as 1 (every scope): not measured (its configuration was not run)");
    expect(targetLines([row(1, 1, { replications: 10 }), row(2, 0.6, { replications: 10 })], TRAILBLAZER_WAVE_TARGETS, 2)).toEqual([
      "targets are set for 3 school years × 100 replications; this run had 3 × 10, so they are not checked",
    ]);
    expect(targetLines([row(1, 9.75), row(2, 5.7)], TRAILBLAZER_WAVE_TARGETS, 4)[0]).toBe("targets are set for 2 cores; this machine has 4");
  });
});
