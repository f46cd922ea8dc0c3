import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const trace = join(import.meta.dirname, "fixtures", "import-trace.mjs");
const runCli = join(import.meta.dirname, "fixtures", "run-cli.mjs");
const dir = mkdtempSync(join(tmpdir(), "mhst-imports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Packages and project folders among the modules a run of `node --import trace <args>` loaded. */
function loaded(file: string): string[] {
  const urls = readFileSync(file, "utf8").trim().split("\n");
  return [...new Set(urls.map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)?.[1] ?? /\/dist\/(.*)\.js$/.exec(u)?.[1] ?? u))];
}

function mhst(name: string, ...argv: string[]): string[] {
  const file = join(dir, `${name}.txt`);
  // The unbundled build in dist/, module by module (test/cli/bundle.test.ts looks at the bundle).
  const r = spawnSync(process.execPath, ["--import", trace, runCli, ...argv], { env: { ...process.env, IMPORT_TRACE_FILE: file, MHST_CLI: join(root, "dist", "cli", "main.js") }, encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return loaded(file);
}

describe("start-up loads only what it needs", () => {
  it("`mhst --help` loads commander and no command module", () => {
    const mods = mhst("help", "--help");
    expect(mods).toContain("commander");
    expect(mods.filter((m) => !m.startsWith("node:") && !m.startsWith("file:") && m !== "commander")).toEqual(["cli/main", "cli/command-list", "cli/program", "cli/errors"]);
  });

  it("`mhst scenario check` loads no statistics, table or chart library", () => {
    const mods = mhst("check", "scenario", "check", "trailblazer-team");
    expect(mods).toContain("cli/commands/scenario");
    for (const heavy of ["arquero", "simple-statistics", "vega", "vega-lite", "cli/commands/run", "sim/experiment/index"]) expect(mods).not.toContain(heavy);
  });

  it("the server answers /api/health without loading vega, vega-lite or arquero", async () => {
    const file = join(dir, "server.txt");
    const child = spawn(process.execPath, ["--import", trace, join(root, "dist", "server", "main.js")], {
      env: { ...process.env, IMPORT_TRACE_FILE: file, PORT: "0", DATA_DIR: join(dir, "data") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (c: Buffer) => {
          out += c.toString();
          const m = /http:\/\/\S+\//.exec(out);
          if (m) resolve(m[0]);
        });
        child.on("exit", (code) => reject(new Error(`server exited ${code}`)));
      });
      const health = await fetch(`${url}api/health`);
      expect(health.status).toBe(200);
      const mods = loaded(file);
      expect(mods).toContain("express");
      expect(mods).not.toContain("vega");
      expect(mods).not.toContain("vega-lite");
      expect(mods).not.toContain("arquero");
    } finally {
      child.kill();
    }
  });
});
