import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

/**
 * Compiles the TypeScript into dist/ once before the suite: worker threads (experiment and
 * server pools) and the `mhst` binary run the compiled JavaScript. tsc still writes its
 * output when it reports type errors; `npm test` type-checks separately first. Also makes the
 * folder the notebooks are built into once (see test/notebooks/built.ts), removed at the end.
 */
export default function setup(project: TestProject): () => void {
  // The notebooks are built once, into a folder of the suite's own (test/notebooks/built.ts).
  const notebooks = mkdtempSync(join(tmpdir(), "mhst-notebooks-"));
  project.provide("notebooksDir", notebooks);
  try {
    execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "pipe" });
  } catch (err) {
    const out = (err as { stdout?: Buffer }).stdout?.toString() ?? "";
    process.stderr.write(`global-setup: tsc reported problems (output still written):\n${out.slice(0, 2000)}\n`);
  }
  return () => rmSync(notebooks, { recursive: true, force: true });
}
