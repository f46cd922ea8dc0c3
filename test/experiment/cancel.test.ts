import { afterAll, describe, expect, it } from "vitest";
import { runExperiment, runExperimentParallel, runExperimentsParallel } from "../../sim/experiment/index.js";
import { toyModel, toyPools, toySim } from "./toy.js";

const { pool, closePools } = toyPools();
afterAll(closePools);

describe("cancelling a parallel experiment", () => {
  it("stops dispatching once the signal aborts, reports nothing more and rejects", async () => {
    const p = pool(2);
    const controller = new AbortController();
    const seen: number[] = [];
    const run = runExperimentParallel(p, toyModel({ days: 700 }), {
      replications: 200,
      seed: 3,
      signal: controller.signal,
      onProgress: (done) => {
        seen.push(done);
        if (done === 5) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    const at = seen.length;
    await new Promise((r) => setTimeout(r, 200));
    // No progress after the abort, and far short of the 200 replications.
    expect(seen.length).toBe(at);
    expect(seen.at(-1)).toBe(5);
  });

  it("rejects with the signal's own reason, and at once when it is already aborted", async () => {
    const p = pool(1);
    const controller = new AbortController();
    controller.abort(new Error("stop: user asked"));
    let progressed = false;
    await expect(runExperimentParallel(p, toyModel(), { replications: 3, signal: controller.signal, onProgress: () => (progressed = true) })).rejects.toThrow("stop: user asked");
    expect(progressed).toBe(false);
  });

  it("cancels during the automatic warm-up's pilot runs", async () => {
    const p = pool(2);
    const controller = new AbortController();
    let last = 0;
    const run = runExperimentsParallel(p, [toyModel(), toyModel({ capacityPerDay: 3 })], {
      replications: 50,
      warmup: "auto",
      signal: controller.signal,
      onProgress: (done) => {
        last = done;
        if (done === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    expect(last).toBe(3);
  });

  it("leaves the pool usable, and results with an unaborted signal unchanged", async () => {
    const p = pool(2);
    const controller = new AbortController();
    const cancelled = runExperimentParallel(p, toyModel({ days: 700 }), { replications: 100, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(cancelled).rejects.toMatchObject({ name: "AbortError" });
    const options = { replications: 6, seed: 9, warmup: 2 };
    const expected = runExperiment(toySim, toyModel(), options);
    expect(await runExperimentParallel(p, toyModel(), { ...options, signal: new AbortController().signal })).toEqual(expected);
    expect(await runExperimentParallel(p, toyModel(), options)).toEqual(expected);
  });
});
