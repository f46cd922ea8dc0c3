import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import { MINIMAL } from "./fixtures.js";

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY: false });
  return { code, stdout, stderr };
}

describe("mhst scenario", () => {
  const dir = mkdtempSync(join(tmpdir(), "mhst-scenario-"));
  const bad = join(dir, "bad.yaml");
  writeFileSync(bad, MINIMAL.replace("pupils: 300", "pupils: -300").replace("clusters: [a, b]", "clusters: [a, q]"));

  it("list shows each built-in with teams, schools and practitioners", async () => {
    const r = await run("scenario", "list");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^id\s+name\s+teams\s+schools\s+practitioners$/m);
    expect(r.stdout).toMatch(/^trailblazer-wave\s+Trailblazer wave\s+59\s+1180\s+413$/m);
  });

  it("check prints a summary and exits 0", async () => {
    const r = await run("scenario", "check", "trailblazer-team", "--set", "calendar.years=3");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1 team, 5 clusters, 20 schools, 8000 pupils, 7 practitioners");
    expect(r.stdout).toContain("3 school years from 2025-09-01");
  });

  it("check prints every problem and exits 2, without a stack trace", async () => {
    const r = await run("scenario", "check", bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`mhst: 2 problems in scenario ${bad}:`);
    expect(r.stderr).toMatch(/bad\.yaml:6: schools\[1\]\.pupils: -300 must be >= 1/);
    expect(r.stderr).toMatch(/bad\.yaml:8: practitioners\[0\]\.allocation\.clusters\[1\]: "q" is not a cluster/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("check exits 2 on a bad override and on an unknown scenario", async () => {
    expect((await run("scenario", "check", "llr", "--set", "casework.slotz=3")).code).toBe(2);
    const r = await run("scenario", "check", "nowhere");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"nowhere" is neither a built-in scenario');
  });

  it("show prints the filled-in scenario as YAML or JSON", async () => {
    const yaml = await run("scenario", "show", "trailblazer-team");
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toContain("slotsPerDay: 4");
    const json = await run("scenario", "show", "trailblazer-team", "--json");
    expect(JSON.parse(json.stdout).schools).toHaveLength(20);
  });

  it("schema prints the JSON Schema", async () => {
    const r = await run("scenario", "schema");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });
});
