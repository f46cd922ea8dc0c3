import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Queue } from "bullmq";
import { codeVersion, decode, planBlocks, QUEUE_NAME, RedisRunner, startBlockWorker, type BlockWorker } from "../../distributed/index.js";
import { modelKey } from "../../distributed/block.js";
import { runExperiment, runExperimentsParallel } from "../../sim/experiment/index.js";
import { toyModel, toySim, toyUrl } from "../experiment/toy.js";
import { startRedis, type TestRedis } from "./redis-server.js";

let redis: TestRedis;
let worker: BlockWorker;
const logs: string[] = [];

beforeAll(async () => {
  redis = await startRedis();
  worker = await startBlockWorker({ url: redis.url, concurrency: 2, stalledIntervalMs: 1000, simulator: toyUrl, log: (l) => void logs.push(l) });
});
afterAll(async () => {
  await worker?.close();
  await redis?.stop();
});

describe("RedisRunner with a block worker", () => {
  it("gives the in-thread result bit for bit, with the automatic warm-up, for two models", async () => {
    const models = [toyModel(), toyModel({ capacityPerDay: 3 })];
    const options = { replications: 7, seed: 4, warmup: "auto" as const };
    const runner = await RedisRunner.connect({ url: redis.url, blockSize: 3 });
    const seen: number[] = [];
    try {
      const results = await runExperimentsParallel(runner, models, { ...options, onProgress: (done) => void seen.push(done) });
      expect(results).toEqual(models.map((m) => runExperiment(toySim, m, options)));
      expect(JSON.stringify(results)).toBe(JSON.stringify(models.map((m) => runExperiment(toySim, m, options))));
      // Progress reached the end of each phase (pilot, then KPIs) through the queue's events.
      expect(seen).toContain(14);
      expect(seen[seen.length - 1]).toBe(28);
    } finally {
      await runner.close();
    }
  });

  it("answers two identical models of one run from one job (a scenario compared with itself)", async () => {
    const model = toyModel({ arrivalsPerDay: 1.8 });
    const twin = toyModel({ arrivalsPerDay: 1.8 });
    const options = { replications: 4, seed: 21 };
    const runner = await RedisRunner.connect({ url: redis.url, blockSize: 2 });
    try {
      const [a, b] = await runExperimentsParallel(runner, [model, twin], options);
      expect(a).toEqual(runExperiment(toySim, model, options));
      expect(b).toEqual(a);
    } finally {
      await runner.close();
    }
  });

  it("names blocks by their content, so a resubmission adds no job and reads the kept results", async () => {
    const model = toyModel({ arrivalsPerDay: 1.5 });
    const options = { replications: 5, seed: 9 };
    const runner = await RedisRunner.connect({ url: redis.url, blockSize: 2 });
    const queue = new Queue(QUEUE_NAME, { connection: { host: "127.0.0.1", port: redis.port } });
    try {
      const first = await runExperimentsParallel(runner, [model], options);
      const blocks = planBlocks(
        Array.from({ length: 5 }, (_, r) => ({ model, seed: 9, replication: r, kind: "summary" as const, warmupWeeks: 0, keepRecords: false })),
        2,
        codeVersion(),
      );
      // Five replications are few enough for one a block (a block holds at most an eighth of those left).
      expect(blocks.map((b) => [b.data.first, b.data.count])).toEqual([[0, 1], [1, 1], [2, 1], [3, 1], [4, 1]]);
      const before = await queue.getJobCounts("completed");
      const again = await runExperimentsParallel(runner, [model], options);
      expect(again).toEqual(first);
      expect(await queue.getJobCounts("completed")).toEqual(before);
      for (const b of blocks) expect(await queue.getJobState(b.jobId)).toBe("completed");
    } finally {
      await queue.close();
      await runner.close();
    }
  });

  it("writes a run's model to Redis once, under its hash, and its blocks carry only the hash", async () => {
    const model = toyModel({ arrivalsPerDay: 1.7 });
    const options = { replications: 6, seed: 4 };
    const runner = await RedisRunner.connect({ url: redis.url, blockSize: 2 });
    const queue = new Queue(QUEUE_NAME, { connection: { host: "127.0.0.1", port: redis.port } });
    try {
      const [result] = await runExperimentsParallel(runner, [model], options);
      expect(JSON.stringify(result)).toBe(JSON.stringify(runExperiment(toySim, model, options)));
      const blocks = planBlocks(
        Array.from({ length: 6 }, (_, r) => ({ model, seed: 4, replication: r, kind: "summary" as const, warmupWeeks: 0, keepRecords: false })),
        2,
        codeVersion(),
      );
      expect(new Set(blocks.map((b) => b.data.modelHash)).size).toBe(1);
      for (const b of blocks) {
        const job = await queue.getJob(b.jobId);
        expect(job?.data.modelHash).toBe(b.data.modelHash);
        expect(Object.keys(job!.data)).not.toContain("model");
      }
      const stored = await (await queue.getBackend().client).get(modelKey(blocks[0].data.modelHash));
      expect(stored).toBe(blocks[0].model);
      expect(decode(stored!)).toEqual(model);
    } finally {
      await queue.close();
      await runner.close();
    }
  });

  it("fails a block whose model is not in Redis, and says to submit the run again", async () => {
    const model = toyModel({ arrivalsPerDay: 1.1 });
    const [block] = planBlocks([{ model, seed: 77, replication: 0, kind: "summary", warmupWeeks: 0, keepRecords: false }], 1, codeVersion());
    const queue = new Queue(QUEUE_NAME, { connection: { host: "127.0.0.1", port: redis.port } });
    try {
      // Queued by hand, without its model (as if the model's time in Redis had run out).
      await (await queue.getBackend().client).del(modelKey(block.data.modelHash));
      await queue.add("block", block.data, { jobId: block.jobId });
      await expect.poll(async () => await queue.getJobState(block.jobId), { timeout: 10_000 }).toBe("failed");
      expect((await queue.getJob(block.jobId))?.failedReason).toMatch(/^the model of block blk-[0-9a-f]+ \(.*replications 0–0\) is no longer in Redis .*submit the run again$/);
    } finally {
      await queue.close();
    }
  });

  it("fails a block of another code version, and the worker says why", async () => {
    const model = toyModel();
    const [block] = planBlocks([{ model, seed: 1, replication: 0, kind: "summary", warmupWeeks: 0, keepRecords: false }], 1, "0.0.0+000000000000");
    const queue = new Queue(QUEUE_NAME, { connection: { host: "127.0.0.1", port: redis.port } });
    try {
      const job = await queue.add("block", block.data, { jobId: block.jobId });
      await expect.poll(async () => await queue.getJobState(block.jobId), { timeout: 10_000 }).toBe("failed");
      const failed = await queue.getJob(job.id!);
      expect(failed?.failedReason).toMatch(new RegExp(`runs mhst ${codeVersion().replace(/[+.]/g, "\\$&")} and refuses block .* of mhst 0\\.0\\.0\\+000000000000`));
      expect(logs.some((l) => l.includes("refuses") && l.includes("0.0.0+000000000000"))).toBe(true);
    } finally {
      await queue.close();
    }
  });
});
