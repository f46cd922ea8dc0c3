import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const script = join(import.meta.dirname, "..", "..", "scripts", "build-if-stale.mjs");
const root = mkdtempSync(join(tmpdir(), "mhst-stale-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A package tree with one source and its output; "tsc" here only records that it ran. */
function tree(): void {
  for (const d of ["scripts", "sim", "dist/sim", "dist/cli", "dist/server", "dist/bundle", "node_modules/typescript/bin"]) mkdirSync(join(root, d), { recursive: true });
  copyFileSync(script, join(root, "scripts", "build-if-stale.mjs"));
  writeFileSync(join(root, "node_modules/typescript/bin/tsc"), `require("node:fs").writeFileSync(${JSON.stringify(join(root, "compiled"))}, process.argv.slice(2).join(" "));\n`);
  writeFileSync(join(root, "tsconfig.build.json"), "{}");
  writeFileSync(join(root, "sim", "a.ts"), "export const a = 1;\n");
  writeFileSync(join(root, "dist", "sim", "a.js"), "export const a = 1;\n");
  // The bundler here only records that it ran; the bundle it follows is up to date.
  writeFileSync(join(root, "scripts", "bundle.mjs"), `import { writeFileSync } from "node:fs"; writeFileSync(${JSON.stringify(join(root, "bundled"))}, "");\n`);
  for (const f of ["dist/cli/main.js", "dist/server/main.js"]) writeFileSync(join(root, f), "");
  const old = new Date(Date.now() - 60_000);
  utimesSync(join(root, "tsconfig.build.json"), old, old);
  utimesSync(join(root, "sim", "a.ts"), old, old);
  for (const f of ["scripts/bundle.mjs", "dist/cli/main.js", "dist/server/main.js"]) utimesSync(join(root, f), old, old);
  writeFileSync(join(root, "dist", "bundle", "mhst.js"), "");
}

const run = () => spawnSync(process.execPath, [join(root, "scripts", "build-if-stale.mjs")], { encoding: "utf8" });

describe("build-if-stale", () => {
  it("does nothing when every output is newer than its source", () => {
    tree();
    const r = run();
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(existsSync(join(root, "compiled"))).toBe(false);
    expect(existsSync(join(root, "bundled"))).toBe(false);
  });

  it("bundles again when what the bundle holds is newer than it", () => {
    tree();
    const now = new Date(Date.now() + 5_000);
    utimesSync(join(root, "dist", "cli", "main.js"), now, now);
    const r = run();
    expect(r.status).toBe(0);
    expect(existsSync(join(root, "compiled"))).toBe(false);
    expect(existsSync(join(root, "bundled"))).toBe(true);
    rmSync(join(root, "bundled"));
  });

  it("compiles when a source is newer than its output, or has none", () => {
    tree();
    const now = new Date(Date.now() + 5_000);
    utimesSync(join(root, "sim", "a.ts"), now, now);
    const r = run();
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("build: 1 source file(s) newer than dist/, e.g. sim/a.ts; compiling\n");
    expect(existsSync(join(root, "compiled"))).toBe(true);
    rmSync(join(root, "compiled"));
    tree();
    writeFileSync(join(root, "sim", "b.ts"), "export const b = 2;\n");
    expect(run().stderr).toContain("sim/b.ts");
    expect(existsSync(join(root, "compiled"))).toBe(true);
  });
});
