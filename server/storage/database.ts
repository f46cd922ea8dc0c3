import Database from "better-sqlite3";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseDamagedError, isDatabaseDamage } from "./database-error.js";

/** The SQLite handle the stores share. */
export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS scenarios (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  text        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
  id             TEXT PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('run', 'compare', 'solve')),
  status         TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'interrupted', 'cancelled')),
  scenario_name  TEXT NOT NULL,
  request_json   TEXT NOT NULL,
  progress_done  INTEGER NOT NULL DEFAULT 0,
  progress_total INTEGER NOT NULL DEFAULT 0,
  error          TEXT,
  created_at     TEXT NOT NULL,
  started_at     TEXT,
  finished_at    TEXT
);
CREATE INDEX IF NOT EXISTS runs_created ON runs (created_at);
CREATE TABLE IF NOT EXISTS run_results (
  run_id      TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  result_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS run_kpis (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  scope  TEXT NOT NULL,
  kpi    TEXT NOT NULL,
  mean   REAL,
  lo     REAL,
  hi     REAL,
  PRIMARY KEY (run_id, scope, kpi)
);
`;

/** The database file of a data folder. */
export const databaseFile = (dataDir: string): string => (dataDir === ":memory:" ? ":memory:" : join(dataDir, "mhst.sqlite"));

/**
 * Opens (creating when needed) `<dataDir>/mhst.sqlite` in WAL mode with foreign keys on, checks
 * it with `PRAGMA quick_check`, and creates the tables. `dataDir` ":memory:" opens a private
 * in-memory database (tests).
 * @throws DatabaseDamagedError when the file is not a SQLite database, fails the check or
 *   cannot be read; whatever the file system throws when the folder cannot be created.
 * @example const db = openDatabase("./data");
 */
export function openDatabase(dataDir: string): Db {
  const file = databaseFile(dataDir);
  if (dataDir !== ":memory:") mkdirSync(dataDir, { recursive: true });
  const fresh = dataDir !== ":memory:" && !existsSync(file);
  const db = new Database(file);
  try {
    // A new file holds nothing yet: creating it (the switch to WAL, the tables) skips the disk
    // flushes, some ten of them, which take tens of milliseconds on a slow disk. Only a power
    // cut in those milliseconds could leave it damaged, and the check at the next start says so.
    // Every write after that is flushed as usual (NORMAL).
    if (fresh) db.pragma("synchronous = OFF");
    db.pragma("journal_mode = WAL");
    if (!fresh) db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    const check = db.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new DatabaseDamagedError(file, `quick_check: ${String(check)}`);
    db.exec(SCHEMA);
    if (fresh) db.pragma("synchronous = NORMAL");
  } catch (err) {
    db.close();
    if (isDatabaseDamage(err)) throw new DatabaseDamagedError(file, (err as Error).message);
    throw err;
  }
  return db;
}
