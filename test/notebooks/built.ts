import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { inject } from "vitest";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..", "..");

declare module "vitest" {
  export interface ProvidedContext {
    /** A folder of the suite's own (made by the global setup, removed after it) for the notebooks built once. */
    notebooksDir: string;
  }
}

/**
 * The notebooks built once per test run with the project's own build script (data loaders run
 * against dist/, which the suite's global setup compiles), shared by the test files that read
 * them: the first to ask builds, the others wait for it. Gives the output folder and the build's
 * stdout and stderr.
 */
export async function builtNotebooks(): Promise<{ out: string; log: string }> {
  const dir = inject("notebooksDir");
  const out = join(dir, "site");
  const done = join(dir, "done.json");
  let builder = false;
  try {
    mkdirSync(join(dir, "lock"));
    builder = true;
  } catch {
    // Another test file builds them: wait for its result.
  }
  if (builder) {
    const started = performance.now();
    let log: string;
    try {
      const result = await run(process.execPath, [join(root, "notebooks", "build.js")], {
        cwd: root,
        env: { ...process.env, MHST_NOTEBOOKS_OUT: out },
        maxBuffer: 32 * 1024 * 1024,
        timeout: 170_000,
      });
      log = `${result.stdout}\n${result.stderr}\nbuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`;
    } catch (err) {
      writeFileSync(done, JSON.stringify({ error: String((err as Error).message).slice(0, 4000) }));
      throw err;
    }
    writeFileSync(done, JSON.stringify({ log }));
  }
  for (let waited = 0; !existsSync(done); waited += 200) {
    if (waited > 180_000) throw new Error("notebooks: the build by another test file did not finish in 180 s");
    await new Promise((r) => setTimeout(r, 200));
  }
  const result = JSON.parse(readFileSync(done, "utf8")) as { log?: string; error?: string };
  if (result.error !== undefined) throw new Error(`notebooks: the build failed: ${result.error}`);
  return { out, log: result.log! };
}
