// Builds the notebooks to static HTML: `node notebooks/build.js` (from anywhere).
//
// Framework reuses a data loader's cached output while the loader file itself is older than
// the cache, so an edit to sim/ or scenarios/ would not re-run the loaders. The loaders are the
// analysis, so this script drops their cache first and every build re-runs them against the
// current dist/. The bundled npm modules (src/.observablehq/cache/_node) are kept: they only
// change with package versions.
import { spawnSync } from "node:child_process";
import { rmSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const cache = join(here, "src", ".observablehq", "cache");
let entries = [];
try {
  entries = readdirSync(cache);
} catch {
  // No cache yet: nothing to drop.
}
for (const entry of entries) {
  if (entry !== "_node" && entry !== "_npm") rmSync(join(cache, entry), { recursive: true, force: true });
}

const bin = join(here, "..", "node_modules", ".bin", "observable");
const result = spawnSync(bin, ["build", ...process.argv.slice(2)], { cwd: here, stdio: "inherit" });
if (result.error) throw result.error;
process.exit(result.status ?? 1);
