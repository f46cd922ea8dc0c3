import { execFileSync } from "node:child_process";

/**
 * Compiles the TypeScript into dist/ once before the suite: worker threads (experiment and
 * server pools) and the `mhst` binary run the compiled JavaScript. tsc still writes its
 * output when it reports type errors; `npm test` type-checks separately first.
 */
export default function setup(): void {
  try {
    execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "pipe" });
  } catch (err) {
    const out = (err as { stdout?: Buffer }).stdout?.toString() ?? "";
    process.stderr.write(`global-setup: tsc reported problems (output still written):\n${out.slice(0, 2000)}\n`);
  }
}
