import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadScenarioFile, loadScenarioText } from "../../scenarios/index.js";
import { simulate } from "../../sim/model/index.js";
import { RecordWriter } from "../../cli/record-writer.js";
import { mhst, oneLine } from "../experiment/cli-harness.js";
import { TRUE_SCENARIO } from "../calibrate/fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "mhst-calibrate-"));
const scenario = join(dir, "known.yaml");
const data = join(dir, "cases.csv");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  writeFileSync(scenario, TRUE_SCENARIO);
  const model = loadScenarioText(TRUE_SCENARIO, { file: scenario });
  const w = new RecordWriter(dir);
  for (const r of [0, 1]) w.write(simulate(model, { seed: 7, replication: r }), r);
  w.close();
});

describe("mhst calibrate", () => {
  it("prints what it fitted with intervals and rows, and writes a scenario that keeps the rest, each change commented", async () => {
    const out = join(dir, "calibrated.yaml");
    const r = await mhst("calibrate", scenario, "--data", data, "--replication", "1", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^${data.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: (\\d+) of \\1 rows used \\(replication 1\\), days 0 to 363 .*referral rate by service`));
    const row = (name: string) => lines.find((l) => l.startsWith(name))!;
    const signpost = /signposted share\s+([\d.]+)\s+\[([\d.]+), ([\d.]+)\]\s+(\d+)\s+triage\.signpostShare/.exec(row("signposted share"))!;
    expect(signpost).not.toBeNull();
    const text = readFileSync(out, "utf8");
    expect(text.startsWith("# A small service with known inputs\n")).toBe(true);
    expect(text).toMatch(new RegExp(`signpostShare: ([\\d.]+) # calibrated from ${data.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: \\1 \\[[\\d.]+, [\\d.]+\\], n = ${signpost[4]}\\n`));
    expect(text).toMatch(/ratePer1000PerWeek: [\d.]+ # calibrated from .*, n = \d+\n/);
    expect(text).toMatch(/\n  triageDays: \{ kind: discrete, values: \[[\d, ]+\], weights: \[[\d, ]+\] \} # calibrated from .*: mean [\d.]+ \[[\d.]+, [\d.]+\] days, n = \d+\n/);
    expect(text).toMatch(/\n  seasonality: \{ autumn: [\d.]+, spring: [\d.]+, summer: [\d.]+ \} # calibrated from \S+: autumn [\d.]+ \[[\d.]+, [\d.]+\], n = \d+; spring [\d.]+ \[[\d.]+, [\d.]+\], n = \d+; summer /);
    // Lines no edit touches are the file's own, byte for byte.
    expect(text.split("\n").filter((l) => !l.includes("# calibrated from"))).toEqual(TRUE_SCENARIO.split("\n").filter((l) => !/^\s+(ratePer1000PerWeek|seasonality|signpostShare|declineShare|triageDays|consentDays|patienceWeeks|sessions|dnaShare|stepUpShare):/.test(l)));
    const calibrated = loadScenarioFile(out);
    expect(calibrated.triage.signpostShare).toBeCloseTo(Number(signpost[1]), 2);
    // Fields the data cannot speak to are kept as they were.
    expect(calibrated.casework.caseloadCap).toBe(18);
    expect(calibrated.waitlist.initialPerCluster).toBe(4);
    expect(calibrated.practitioners.map((p) => p.id)).toEqual(["emhp-1", "cl-1"]);
  });

  it("with --until reads the data as they stood that day", async () => {
    const r = await mhst("calibrate", scenario, "--data", data, "--until", "2026-03-19", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { period: { fromDay: number; toDay: number }; rows: number };
    expect(out.period).toEqual({ fromDay: 0, toDay: 200 });
    const cases = readFileSync(data, "utf8").split("\n").slice(1).filter((l) => l.startsWith("0,"));
    const header = readFileSync(data, "utf8").split("\n")[0].split(",");
    const before = cases.filter((l) => Number(l.split(",")[header.indexOf("referralDay")]) < 200).length;
    expect(out.rows).toBe(before);
    const bad = await mhst("calibrate", scenario, "--data", data, "--until", "March");
    expect(bad.code).toBe(2);
    expect(oneLine(bad.stderr)).toBe('mhst: --until: "March" must be an ISO date (YYYY-MM-DD) or a whole number of simulation days');
  });

  it("with --by school writes each school's own rate", async () => {
    const out = join(dir, "by-school.yaml");
    const r = await mhst("calibrate", scenario, "--data", data, "--by", "school", "--out", out);
    expect(r.code).toBe(0);
    const m = loadScenarioFile(out);
    for (const s of m.schools) expect(s.referralRate).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/referral rate\s+sp\s+[\d.]+\s+\[[\d.]+, [\d.]+\]\s+\d+\s+schools\[3\]\.referralRate/);
  });

  it("with --by phase writes each phase's rate as a referrals.phaseRate multiplier of the service rate", async () => {
    const out = join(dir, "by-phase.yaml");
    const r = await mhst("calibrate", scenario, "--data", data, "--by", "phase", "--out", out, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { estimates: { kind: string; unit: string; value: number; n: number; fitted: boolean }[] };
    const m = loadScenarioFile(out);
    const text = readFileSync(out, "utf8");
    // The service rate (3) stays; the schools keep no rate of their own.
    expect(m.referrals.ratePer1000PerWeek).toBe(3);
    for (const s of m.schools) expect(s.referralRate).toBeUndefined();
    for (const phase of ["primary", "secondary", "special"] as const) {
      const e = json.estimates.find((x) => x.kind === "referralRate" && x.unit === phase)!;
      expect(e.fitted, phase).toBe(true);
      const multiplier = Number((e.value / 3).toPrecision(4));
      expect(m.referrals.phaseRate?.[phase]).toBe(multiplier);
      expect(text).toMatch(new RegExp(`\n    ${phase}: ${multiplier} # calibrated from \\S+: ${multiplier} \\[[\\d.]+, [\\d.]+\\], n = ${e.n} \\(${Number(e.value.toPrecision(4))} \\[`));
    }
  });

  it("leaves a field the data are too few for as it was, and says so", async () => {
    const out = join(dir, "example.yaml");
    const r = await mhst("calibrate", "trailblazer-team", "--data", "scenarios/examples/activity-example.csv", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/signposted share\s+–\s+–\s+10\s+\(left as it was\)\s+10 triaged referrals; at least 20 are needed/);
    expect(r.stdout).toMatch(/\d+ estimates had too few rows; their fields are left as they were\./);
    const m = loadScenarioFile(out);
    expect(m.triage.signpostShare).toBe(loadScenarioFile("scenarios/builtin/trailblazer-team.yaml").triage.signpostShare);
    expect(readFileSync(out, "utf8")).toContain("# assumption: no published referral rate");
  });

  it("exits 2 with one line, writing nothing, when the data cannot be used", async () => {
    const out = join(dir, "never.yaml");
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "ReferralRequestReceivedDate,OrgIDEduEstab\n2025-09-08,zz\n2025-09-09,zz\n");
    let r = await mhst("calibrate", scenario, "--data", bad, "--out", out);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(`mhst: --data: ${bad}: no usable rows; every row was dropped (first: line 2, OrgIDEduEstab: "zz" is not a school of the scenario)`);
    r = await mhst("calibrate", scenario, "--data", data, "--replication", "9", "--out", out);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/--replication 9: the file has no rows of it \(replications 0 to 1\)$/);
    r = await mhst("calibrate", scenario, "--data", data, "--by", "cluster");
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/--by <level>' argument 'cluster' is invalid/);
    expect(existsSync(out)).toBe(false);
  });

  it("lists bad rows on stderr and says how many it dropped and why", async () => {
    const mixed = join(dir, "mixed.csv");
    const good = readFileSync(data, "utf8").split("\n").filter((l, i) => i === 0 || l.startsWith("0,"));
    const header = good[0].split(",");
    const bad = good[1].split(",");
    bad[header.indexOf("school")] = "nowhere";
    writeFileSync(mixed, [...good.slice(0, 2), bad.join(","), ...good.slice(2)].join("\n"));
    const r = await mhst("calibrate", scenario, "--data", mixed);
    expect(r.code).toBe(0);
    expect(r.stderr.split("\n").filter(Boolean)).toEqual([
      `mhst: ${mixed}:3: school: "nowhere" is not a school of the scenario`,
      `mhst: ${mixed}: dropped 1 of ${good.filter(Boolean).length} rows: 1 unknown school`,
    ]);
  });
});

describe("mhst calibrate with an intervention catalogue", () => {
  it("fits sessions per intervention from the run's cases.csv and writes them into the catalogue entries", async () => {
    const example = "scenarios/examples/intervention-catalogue.yaml";
    const ivDir = mkdtempSync(join(tmpdir(), "mhst-calibrate-iv-"));
    try {
      const w = new RecordWriter(ivDir);
      w.write(simulate(loadScenarioFile(example), { seed: 3, replication: 0 }), 0);
      w.close();
      const out = join(ivDir, "calibrated.yaml");
      const r = await mhst("calibrate", example, "--data", join(ivDir, "cases.csv"), "--out", out);
      expect(r.code).toBe(0);
      const row = (id: string) => r.stdout.split("\n").find((l) => new RegExp(`^sessions\\s+${id}\\s`).test(l)) ?? "";
      expect(row("liCbt")).toMatch(/interventions\.catalogue\[0\]\.sessions/);
      expect(row("brief")).toMatch(/interventions\.catalogue\[1\]\.sessions/);
      // Parent-led CBT is always 8 sessions; a group's programme is its weeks.
      expect(row("parentLedCbt")).toMatch(/\s8\s+\[8, 8\].*interventions\.catalogue\[2\]\.sessions/);
      expect(row("parentingGroup")).toMatch(/interventions\.catalogue\[4\]\.weeks/);
      // The calibrated file loads, and its brief sessions stay within 1-3.
      const m = loadScenarioFile(out);
      const brief = m.interventions!.catalogue[1].sessions;
      expect(brief.kind).toBe("discrete");
      expect(Math.max(...(brief as { values: readonly number[] }).values)).toBeLessThanOrEqual(3);
    } finally {
      rmSync(ivDir, { recursive: true, force: true });
    }
  });
});
