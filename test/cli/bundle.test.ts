import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// scripts/bundle.mjs gathers dist/ into a few files (dist/bundle) that bin/mhst.js and
// `npm start` run. These tests build one into a folder of their own beside it and check that it
// answers exactly as dist/ does, and loads no more than dist/ does.
const root = join(import.meta.dirname, "..", "..");
const trace = join(import.meta.dirname, "fixtures", "import-trace.mjs");
const runCli = join(import.meta.dirname, "fixtures", "run-cli.mjs");
const bundleDir = join(root, "dist", `bundle-test-${process.pid}`);
const dir = mkdtempSync(join(tmpdir(), "mhst-bundle-"));
const metafile = join(dir, "meta.json");
/** Inputs (package names or dist/ modules) of each output file of the bundle, from esbuild's metafile. */
let inputsOf: Map<string, string[]>;

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(root, "scripts", "bundle.mjs"), bundleDir], { env: { ...process.env, BUNDLE_METAFILE: metafile }, encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  const meta = JSON.parse(readFileSync(metafile, "utf8")) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  inputsOf = new Map(
    Object.entries(meta.outputs).map(([out, o]) => [
      join(root, out),
      Object.keys(o.inputs).map((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i)?.[1] ?? i.replace(/^dist\//, "").replace(/\.js$/, "")),
    ]),
  );
}, 120_000);
afterAll(() => {
  rmSync(bundleDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(main: string, argv: string[]): Answer {
  const r = spawnSync(process.execPath, [runCli, ...argv], { cwd: root, env: { ...process.env, MHST_CLI: main }, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** {@link cli} without blocking, so that the two builds answer side by side. */
function cliAsync(main: string, argv: string[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runCli, ...argv], { cwd: root, env: { ...process.env, MHST_CLI: main } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** What a run loaded: bundle inputs (through the metafile) and modules outside the bundle. */
function loadedBy(traceFile: string): string[] {
  const urls = readFileSync(traceFile, "utf8").trim().split("\n");
  const mods = new Set<string>();
  for (const u of urls) {
    if (!u.startsWith("file://")) continue;
    const path = new URL(u).pathname;
    const inputs = inputsOf.get(path);
    if (inputs) inputs.forEach((i) => mods.add(i));
    else mods.add(/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? relative(root, path));
  }
  return [...mods];
}

describe("the bundle (scripts/bundle.mjs)", () => {
  it("answers every command as dist/ does: output, errors and exit codes", async () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "name: bad\nteams: [{ id: a }]\nschools:\n  - { id: s1, pupils: -5, cluster: nowhere }\n");
    const cases = [
      ["--help"],
      ["--version"],
      ["help", "run"],
      ["scenario", "list"],
      ["scenario", "check", "trailblazer-team"],
      ["scenario", "check", "ealing-primary", "--set", "calendar.years=2"],
      ["scenario", "check", "no-such-scenario"],
      ["scenario", "check", bad],
      ["scenario", "schema"],
      ["run", "trailblazer-team", "--reps", "2", "--workers", "2", "--json"],
      ["run", "trailblazer-team", "--reps", "1e9"],
      ["frobnicate"],
    ];
    const dist = join(root, "dist", "cli", "main.js");
    const bundled = join(bundleDir, "mhst.js");
    const statuses: (number | null)[] = [];
    for (const argv of cases) {
      const [a, b] = await Promise.all([cliAsync(dist, argv), cliAsync(bundled, argv)]);
      expect(b, argv.join(" ")).toEqual(a);
      statuses.push(b.status);
    }
    // The cases cover answers, usage errors and scenario errors alike.
    expect(statuses).toContain(0);
    expect(statuses).toContain(2);
    expect(cli(bundled, ["scenario", "check", "trailblazer-team"]).stdout).toMatch(/^trailblazer-team: ok — Trailblazer team\n/);
  }, 240_000);

  it("`mhst --help` loads commander and no command's module or dependencies", () => {
    const file = join(dir, "help.txt");
    const r = spawnSync(process.execPath, ["--import", trace, runCli, "--help"], { env: { ...process.env, IMPORT_TRACE_FILE: file, MHST_CLI: join(bundleDir, "mhst.js") }, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const mods = loadedBy(file);
    expect(mods).toContain("commander");
    expect(mods).toContain("cli/main");
    for (const heavy of ["zod", "yaml", "cli/commands/scenario", "cli/commands/run", "scenarios/index"]) expect(mods).not.toContain(heavy);
  });

  it("`mhst scenario check` loads zod and yaml but no statistics, table or chart library", () => {
    const file = join(dir, "check.txt");
    const r = spawnSync(process.execPath, ["--import", trace, runCli, "scenario", "check", "trailblazer-team"], { env: { ...process.env, IMPORT_TRACE_FILE: file, MHST_CLI: join(bundleDir, "mhst.js") }, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const mods = loadedBy(file);
    expect(mods).toEqual(expect.arrayContaining(["zod", "yaml", "cli/commands/scenario", "scenarios/load/load"]));
    for (const heavy of ["arquero", "simple-statistics", "vega", "vega-lite", "cli/commands/run", "sim/experiment/index"]) expect(mods).not.toContain(heavy);
  });

  it("serves the API as dist/server/main.js does, and /api/health without vega, vega-lite or arquero", async () => {
    const file = join(dir, "server.txt");
    const start = (entry: string, env: Record<string, string>) => {
      const child = spawn(process.execPath, ["--import", trace, entry], { env: { ...process.env, ...env, PORT: "0" }, stdio: ["ignore", "pipe", "pipe"] });
      const url = new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (c: Buffer) => {
          out += c.toString();
          const m = /http:\/\/\S+\//.exec(out);
          if (m) resolve(m[0]);
        });
        child.on("exit", (code) => reject(new Error(`server exited ${code}`)));
      });
      return { child, url };
    };
    const bundled = start(join(bundleDir, "server.js"), { IMPORT_TRACE_FILE: file, DATA_DIR: join(dir, "data-bundle") });
    const plain = start(join(root, "dist", "server", "main.js"), { IMPORT_TRACE_FILE: join(dir, "server-dist.txt"), DATA_DIR: join(dir, "data-dist") });
    try {
      const [b, p] = await Promise.all([bundled.url, plain.url]);
      const health = await fetch(`${b}api/health`);
      expect(health.status).toBe(200);
      const body = (await health.json()) as { status: string; runs: unknown };
      expect(body.status).toBe("ok");
      const mods = loadedBy(file);
      expect(mods).toContain("express");
      for (const heavy of ["vega", "vega-lite", "arquero"]) expect(mods).not.toContain(heavy);

      const answer = async (base: string, path: string, init?: RequestInit) => {
        const res = await fetch(`${base}${path}`, init);
        return { status: res.status, type: res.headers.get("content-type"), csp: res.headers.get("content-security-policy"), body: await res.text() };
      };
      const requests: [string, RequestInit?][] = [
        ["api/kpis"],
        ["api/scenarios"],
        ["api/scenarios/trailblazer-team"],
        ["api/scenarios/schema.json"],
        ["api/no-such-route"],
        ["api/scenarios/validate", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "name: x\nteams: 3\n" }) }],
        ["api/scenarios/validate", { method: "POST", headers: { "content-type": "application/json" }, body: "{ not json" }],
        ["index.html"],
      ];
      for (const [path, init] of requests) expect(await answer(b, path, init), path).toEqual(await answer(p, path, init));
      // The Host allow-list holds in the bundle too.
      const foreign = await new Promise<number | undefined>((resolve, reject) => {
        get(`${b}api/health`, { headers: { host: "evil.example" } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        }).on("error", reject);
      });
      expect(foreign).toBe(421);
    } finally {
      bundled.child.kill();
      plain.child.kill();
    }
  });

  it("refuses a damaged database at start with one line and exit 2, as dist/server/main.js does", () => {
    const data = join(dir, "damaged");
    mkdirSync(data);
    writeFileSync(join(data, "mhst.sqlite"), Buffer.alloc(8192, 0x5a));
    const run = (entry: string) => {
      const r = spawnSync(process.execPath, [entry], { env: { ...process.env, DATA_DIR: data, PORT: "0" }, encoding: "utf8", timeout: 30_000 });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const b = run(join(bundleDir, "server.js"));
    expect(b).toEqual(run(join(root, "dist", "server", "main.js")));
    expect(b.status).toBe(2);
    expect(b.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/^mhst: the database .* is damaged or unreadable/)]);
  });
});
