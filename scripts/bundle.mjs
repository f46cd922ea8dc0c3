// `npm run build` (after tsc) and `npm start`: bundles the compiled CLI and
// server (dist/) into a few minified files in dist/bundle/, so that `mhst` and the server start
// without resolving, reading and compiling hundreds of small modules. The bundle is the same
// code as dist/: bin/mhst.js uses it only while it is newer than dist/cli/main.js, else dist/.
// BUNDLE_METAFILE=<file> writes esbuild's account of which inputs went into which output.
// Plain JavaScript, so it runs before anything is built.
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
/** Where the bundle goes: dist/bundle, or the folder given as the first argument (tests). */
const outdir = process.argv[2] ? resolve(process.argv[2]) : join(root, "dist", "bundle");
/** Built beside it and renamed into place, so a command starting meanwhile finds the old bundle or none, never half of one. */
const building = `${outdir}.building-${process.pid}`;

/**
 * Packages bundled with their whole dependency trees: what `mhst --help`, `mhst scenario check`
 * and the server before its first request load. Every other package is left to node_modules
 * and loads as before, when a command or route needs it (native addons, the chart, table,
 * document and queue libraries, which read files next to their own code).
 */
const BUNDLED = new Set(["commander", "yaml", "zod", "express", "helmet"]);
/**
 * Dependencies of bundled packages that stay in node_modules: iconv-lite loads its large tables
 * only when a body is not UTF-8, and mime-db's table loads faster as JSON (JSON.parse) than as
 * the object literal a bundle would make of it.
 */
const LEFT_OUT = new Set(["iconv-lite", "mime-db"]);

const packageOf = (specifier) => (specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]);

/** @type {import("esbuild").Plugin} */
const chooseBundled = {
  name: "choose-bundled",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:")) return { external: true };
      const pkg = packageOf(args.path);
      if (LEFT_OUT.has(pkg)) return { external: true };
      const fromPackage = /[\\/]node_modules[\\/]/.test(args.importer);
      return BUNDLED.has(pkg) || fromPackage ? undefined : { external: true };
    });
    // zod's index re-exports its ~50 translations of error messages (z.locales); the project
    // uses none but the English default, which zod's schemas import directly.
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => (/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: "zod-locales", namespace: "mhst" } : undefined));
    build.onLoad({ filter: /^zod-locales$/, namespace: "mhst" }, () => ({
      contents: `export { default as en } from "zod/v4/locales/en.js";`,
      resolveDir: root,
    }));
    // A project module finds files next to itself (the experiment worker and simulator, the
    // package root, dist/sim for the code version): in the bundle, its import.meta.url stays the
    // URL of its compiled file in dist/, so all of them resolve exactly as they do unbundled.
    const distDir = join(root, "dist") + sep;
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(distDir)) return undefined;
      const own = JSON.stringify(relative(outdir, args.path).split(sep).join("/"));
      const contents = readFileSync(args.path, "utf8").replaceAll("import.meta.url", `new URL(${own}, import.meta.url).href`);
      return { contents, loader: "js" };
    });
  },
};

let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  process.stderr.write("bundle: esbuild is not installed (a dev dependency); mhst and the server run from dist/ unbundled\n");
  process.exit(0);
}

try {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: {
      mhst: "dist/cli/main.js",
      server: "dist/server/main.js",
    },
    outdir: building,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // BUNDLE_MINIFY=0 keeps names and layout, for reading a CPU profile.
    minify: process.env.BUNDLE_MINIFY !== "0",
    sourcemap: "linked",
    legalComments: "linked",
    logLevel: "warning",
    // Bundled CommonJS packages require Node's built-ins (and iconv-lite) at run time.
    banner: { js: `import { createRequire as __mhstCreateRequire } from "node:module"; const require = __mhstCreateRequire(import.meta.url);` },
    plugins: [chooseBundled],
    metafile: Boolean(process.env.BUNDLE_METAFILE),
  }).then((result) => {
    // Esbuild's account of which inputs went into which output file, under the bundle's final name.
    if (process.env.BUNDLE_METAFILE) {
      const outputs = Object.fromEntries(Object.entries(result.metafile.outputs).map(([file, o]) => [relative(root, join(outdir, relative(building, join(root, file)))), o]));
      writeFileSync(process.env.BUNDLE_METAFILE, JSON.stringify({ ...result.metafile, outputs }));
    }
  });
  rmSync(outdir, { recursive: true, force: true });
  renameSync(building, outdir);
} finally {
  rmSync(building, { recursive: true, force: true });
}
