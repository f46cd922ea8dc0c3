import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ExperimentPool, runExperimentParallel } from "../../sim/experiment/index.js";
import { createExperimentEngine } from "../../server/engine.js";
import { ResultThread } from "../../server/result-thread/index.js";
import { ScenarioThreads } from "../../server/scenario-threads/index.js";
import { tempDataDir } from "./helpers.js";
import { openDatabase, databaseFile } from "../../server/storage/database.js";
import { toyModel, toyUrl } from "../experiment/toy.js";

const NICE_7 = new URL("./thread-setup-nice-7.mjs", import.meta.url);

/** Nice values of this process's threads (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNiceValues(): number[] {
  return readdirSync("/proc/self/task").map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1].split(" ")[16]));
}

describe.runIf(process.platform === "linux")("worker thread priority", () => {
  it("a pool whose thread setup lowers the priority runs its threads at that nice value, and leaves the rest of the process alone", async () => {
    const before = threadNiceValues();
    expect(before.filter((n) => n === 7)).toEqual([]);
    const pool = new ExperimentPool({ workers: 2, simulator: toyUrl, threadSetup: NICE_7 });
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

  it("a pool without a thread setup leaves its threads at the process's priority", async () => {
    const pool = new ExperimentPool({ workers: 1, simulator: toyUrl });
    try {
      await runExperimentParallel(pool, toyModel(), { replications: 2, seed: 1 });
      expect(new Set(threadNiceValues())).toEqual(new Set([Number(readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ")[16])]));
    } finally {
      await pool.close();
    }
  });

  it("the server's scenario and result threads start when warmed, before any request, and run at nice 10", async () => {
    const data = tempDataDir();
    const db = openDatabase(data.dir);
    const threads = new ScenarioThreads({ threads: 2 });
    const results = new ResultThread(databaseFile(data.dir));
    try {
      expect([threads.running, results.started]).toEqual([0, false]);
      threads.warm();
      results.warm();
      expect([threads.running, results.started]).toEqual([2, true]);
      // Answers from each once its code has loaded (each thread lowers its priority first).
      await Promise.all([threads.edit({ text: "name: a\n", set: [] }), threads.edit({ text: "name: b\n", set: [] }), results.resultBytes("no-such-run")]);
      expect(threads.running).toBe(2);
      expect(threadNiceValues().filter((n) => n === 10)).toHaveLength(3);
    } finally {
      await Promise.all([threads.close(), results.close()]);
      db.close();
      data.remove();
    }
  });

  it("the server's engine runs its simulation threads at nice 10", async () => {
    const engine = createExperimentEngine({ slots: 1, workersPerSlot: 2, simulator: toyUrl });
    try {
      await engine.experiments([toyModel() as never], { replications: 2, seed: 1 }, { signal: new AbortController().signal, progress: () => {} });
      expect(threadNiceValues().filter((n) => n === 10)).toHaveLength(2);
    } finally {
      await engine.close();
    }
  });
});
