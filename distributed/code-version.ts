/**
 * The code version of this install: the package version and a hash of the compiled
 * simulation core and block protocol (dist/sim and dist/distributed), e.g.
 * `0.1.0+3f9a1c0b2d4e`. Two installs with the same version give the same replication results
 * bit for bit and read each other's blocks, so a worker serves only blocks of its own version.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The compiled dist/ folder: this module's dist/ twin's when run from the TypeScript sources. */
function distDir(): string {
  return fileURLToPath(import.meta.url.endsWith(".ts") ? new URL("../dist/", import.meta.url) : new URL("../", import.meta.url));
}

/** The folders of dist/ whose code a block's result or format depends on. */
const HASHED = ["sim", "distributed"];

function packageVersion(): string {
  const url = import.meta.url.endsWith(".ts") ? new URL("../package.json", import.meta.url) : new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".js") ? [join(dir, e.name)] : []))
    .sort();
}

let cached: string | null = null;

/**
 * `<package version>+<first 12 hex digits of the SHA-256 of every .js file under dist/sim and
 * dist/distributed>` (paths and contents, in sorted order; source maps left out). Computed
 * once per process.
 * @throws the file system's error when dist/sim or dist/distributed is missing (build first).
 * @example codeVersion() // "0.1.0+3f9a1c0b2d4e"
 */
export function codeVersion(): string {
  if (cached) return cached;
  const root = distDir();
  const hash = createHash("sha256");
  for (const f of HASHED.flatMap((d) => files(join(root, d)))) {
    hash.update(relative(root, f).split("\\").join("/") + "\0");
    hash.update(readFileSync(f));
    hash.update("\0");
  }
  cached = `${packageVersion()}+${hash.digest("hex").slice(0, 12)}`;
  return cached;
}
