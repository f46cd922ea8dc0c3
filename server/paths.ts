import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The package root (the folder with mhst-sim's package.json), found from this module whether
 * it runs from the TypeScript sources (tests) or from dist/ (npm start).
 * @throws Error when no such folder is found above this file.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "mhst-sim") return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("packageRoot: package.json of mhst-sim not found above server/");
    dir = up;
  }
}

/** The dashboard's static files (HTML, CSS) in the source tree. */
export const publicDir = (): string => join(packageRoot(), "server", "public");

/** The dashboard's compiled browser module (tsc writes server/web/*.ts here). */
export const webDir = (): string => join(packageRoot(), "dist", "server", "web");

/** mhst-sim's version, from its package.json (for a report's provenance). */
export const packageVersion = (): string => (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
