import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { createApp, DatabaseDamagedError, openDatabase } from "../../../server/index.js";
import { gatedEngine, tempDataDir } from "../helpers.js";

const root = join(import.meta.dirname, "..", "..", "..");

/** A real database with `runs` runs in it, closed (so everything is in the main file). */
function realDatabase(dir: string, runs: number): string {
  const mhst = createApp({ dataDir: dir, engine: gatedEngine(), log: () => {} });
  for (let i = 0; i < runs; i++) mhst.runs.create({ id: `run-${i}`, kind: "run", scenarioName: `Scenario ${i} ${"x".repeat(200)}`, request: { i }, total: 1 });
  mhst.db.close();
  return join(dir, "mhst.sqlite");
}

function expectAdvice(message: string, file: string): void {
  expect(message.split("\n")).toHaveLength(1);
  expect(message).toContain(`the database ${file} is damaged or unreadable`);
  expect(message).toContain(`mv ${file} ${file}.damaged`);
  expect(message).toContain("restore it from a backup");
}

describe("a damaged database", () => {
  const dirs: { remove: () => void }[] = [];
  const temp = () => {
    const d = tempDataDir();
    dirs.push(d);
    return d.dir;
  };
  afterAll(() => dirs.forEach((d) => d.remove()));

  it("refuses a file that is not SQLite at start, naming the file and what to do", () => {
    const dir = temp();
    const file = join(dir, "mhst.sqlite");
    writeFileSync(file, "certainly not a database\n".repeat(400));
    let err: unknown;
    try {
      openDatabase(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatabaseDamagedError);
    expectAdvice((err as Error).message, file);
    expect((err as Error).message).toContain("file is not a database");
  });

  it("refuses a truncated database at start (quick_check)", () => {
    const dir = temp();
    const file = realDatabase(dir, 400);
    const good = readFileSync(file);
    expect(good.length).toBeGreaterThan(50_000);
    truncateSync(file, Math.floor(good.length / 2));
    expect(() => openDatabase(dir)).toThrow(DatabaseDamagedError);
    expect(() => createApp({ dataDir: dir, engine: gatedEngine(), log: () => {} })).toThrow(/is damaged or unreadable \(.*\): stop the server/);
    // The intact copy opens and holds its runs.
    writeFileSync(file, good);
    const db = openDatabase(dir);
    expect((db.prepare("SELECT COUNT(*) AS n FROM runs").get() as { n: number }).n).toBe(400);
    db.close();
  });

  it("`npm start` on a damaged database prints one line and exits 2", () => {
    const dir = temp();
    writeFileSync(join(dir, "mhst.sqlite"), Buffer.alloc(8192, 0x5a));
    const r = spawnSync(process.execPath, [join(root, "dist", "server", "main.js")], { env: { ...process.env, DATA_DIR: dir, PORT: "0" }, encoding: "utf8", timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const file = join(dir, "mhst.sqlite");
    expect(r.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/^mhst: the database /)]);
    expectAdvice(r.stderr.trimEnd(), file);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("answers a read error during a request with 503 and the advice, and stays up", async () => {
    const dir = temp();
    const file = realDatabase(dir, 300);
    const logged: string[] = [];
    const mhst = createApp({ dataDir: dir, engine: gatedEngine(), log: (l) => logged.push(l) });
    try {
      expect((await request(mhst.app).get("/api/runs").expect(200)).body.runs.length).toBe(100);
      // Another connection writes (so this one drops its page cache), then the file is damaged.
      const other = new Database(file);
      other.prepare("INSERT INTO scenarios (id, name, text, created_at, updated_at) VALUES ('x', 'x', 'x', '', '')").run();
      other.close();
      const size = statSync(file).size;
      const fd = openSync(file, "r+");
      writeSync(fd, Buffer.alloc(size - 4096, 0xab), 0, size - 4096, 4096);
      closeSync(fd);
      const res = await request(mhst.app).get("/api/runs");
      expect(res.status).toBe(503);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expectAdvice(res.body.error, file);
      expect(res.body.error).toContain("database disk image is malformed");
      expect(logged.some((l) => l.includes("is damaged"))).toBe(true);
      // Still up: health answers, and so does a second read (503 again).
      await request(mhst.app).get("/api/health").expect(200);
      expect((await request(mhst.app).get("/api/runs/run-3")).status).toBe(503);
    } finally {
      mhst.db.close();
    }
  });
});
