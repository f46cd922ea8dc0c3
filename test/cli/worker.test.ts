import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { startRedis, type TestRedis } from "../distributed/redis-server.js";

const BIN = fileURLToPath(new URL("../../bin/mhst.js", import.meta.url));

/** A `mhst` child process whose output is collected as it comes. */
interface Proc {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: Proc[] = [];
let redis: TestRedis | null = null;

function mhst(...args: string[]): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const p: Proc = {
    child,
    stdout: "",
    stderr: "",
    exited: new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal }))),
  };
  child.stdout!.on("data", (d: Buffer) => void (p.stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => void (p.stderr += d.toString()));
  started.push(p);
  return p;
}

/** Resolves once `pattern` appears on the process's stderr (fails after 60 s or if it exits first). */
async function waitFor(p: Proc, pattern: RegExp): Promise<RegExpMatchArray> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = p.stderr.match(pattern);
    if (m) return m;
    if (p.child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${pattern} from mhst ${p.child.spawnargs.slice(2).join(" ")}:\n${p.stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

afterEach(async () => {
  for (const p of started.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    await p.exited;
  }
  await redis?.stop();
  redis = null;
});

// A small experiment: trailblazer-team (one team), 9 replications in blocks of 3.
const EXPERIMENT = ["run", "trailblazer-team", "--reps", "9", "--seed", "3", "--scope", "service,team", "--json"];

describe("mhst worker and run --redis", () => {
  it("survives a worker killed mid-block: the merged result equals a local run byte for byte", async () => {
    redis = await startRedis();
    const local = mhst(...EXPERIMENT, "--workers", "1");
    const a = mhst("worker", "--redis", redis.url, "--concurrency", "1", "--stalled-interval", "500");
    const b = mhst("worker", "--redis", redis.url, "--concurrency", "1", "--stalled-interval", "500");
    await Promise.all([waitFor(a, /serving mhst-blocks/), waitFor(b, /serving mhst-blocks/)]);
    const run = mhst(...EXPERIMENT, "--redis", redis.url, "--block-size", "3");
    const [, killedBlock] = await waitFor(a, /started block (blk-[0-9a-f]+)/);
    a.child.kill("SIGKILL");
    expect((await a.exited).signal).toBe("SIGKILL");
    expect(a.stderr).not.toContain(`finished block ${killedBlock}`);
    const [done, ref] = await Promise.all([run.exited, local.exited]);
    expect(ref.code).toBe(0);
    expect(done.code, run.stderr).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(1000);
    expect(run.stdout).toBe(local.stdout);
    // The block the killed worker held was run again, by the other worker, exactly once.
    expect(b.stderr.split(`finished block ${killedBlock}`).length - 1).toBe(1);
    const result = JSON.parse(run.stdout) as { replications: number; kpis: { values: unknown[] }[] };
    expect(result.replications).toBe(9);
    expect(result.kpis[0].values).toHaveLength(9);
  });

  it("gives compare, sweep and solve the same output through the queue as locally", async () => {
    redis = await startRedis();
    const w = mhst("worker", "--redis", redis.url, "--concurrency", "2", "--stalled-interval", "500");
    await waitFor(w, /serving mhst-blocks/);
    const commands = [
      ["compare", "trailblazer-team", "--set-b", "casework.slotsPerDay=4", "--reps", "4", "--json"],
      ["sweep", "trailblazer-team", "--param", "casework.slotsPerDay", "--values", "3,4", "--reps", "3", "--json"],
      ["solve", "trailblazer-team", "--target", "waitWeeksMean <= 30", "--vary", "casework.slotsPerDay", "--min", "3", "--max", "5", "--step", "1", "--reps", "3", "--json"],
    ];
    for (const args of commands) {
      const local = mhst(...args, "--workers", "1");
      const queued = mhst(...args, "--redis", redis.url, "--block-size", "2");
      const [l, q] = await Promise.all([local.exited, queued.exited]);
      expect(q.code, queued.stderr).toBe(l.code);
      expect(queued.stdout.length).toBeGreaterThan(100);
      expect(queued.stdout).toBe(local.stdout);
    }
  }, 180_000);

  it("stops with a clear one-line error when Redis goes away mid-run, printing no result", async () => {
    redis = await startRedis();
    const w = mhst("worker", "--redis", redis.url, "--concurrency", "1");
    await waitFor(w, /serving mhst-blocks/);
    const run = mhst(...EXPERIMENT, "--redis", redis.url, "--block-size", "1");
    await waitFor(w, /started block/);
    await redis.stop();
    const done = await run.exited;
    expect(done.code).toBe(1);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^mhst: --redis: lost the connection to Redis at redis://127\\.0\\.0\\.1:${redis.port} during the run \\(.+\\); no result was kept$`));
  });

  it("refuses an unreachable --redis at once with exit 2 and one line naming the flag", async () => {
    redis = await startRedis();
    const port = redis.port;
    await redis.stop();
    for (const args of [[...EXPERIMENT, "--redis", `redis://127.0.0.1:${port}`], ["worker", "--redis", `redis://127.0.0.1:${port}`], ["run", "trailblazer-team", "--redis", "http://x"]]) {
      const p = mhst(...args);
      const { code } = await p.exited;
      expect(code).toBe(2);
      expect(p.stdout).toBe("");
      expect(p.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(p.stderr).toMatch(/^mhst: --redis: (cannot reach redis:\/\/127\.0\.0\.1:\d+ \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)|"http:\/\/x" must be a redis:\/\/ or rediss:\/\/ URL)/);
    }
  });

  it("refuses --out with --redis (records do not travel through the queue)", async () => {
    const p = mhst("run", "trailblazer-team", "--redis", "redis://127.0.0.1:1", "--out", "/tmp/never-written");
    expect((await p.exited).code).toBe(2);
    expect(p.stderr).toBe("mhst: --out: records are not sent through the queue; drop --out or --redis\n");
  });
});
