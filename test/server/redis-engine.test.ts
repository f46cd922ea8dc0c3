import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Queue } from "bullmq";
import { QUEUE_NAME, startBlockWorker, type BlockWorker } from "../../distributed/index.js";
import { createExperimentEngine, createRedisEngine } from "../../server/index.js";
import { toyModel, toyUrl } from "../experiment/toy.js";
import { startRedis, type TestRedis } from "../distributed/redis-server.js";

let redis: TestRedis;
let worker: BlockWorker;

beforeAll(async () => {
  redis = await startRedis();
  worker = await startBlockWorker({ url: redis.url, concurrency: 2, stalledIntervalMs: 1000, simulator: toyUrl, log: () => {} });
});
afterAll(async () => {
  await worker?.close();
  await redis?.stop();
});

describe("createRedisEngine", () => {
  it("gives the local engine's results and reports progress through the job's hook", async () => {
    const models = [toyModel(), toyModel({ capacityPerDay: 2.6 })];
    const options = { replications: 6, seed: 11, warmup: 1 };
    const local = createExperimentEngine({ slots: 1, workersPerSlot: 2, simulator: toyUrl });
    const expected = await local.experiments(models, options, { signal: new AbortController().signal, progress: () => {} }).finally(() => local.close());
    const engine = createRedisEngine({ url: redis.url, blockSize: 2 });
    const seen: [number, number][] = [];
    const results = await engine.experiments(models, options, { signal: new AbortController().signal, progress: (done, total) => void seen.push([done, total]) });
    expect(JSON.stringify(results)).toBe(JSON.stringify(expected));
    expect(seen[seen.length - 1]).toEqual([12, 12]);
    expect(seen.every(([, total]) => total === 12)).toBe(true);
  });

  it("rejects with the signal's reason when the job is cancelled, and takes its waiting blocks off the queue", async () => {
    const engine = createRedisEngine({ url: redis.url, blockSize: 1 });
    const controller = new AbortController();
    const reason = new Error("cancelled by the user");
    const queue = new Queue(QUEUE_NAME, { connection: { host: "127.0.0.1", port: redis.port } });
    const before = (await queue.getJobCounts("completed")).completed;
    const running = engine.experiments([toyModel({ days: 20_000 })], { replications: 40, seed: 12 }, {
      signal: controller.signal,
      progress: (done) => {
        if (done >= 2) controller.abort(reason);
      },
    });
    await expect(running).rejects.toBe(reason);
    try {
      await expect.poll(async () => (await queue.getJobCounts("wait")).wait, { timeout: 10_000 }).toBe(0);
      // Long replications (20,000 days): the two threads get through few of the 40 blocks.
      expect((await queue.getJobCounts("completed")).completed - before).toBeLessThan(20);
    } finally {
      await queue.close();
    }
  });
});
