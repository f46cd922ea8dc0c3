import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseDocument, type YAMLSeq, type YAMLMap } from "yaml";
import type { ComparisonRow } from "../../sim/experiment/index.js";
import { mhst, oneLine } from "../experiment/cli-harness.js";

const dir = mkdtempSync(join(tmpdir(), "mhst-compare-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** trailblazer-team with one more clinical day a week for senior clinician sc-2. */
function plusOneDay(): string {
  const doc = parseDocument(readFileSync(new URL("../../scenarios/builtin/trailblazer-team.yaml", import.meta.url), "utf8"));
  const list = doc.get("practitioners") as YAMLSeq<YAMLMap>;
  const i = list.items.findIndex((p) => p.get("id") === "sc-2");
  doc.setIn(["practitioners", i, "allocation", "days"], 5);
  doc.set("name", "Trailblazer team + 1 day");
  const path = join(dir, "plus-one-day.yaml");
  writeFileSync(path, doc.toString());
  return path;
}

describe("mhst compare", () => {
  it("gives a paired CI narrower than the unpaired one for one more practitioner day", async () => {
    const r = await mhst("compare", "trailblazer-team", plusOneDay(), "--reps", "10", "--workers", "2", "--set", "referrals.ratePer1000PerWeek=2", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { rows: ComparisonRow[]; replications: number };
    expect(out.replications).toBe(10);
    const row = (kpi: string) => out.rows.find((x) => x.kpi === kpi)!;
    // Same referral streams in both: identical referrals.
    expect(row("referrals")).toMatchObject({ diff: 0, halfWidth: 0 });
    for (const kpi of ["started", "waitWeeksMean", "contactsPerWeek"]) {
      expect(row(kpi).halfWidth!).toBeLessThan(row(kpi).welchHalfWidth!);
    }
    expect(row("contactsPerWeek").lo!).toBeGreaterThan(0);
  });

  it("prints both scenarios, the difference and both intervals", async () => {
    const r = await mhst("compare", "trailblazer-team", "trailblazer-team", "--reps", "2", "--workers", "1", "--kpi", "referrals,started");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/B − A\s+paired CI\s+unpaired CI/);
    expect(r.stdout).toMatch(/^started\s.*\s0\s+\[0, 0\]/m);
  });

  it("compares a scenario with a staffing change made by --set-b", async () => {
    const change = "practitioners[sc-2].allocation.days=5";
    const viaSet = await mhst("compare", "trailblazer-team", "--set-b", change, "--reps", "4", "--workers", "2", "--set", "referrals.ratePer1000PerWeek=2", "--json");
    const viaFile = await mhst("compare", "trailblazer-team", plusOneDay(), "--reps", "4", "--workers", "2", "--set", "referrals.ratePer1000PerWeek=2", "--json");
    expect(viaSet.code).toBe(0);
    const rows = (r: { stdout: string }) => (JSON.parse(r.stdout) as { rows: ComparisonRow[] }).rows;
    // The override and the edited file are the same scenario B, so every paired difference agrees.
    expect(rows(viaSet).map((x) => [x.kpi, x.diff, x.lo, x.hi])).toEqual(rows(viaFile).map((x) => [x.kpi, x.diff, x.lo, x.hi]));
    const text = await mhst("compare", "trailblazer-team", "--set-b", change, "--reps", "2", "--workers", "1", "--kpi", "started");
    expect(text.stdout).toContain(`B: Trailblazer team with ${change}`);
  });

  it("rejects bad input with one line and exit code 2", async () => {
    const noB = await mhst("compare", "trailblazer-team", "--reps", "2");
    expect(noB.code).toBe(2);
    expect(oneLine(noB.stderr)).toBe("mhst: <b>: give scenario B, or change scenario A with --set-b path=value");
    const badB = await mhst("compare", "trailblazer-team", "--set-b", "casework.slotsPerDay=-1", "--reps", "2");
    expect(badB.code).toBe(2);
    expect(oneLine(badB.stderr)).toBe("mhst: --set-b: casework.slotsPerDay: -1 must be > 0");
    const bad = await mhst("compare", "trailblazer-team", "trailblazer-team", "--reps", "0");
    expect(bad.code).toBe(2);
    expect(oneLine(bad.stderr)).toMatch(/--reps/);
    const missing = await mhst("compare", "trailblazer-team", join(dir, "nope.yaml"));
    expect(missing.code).toBe(2);
    expect(oneLine(missing.stderr)).toMatch(/nope\.yaml/);
  });
});
