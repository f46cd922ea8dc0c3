// `npm start` and `npm run bench`: compile the TypeScript into dist/ only when a source file is
// newer than its compiled file (or has none), or a tsconfig changed since the last build; then
// bundle dist/ (scripts/bundle.mjs) when the bundle is older than what it bundles.
// Plain JavaScript, so it runs before anything is built.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCES = ["sim", "cli", "scenarios", "server", "bench"];

function* tsFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(path);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) yield path;
  }
}

const mtime = (path) => statSync(path).mtimeMs;
const stale = [];
let oldestOut = Infinity;
for (const folder of SOURCES) {
  const dir = join(root, folder);
  if (!existsSync(dir)) continue;
  for (const src of tsFiles(dir)) {
    const out = join(root, "dist", relative(root, src)).replace(/\.ts$/, ".js");
    if (!existsSync(out)) stale.push(src);
    else {
      const t = mtime(out);
      oldestOut = Math.min(oldestOut, t);
      if (mtime(src) > t) stale.push(src);
    }
  }
}
const configs = ["tsconfig.json", "tsconfig.build.json", "package.json"].map((f) => join(root, f)).filter((f) => existsSync(f) && mtime(f) > oldestOut);
if (stale.length > 0 || configs.length > 0) {
  const why = stale.length > 0 ? `${stale.length} source file(s) newer than dist/, e.g. ${relative(root, stale[0])}` : `${relative(root, configs[0])} changed`;
  process.stderr.write(`build: ${why}; compiling\n`);
  const tsc = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}
// The bundle (scripts/bundle.mjs) follows dist/: rebuilt when any entry it bundles, or the script, is newer.
const bundleTime = existsSync(join(root, "dist", "bundle", "mhst.js")) ? mtime(join(root, "dist", "bundle", "mhst.js")) : -1;
const inputs = ["dist/cli/main.js", "dist/server/main.js", "scripts/bundle.mjs"].map((f) => join(root, f));
if (inputs.some((f) => !existsSync(f) || mtime(f) > bundleTime)) {
  // Without a fresh bundle, bin/mhst.js and scripts/start-server.mjs run dist/ as it is.
  const bundle = spawnSync(process.execPath, [join(root, "scripts", "bundle.mjs")], { stdio: "inherit" });
  if (bundle.status !== 0) process.stderr.write("build: bundling failed; running from dist/ unbundled\n");
}
