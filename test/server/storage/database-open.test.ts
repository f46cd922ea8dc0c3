import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../../server/index.js";
import { tempDataDir } from "../helpers.js";

/** The settings a connection runs with, and the tables the file holds. */
function settings(db: ReturnType<typeof openDatabase>) {
  return {
    journal: db.pragma("journal_mode", { simple: true }),
    synchronous: db.pragma("synchronous", { simple: true }),
    foreignKeys: db.pragma("foreign_keys", { simple: true }),
    tables: (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name),
  };
}

describe("opening the database", () => {
  const data = tempDataDir();
  afterAll(() => data.remove());
  const expected = { journal: "wal", synchronous: 1, foreignKeys: 1, tables: ["run_kpis", "run_results", "runs", "scenarios"] };

  it("creates a new file in WAL mode with its tables, and writes to it with NORMAL durability", () => {
    const file = join(data.dir, "mhst.sqlite");
    expect(existsSync(file)).toBe(false);
    const db = openDatabase(data.dir);
    expect(settings(db)).toEqual(expected);
    db.prepare("INSERT INTO scenarios (id, name, text, created_at, updated_at) VALUES ('s', 'S', 'name: S', 'now', 'now')").run();
    db.close();
    expect(existsSync(file)).toBe(true);
  });

  it("reopens the file with the same settings and what was written", () => {
    const db = openDatabase(data.dir);
    expect(settings(db)).toEqual(expected);
    expect(db.prepare("SELECT name FROM scenarios").all()).toEqual([{ name: "S" }]);
    db.close();
  });
});
