import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ExperimentPool, runExperimentParallel } from "../../sim/experiment/index.js";
import { toyModel, toyUrl } from "./toy.js";

/** Nice values of this process's threads (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNiceValues(): number[] {
  return readdirSync("/proc/self/task").map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1].split(" ")[16]));
}

describe.runIf(process.platform === "linux")("worker thread priority", () => {
  it("a pool with threadNice runs its threads at that nice value, and leaves the rest of the process alone", async () => {
    const before = threadNiceValues();
    expect(before.filter((n) => n === 7)).toEqual([]);
    const pool = new ExperimentPool({ workers: 2, simulator: toyUrl, threadNice: 7 });
    try {
      const r = await runExperimentParallel(pool, toyModel(), { replications: 4, seed: 1 });
      expect(r.replications).toBe(4);
      const after = threadNiceValues();
      expect(after.filter((n) => n === 7)).toHaveLength(2);
      // The calling thread keeps the process's priority.
      expect(Number(readFileSync("/proc/thread-self/stat", "utf8").split(") ")[1].split(" ")[16])).toBe(before[0]);
    } finally {
      await pool.close();
    }
  });

  it("a pool without it leaves its threads at the process's priority", async () => {
    const pool = new ExperimentPool({ workers: 1, simulator: toyUrl });
    try {
      await runExperimentParallel(pool, toyModel(), { replications: 2, seed: 1 });
      expect(new Set(threadNiceValues())).toEqual(new Set([Number(readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ")[16])]));
    } finally {
      await pool.close();
    }
  });
});
