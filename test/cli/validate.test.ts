import { describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";

async function mhst(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY: false });
  return { code, stdout, stderr };
}

describe("mhst validate", () => {
  it("--quick --json prints one object whose failures decide the exit code", async () => {
    const r = await mhst("validate", "--quick", "--json");
    const j = JSON.parse(r.stdout);
    expect(j.quick).toBe(true);
    expect(j.rows).toHaveLength(15);
    expect(j.checks).toBe(15);
    const names = j.rows.map((row: { case: string }) => row.case).join(" ");
    for (const c of ["M/M/1 rho=0.5", "M/M/1 rho=0.8", "M/M/1 rho=0.9", "M/M/4", "M/M/10", "M/D/1", "Cobham"]) expect(names).toContain(c);
    expect(j.failed).toBe(j.rows.filter((row: { pass: boolean }) => !row.pass).length);
    expect(r.code).toBe(j.failed > 0 ? 1 : 0);
    if (j.failed > 0) expect(r.stderr).toMatch(/^mhst: validate: \d+ of 15 checks failed\n$/);
  });

  it("rejects an unknown flag with exit code 2", async () => {
    const r = await mhst("validate", "--fast");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--fast'/);
  });
});
