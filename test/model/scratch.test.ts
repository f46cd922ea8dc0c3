import { describe, expect, it } from "vitest";
import { computeKpisByScope, dropSpareBuffers, releaseRecords, simulate } from "../../sim/model/index.js";
import { scratchInt32, ScratchUse } from "../../sim/model/scratch.js";
import { bigService } from "./fixtures.js";

describe("scratchInt32", () => {
  it("gives n zeros, in the memory its slot kept, after the last user wrote into it", () => {
    dropSpareBuffers();
    const a = scratchInt32(ScratchUse.Drawn, 10_000);
    expect(a.length).toBe(10_000);
    a.fill(7);
    const b = scratchInt32(ScratchUse.Drawn, 9_000);
    expect(b.buffer).toBe(a.buffer);
    expect(b.length).toBe(9_000);
    expect(b.every((v) => v === 0)).toBe(true);
  });

  it("makes a new column when the kept one is too small or more than twice the size needed", () => {
    dropSpareBuffers();
    const a = scratchInt32(ScratchUse.IdOf, 10_000);
    const larger = scratchInt32(ScratchUse.IdOf, 20_000);
    expect(larger.buffer).not.toBe(a.buffer);
    const smaller = scratchInt32(ScratchUse.IdOf, 5_000);
    expect(smaller.buffer).not.toBe(larger.buffer);
    expect(smaller.every((v) => v === 0)).toBe(true);
  });

  it("keeps slots apart, and lets go of every one on dropSpareBuffers", () => {
    dropSpareBuffers();
    const a = scratchInt32(ScratchUse.SerialOf, 4_000);
    const b = scratchInt32(ScratchUse.PartOfDrawn, 4_000);
    const c = scratchInt32(ScratchUse.Drawn, 4_000);
    expect(new Set([a.buffer, b.buffer, c.buffer]).size).toBe(3);
    // The waits reuse the referral order's slots (never live at the same time).
    expect(scratchInt32(ScratchUse.WaitOf, 4_000).buffer).toBe(a.buffer);
    dropSpareBuffers();
    expect(scratchInt32(ScratchUse.SerialOf, 4_000).buffer).not.toBe(a.buffer);
  });
});

describe("runs that reuse scratch columns", () => {
  it("give the results of a fresh thread, after a larger model's run left its columns behind", () => {
    // More than 32 practitioners (8 a team), so each model runs in parts and its referrals take
    // the part order that uses the scratch columns; the smaller model's columns fit in the
    // larger one's (under twice the size), so it reads memory the larger run wrote.
    const small = bigService(5, 1);
    const large = bigService(7, 1);
    dropSpareBuffers();
    const fresh = simulate(small, { seed: 9, replication: 0 });
    const freshKpis = computeKpisByScope(fresh);
    const freshCases = fresh.cases;
    for (const model of [large, small]) {
      const run = simulate(model, { seed: 9, replication: 0 });
      if (model === small) {
        expect(run.cases).toEqual(freshCases);
        expect(computeKpisByScope(run)).toEqual(freshKpis);
      } else computeKpisByScope(run);
      releaseRecords(run);
    }
    dropSpareBuffers();
  });
});
