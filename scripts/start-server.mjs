// `npm start` (after scripts/build-if-stale.mjs): runs the server from dist/bundle/server.js
// (scripts/bundle.mjs: the same code in a few minified files, which start faster) while it is at
// least as new as dist/server/main.js, else from dist/server/main.js.
import { statSync } from "node:fs";

const mtime = (path) => statSync(new URL(path, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundle = mtime("../dist/bundle/server.js");
await import(bundle >= 0 && bundle >= mtime("../dist/server/main.js") ? "../dist/bundle/server.js" : "../dist/server/main.js");
