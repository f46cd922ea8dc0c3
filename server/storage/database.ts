import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

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

/**
 * Opens (creating when needed) `<dataDir>/mhst.sqlite` in WAL mode with foreign keys on, and
 * creates the tables. `dataDir` ":memory:" opens a private in-memory database (tests).
 * @throws when the folder cannot be created or the file is not a SQLite database.
 * @example const db = openDatabase("./data");
 */
export function openDatabase(dataDir: string): Db {
  let file = ":memory:";
  if (dataDir !== ":memory:") {
    mkdirSync(dataDir, { recursive: true });
    file = join(dataDir, "mhst.sqlite");
  }
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  db.exec(SCHEMA);
  return db;
}
