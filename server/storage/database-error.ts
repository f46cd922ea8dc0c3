/**
 * A damaged or unreadable database file, reported in one line that names the file and what to
 * do, instead of SQLite's raw error and a stack trace.
 */

/** SQLite result codes (and their extended forms) that mean the file itself is damaged or cannot be read. */
const DAMAGE_CODES = /^SQLITE_(CORRUPT|NOTADB|IOERR)/;

/**
 * Whether an error thrown by better-sqlite3 means the database file is damaged or unreadable
 * (`SQLITE_CORRUPT`, `SQLITE_NOTADB`, `SQLITE_IOERR` and their extended codes).
 * @example isDatabaseDamage(err) // true for "database disk image is malformed"
 */
export function isDatabaseDamage(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && DAMAGE_CODES.test(code);
}

/**
 * The database file is damaged (or unreadable). Its message is one line: the file, SQLite's
 * reason, and what to do: move it aside to start with an empty database, or restore a backup.
 * @example new DatabaseDamagedError("data/mhst.sqlite", "file is not a database").message
 */
export class DatabaseDamagedError extends Error {
  override readonly name = "DatabaseDamagedError";
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(
      `the database ${file} is damaged or unreadable (${detail.split("\n")[0]}): stop the server and move the file aside ` +
        `(mv ${file} ${file}.damaged, with its -wal and -shm files) to start with an empty database, or restore it from a backup`,
    );
  }
}
