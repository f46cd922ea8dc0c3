/**
 * Benchmark: one experiment through the Redis block queue with 1 and then 2 `mhst worker`
 * processes (one thread each) on this machine, against the same experiment on a local
 * one-thread pool. Reports the efficiency of two workers (ideal: half the one-worker time)
 * and the queue's overhead per block (one worker through Redis against the local pool).
 * Each configuration gets a fresh `redis-server` on a free loopback port, so no block is read
 * back from an earlier run, and is warmed up (one block per worker, not timed) so that the
 * threads' start and the simulator's compilation are not counted.
 *
 * Run: `npm run bench -- distributed [reps] [--block-size N] [--scenario ID] [--years N]`
 * (default: the experiment of the one-machine target, trailblazer-wave × 3 school years × 100
 * replications, in blocks of 4: a block's work, under a second, is what a real distributed run
 * hands out, so the queue's cost per block is seen against it).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { blockCap, RedisRunner } from "../distributed/index.js";
import { loadScenario } from "../scenarios/index.js";
import { ExperimentPool, runExperimentParallel, type ExperimentResult, type ReplicationRunner } from "../sim/experiment/index.js";
import type { Benchmark, BenchOut } from "./registry.js";
import { flagValue } from "./server-process.js";

const BIN = fileURLToPath(new URL("../../bin/mhst.js", import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Starts a child and resolves once `ready` appears on its stdout or stderr. */
function startChild(cmd: string, args: string[], ready: RegExp): Promise<ChildProcess> {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${cmd} did not start: ${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited with ${code}: ${out}`));
    });
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} could not be started: ${err.message}`));
    });
  });
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(child.pid!, signal);
  await exited;
}

async function timed(runner: ReplicationRunner, model: object, reps: number): Promise<{ seconds: number; result: ExperimentResult }> {
  const t = performance.now();
  const result = await runExperimentParallel(runner, model as never, { replications: reps, seed: 1 });
  return { seconds: (performance.now() - t) / 1000, result };
}

/** Runs the experiment through a fresh Redis with `workers` worker processes. */
async function throughRedis(model: object, reps: number, blockSize: number, workers: number): Promise<{ seconds: number; result: ExperimentResult }> {
  const port = await freePort();
  const redis = await startChild("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], /Ready to accept connections/);
  const url = `redis://127.0.0.1:${port}`;
  const procs: ChildProcess[] = [];
  try {
    for (let i = 0; i < workers; i++) procs.push(await startChild(process.execPath, [BIN, "worker", "--redis", url, "--concurrency", "1"], /serving mhst-blocks/));
    const runner = await RedisRunner.connect({ url, blockSize });
    try {
      // Each worker process starts its thread and compiles the simulator on its first block:
      // one block per worker first (another seed, so no block is shared with the timed run).
      await runExperimentParallel(runner, model as never, { replications: blockSize * workers, seed: 999 });
      return await timed(runner, model, reps);
    } finally {
      await runner.close();
    }
  } finally {
    await Promise.all(procs.map((p) => stop(p, "SIGTERM")));
    await stop(redis, "SIGKILL");
  }
}

/** The benchmark for `bench/run.ts`. */
export const distributedBenchmark: Benchmark = {
  name: "distributed",
  description: "one experiment through Redis with 1 and 2 worker processes: efficiency, queue overhead per block [reps] [--block-size N] [--scenario ID] [--years N]",
  async run(flags: readonly string[], out: BenchOut) {
    const flag = (name: string) => flagValue(flags, name);
    const reps = flags[0] !== undefined && !flags[0].startsWith("-") ? Number(flags[0]) : 100;
    const blockSize = Number(flag("--block-size") ?? 4);
    const scenario = flag("--scenario") ?? "trailblazer-wave";
    const years = Number(flag("--years") ?? 3);
    if (!Number.isInteger(reps) || reps < 1) throw new RangeError(`distributed: reps ${reps} must be a whole number >= 1`);
    if (!Number.isInteger(years) || years < 1) throw new RangeError(`distributed: --years ${years} must be a whole number >= 1`);
    if (spawnSync("redis-server", ["--version"]).error) {
      process.stderr.write("bench distributed: redis-server is not installed; `npm run ensure-redis` installs it\n");
      return 2;
    }
    const model = loadScenario(scenario, { overrides: [`calendar.years=${years}`] });
    // As the runner cuts them: full blocks, then smaller ones towards the end (blockCap).
    let blocks = 0;
    for (let done = 0; done < reps; blocks++) done += blockCap(reps - done, blockSize);
    const load = () => loadavg()[0].toFixed(2);
    out(`distributed: ${scenario} × ${years} school year${years === 1 ? "" : "s"}, ${reps} replications in ${blocks} blocks of at most ${blockSize}, KPIs for every scope; ${availableParallelism()} cores, load average ${load()}`);

    // Warmed up as the Redis workers are (see throughRedis).
    const localPool = async (threads: number) => {
      const pool = new ExperimentPool({ workers: threads });
      await runExperimentParallel(pool, model as never, { replications: blockSize * threads, seed: 999 });
      return await timed(pool, model, reps).finally(() => pool.close());
    };
    const local = await localPool(1);
    out(`  local pool, 1 thread:          ${local.seconds.toFixed(2)} s (load average ${load()})`);
    // Two threads of one process on this machine: the best two worker processes could do here.
    const local2 = await localPool(2);
    out(`  local pool, 2 threads:         ${local2.seconds.toFixed(2)} s (load average ${load()})`);
    const one = await throughRedis(model, reps, blockSize, 1);
    out(`  Redis, 1 worker process:       ${one.seconds.toFixed(2)} s (load average ${load()})`);
    const two = await throughRedis(model, reps, blockSize, 2);
    out(`  Redis, 2 worker processes:     ${two.seconds.toFixed(2)} s (load average ${load()})`);

    const same = [one, two, local2].every((r) => JSON.stringify(r.result) === JSON.stringify(local.result));
    const efficiency = one.seconds / (2 * two.seconds);
    const overheadMs = ((one.seconds - local.seconds) / blocks) * 1000;
    out(`  results identical to the local run: ${same ? "yes" : "NO"}`);
    out(`  efficiency of 2 workers: ${(efficiency * 100).toFixed(0)} % of ideal (goal >= 80 %); speed-up ${(one.seconds / two.seconds).toFixed(2)}×`);
    out(`  queue overhead: ${overheadMs.toFixed(0)} ms per block (1 worker through Redis against the local 1-thread pool)`);
    out(
      `  the machine's own: 2 local threads reach ${((local.seconds / (2 * local2.seconds)) * 100).toFixed(0)} % of ideal (speed-up ${(local.seconds / local2.seconds).toFixed(2)}×); ` +
        `2 Redis workers take ${(two.seconds / local2.seconds).toFixed(2)}× the time of 2 local threads`,
    );
    return same ? 0 : 1;
  },
};
