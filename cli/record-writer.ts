import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { RunRecords } from "../sim/model/records.js";
import { toCsv } from "./output.js";

const TABLES = [
  ["cases", "cases"],
  ["weeks", "weeks"],
  ["practitionerWeeks", "practitioner-weeks"],
] as const;

/**
 * Writes replications' records to a directory as they arrive, one table per kind of record,
 * each as CSV and as a JSON array, with a `replication` column first: cases.csv/json,
 * weeks.csv/json, practitioner-weeks.csv/json. Rows are appended replication by replication,
 * so memory holds one replication at a time.
 */
export class RecordWriter {
  private readonly files: { csv: number; json: number; rows: number }[] = [];

  /** Creates the directory (and parents) and the files. @throws the file system's error. */
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    for (const [, name] of TABLES) {
      const json = openSync(join(dir, `${name}.json`), "w");
      writeSync(json, "[");
      this.files.push({ csv: openSync(join(dir, `${name}.csv`), "w"), json, rows: 0 });
    }
  }

  /** Appends one replication's records. */
  write(records: RunRecords, replication: number): void {
    TABLES.forEach(([key], i) => {
      const f = this.files[i];
      const rows = records[key].map((r) => ({ replication, ...r }));
      if (rows.length === 0) return;
      writeSync(f.csv, toCsv(rows, f.rows === 0));
      writeSync(f.json, (f.rows === 0 ? "\n" : ",\n") + rows.map((r) => JSON.stringify(r)).join(",\n"));
      f.rows += rows.length;
    });
  }

  /** Finishes the JSON arrays and closes the files. */
  close(): void {
    for (const f of this.files) {
      writeSync(f.json, "\n]\n");
      closeSync(f.json);
      closeSync(f.csv);
    }
    this.files.length = 0;
  }
}
