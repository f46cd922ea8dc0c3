#!/usr/bin/env node
// The `mhst` command runs the compiled CLI; `npm ci` builds it through the `prepare` script.
// dist/bundle/ (scripts/bundle.mjs) holds the same code in a few minified files, which start
// faster; it runs while it is at least as new as dist/cli/main.js, so that a plain `tsc` build
// is never shadowed by an older bundle.
import { statSync } from "node:fs";

const mtime = (path) => statSync(new URL(path, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundle = mtime("../dist/bundle/mhst.js");
const { main } = await import(bundle >= 0 && bundle >= mtime("../dist/cli/main.js") ? "../dist/bundle/mhst.js" : "../dist/cli/main.js");

process.exitCode = await main(process.argv.slice(2));
