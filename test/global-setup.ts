import { execFileSync } from "node:child_process";

/**
 * Compiles the TypeScript into dist/ once before the suite: worker threads (experiment and
 * server pools) and the `mhst` binary run the compiled JavaScript.
 */
export default function setup(): void {
  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
}
