/**
 * The dashboard server as `npm start` runs it (scripts/start-server.mjs: the bundle while it is
 * fresh), on a free port with an empty temporary DATA_DIR, for the benchmarks that time it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** dist/bench/server-process.js → the package root. */
const root = fileURLToPath(new URL("../../", import.meta.url));

/** A started server: its URL once it printed it, and `stop()` (kills it, removes its data). */
export interface ServerProcess {
  readonly child: ChildProcess;
  /** Resolves to `http://host:port/` as the server prints it when listening. */
  readonly url: Promise<string>;
  stop(): Promise<void>;
}

/** Spawns the server; `url` rejects if it exits before listening. */
export function startServerProcess(): ServerProcess {
  const dataDir = mkdtempSync(join(tmpdir(), "mhst-bench-server-"));
  const child = spawn(process.execPath, [join(root, "scripts", "start-server.mjs")], { env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir }, stdio: ["ignore", "pipe", "inherit"] });
  const url = new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/\S+\//.exec(out);
      if (m) resolve(m[0]);
    });
    child.on("exit", (code) => reject(new Error(`bench: the server exited with ${code}`)));
  });
  return {
    child,
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill();
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The value after `--name` in a benchmark's flags, or undefined. */
export function flagValue(flags: readonly string[], name: string): string | undefined {
  const i = flags.indexOf(name);
  return i >= 0 ? flags[i + 1] : undefined;
}
