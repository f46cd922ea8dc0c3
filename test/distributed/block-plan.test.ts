import { describe, expect, it } from "vitest";
import { blockCap, codeVersion, planBlocks } from "../../distributed/index.js";
import type { PoolJob } from "../../sim/experiment/index.js";
import { toyModel } from "../experiment/toy.js";

const jobsOf = (models: readonly object[], reps: number, seed = 1): PoolJob[] =>
  models.flatMap((model) => Array.from({ length: reps }, (_, r) => ({ model, seed, replication: r, kind: "summary" as const, warmupWeeks: 0, keepRecords: false })));

describe("planBlocks: how a submission is cut into blocks", () => {
  it("holds at most an eighth of what is left in a block, so the last blocks are single replications", () => {
    expect([100, 32, 25, 24, 17, 16, 9, 8, 1].map((left) => blockCap(left, 4))).toEqual([4, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(blockCap(1000, 1)).toBe(1);
    const sizes = planBlocks(jobsOf([toyModel()], 100), 4, codeVersion()).map((b) => b.data.count);
    expect(sizes).toEqual([...Array(19).fill(4), 3, 3, 3, 2, 2, 2, 2, ...Array(7).fill(1)]);
  });

  it("covers every replication once, in order, and cuts the same way on a resubmission", () => {
    const model = toyModel({ arrivalsPerDay: 1.3 });
    const plan = () => planBlocks(jobsOf([model], 48), 4, codeVersion());
    const blocks = plan();
    let next = 0;
    for (const b of blocks) {
      expect(b.data.first).toBe(next);
      expect(b.start).toBe(next);
      next += b.data.count;
    }
    expect(next).toBe(48);
    expect(plan().map((b) => b.jobId)).toEqual(blocks.map((b) => b.jobId));
  });

  it("tapers by the whole submission, not by each model: a sweep's early models keep full blocks", () => {
    const a = toyModel({ arrivalsPerDay: 1.1 });
    const b = toyModel({ arrivalsPerDay: 1.2 });
    const blocks = planBlocks(jobsOf([a, b], 40), 4, codeVersion());
    const ofA = blocks.filter((x) => x.start < 40).map((x) => x.data.count);
    expect(ofA).toEqual(Array(10).fill(4));
    // No block spans two models, and the second model's last blocks shrink.
    expect(blocks.every((x) => x.start >= 40 || x.start + x.data.count <= 40)).toBe(true);
    expect(blocks.filter((x) => x.start >= 40).map((x) => x.data.count)).toEqual([4, 4, 4, 4, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1]);
  });
});
