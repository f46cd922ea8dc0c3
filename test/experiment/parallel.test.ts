import { afterAll, describe, expect, it } from "vitest";
import { deserialize } from "node:v8";
import { ExperimentPool, runExperiment, runExperimentParallel, runExperimentsParallel, serialiseUnshared, withModelBytes, workerScriptUrl } from "../../sim/experiment/index.js";
import { loadScenario } from "../../scenarios/index.js";
import { toyModel, toyPools, toySim } from "./toy.js";

const { pool, closePools } = toyPools();
afterAll(closePools);

describe("ExperimentPool", () => {
  it("loads the compiled worker from dist/ when run from sources", () => {
    expect(workerScriptUrl().pathname).toMatch(/\/dist\/sim\/experiment\/worker\.js$/);
  });

  it("gives the same result for 1, 2 and 3 workers as in this thread", async () => {
    const model = toyModel();
    const options = { replications: 7, seed: 5, warmup: 2 };
    const inThread = runExperiment(toySim, model, options);
    for (const workers of [1, 2, 3]) {
      expect(await runExperimentParallel(pool(workers), model, options)).toEqual(inThread);
    }
  });

  it("applies a records reducer on the worker threads and gives its values in replication order, as onRecords sees the records", async () => {
    const models = [toyModel(), toyModel({ capacityPerDay: 3, arrivalsPerDay: 3 })];
    const module = new URL("./fixtures/count-cases.mjs", import.meta.url).href;
    const reduced: string[] = [];
    const fromRecords: string[] = [];
    const options = { replications: 5, seed: 9 };
    const results = await runExperimentsParallel(pool(2), models, {
      ...options,
      reduceRecords: { module, name: "countCases", arg: { k: 3 } },
      onReduced: (value, r, m) => void reduced.push(`${m}:${r}:${JSON.stringify(value)}`),
      onRecords: (records, r, m) => void fromRecords.push(`${m}:${r}:${JSON.stringify({ cases: records.cases.length * 3, first: records.cases[0]?.referralDay ?? null })}`),
    });
    expect(reduced).toHaveLength(10);
    expect(reduced).toEqual(fromRecords);
    // The reducer changes nothing in the result.
    expect(results).toEqual(await runExperimentsParallel(pool(1), models, options));
  });

  it("fails a run whose records reducer cannot be loaded, naming it", async () => {
    const module = new URL("./fixtures/count-cases.mjs", import.meta.url).href;
    await expect(runExperimentParallel(pool(1), toyModel(), { replications: 2, reduceRecords: { module, name: "nope", arg: null }, onReduced: () => {} })).rejects.toThrow(
      `worker: records reducer nope of ${module}: the module has no such function`,
    );
    await expect(runExperimentParallel(pool(1), toyModel(), { replications: 2, reduceRecords: { module: `${module}-missing`, name: "countCases", arg: null }, onReduced: () => {} })).rejects.toThrow(
      /^replication 0: worker: records reducer countCases of .*count-cases\.mjs-missing: Cannot find module/,
    );
  });

  it("runs several models at once, with the automatic warm-up, in order", async () => {
    const models = [toyModel(), toyModel({ capacityPerDay: 3 })];
    const options = { replications: 4, seed: 2, warmup: "auto" as const };
    const seen: string[] = [];
    let last = 0;
    const results = await runExperimentsParallel(pool(2), models, {
      ...options,
      onRecords: (records, r, m) => void seen.push(`${m}:${r}:${records.cases.length > 0}`),
      onProgress: (done, total) => {
        expect(done).toBeGreaterThan(last);
        expect(total).toBe(16);
        last = done;
      },
    });
    expect(last).toBe(16);
    expect(seen).toEqual(["0:0:true", "0:1:true", "0:2:true", "0:3:true", "1:0:true", "1:1:true", "1:2:true", "1:3:true"]);
    expect(results[1]).toEqual(runExperiment(toySim, models[1], options));
  });

  it("hands a thread its next replication before merging the one it finished", async () => {
    const started = new Int32Array(new SharedArrayBuffer(4));
    const model = toyModel({ started });
    const seenAtMerge: number[] = [];
    await pool(1).run(
      Array.from({ length: 4 }, (_, r) => ({ model, seed: 3, replication: r, kind: "summary" as const, warmupWeeks: 0, keepRecords: false })),
      (_res, i) => {
        // Hold the main thread inside the merge: the thread can only start replication i + 1
        // now if it already holds it. The wait ends as soon as it starts (or after 10 s).
        if (i < 2) Atomics.wait(started, 0, i + 1, 10_000);
        seenAtMerge.push(Atomics.load(started, 0));
      },
    );
    // While replications 0 and 1 were merged, the next one was already running; the last two
    // went out one at a time (no more jobs left than threads).
    expect(seenAtMerge.slice(0, 2)).toEqual([2, 3]);
    expect(Atomics.load(started, 0)).toBe(4);
  });

  it("serialises a model once as bytes that give it back, unless it holds shared memory", () => {
    const model = loadScenario("trailblazer-team");
    const bytes = serialiseUnshared(model);
    expect(bytes).not.toBeNull();
    expect(deserialize(bytes!)).toEqual(model);
    const typed = { a: new Int32Array([1, -2, 3]), b: [new Float64Array([0.5])] };
    expect(deserialize(serialiseUnshared(typed)!)).toEqual(typed);
    // Shared memory is shared when posted, but would be copied by the serialiser.
    expect(serialiseUnshared({ nested: { s: new Int32Array(new SharedArrayBuffer(8)) } })).toBeNull();
    expect(serialiseUnshared({ s: new SharedArrayBuffer(8) })).toBeNull();
  });

  it("posts a model given as bytes as it is: the threads run what the bytes hold", async () => {
    const records = async (jobModel: object, bytes?: Uint8Array) => {
      const out: unknown[] = [];
      const model = bytes ? withModelBytes(jobModel, bytes) : jobModel;
      const jobs = Array.from({ length: 3 }, (_, r) => ({ model, seed: 4, replication: r, kind: "summary" as const, warmupWeeks: 0, keepRecords: true }));
      await pool(2).run(jobs, (res) => void out.push(res.records));
      return out;
    };
    const a = toyModel();
    const b = toyModel({ capacityPerDay: 3 });
    const [ra, rb] = [await records(a), await records(b)];
    expect(ra).not.toEqual(rb);
    // Under a model object of its own, each model's bytes give that model's records.
    expect(await records({}, serialiseUnshared(a)!)).toEqual(ra);
    expect(await records({}, serialiseUnshared(b)!)).toEqual(rb);
  });

  it("reports a failing replication", async () => {
    const p = pool(2);
    await expect(runExperimentParallel(p, toyModel({ failAtReplication: 1 }), { replications: 3 })).rejects.toThrow(/replication 1: toy failure/);
    // The pool recovers: the next run starts fresh threads.
    expect((await runExperimentParallel(p, toyModel(), { replications: 2 })).replications).toBe(2);
  });

  it("reports a worker that stops, and recovers", async () => {
    const p = pool(2);
    await expect(runExperimentParallel(p, toyModel({ exitAtReplication: 2 }), { replications: 4 })).rejects.toThrow(/worker stopped \(exit code 7\)/);
    expect((await runExperimentParallel(p, toyModel(), { replications: 3 })).replications).toBe(3);
  });

  it("rejects a bad worker count", () => {
    expect(() => new ExperimentPool({ workers: 0 })).toThrow(/workers 0/);
  });
});
