import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import { MINIMAL } from "./fixtures.js";

/** Absolute paths of this machine, which a message must never show. */
const ABSOLUTE = /(^|[\s"'(])\/(tmp|work|home|root|usr|srv|var)\//m;

/** [what, file text, the field (or problem) the message must name] */
type Case = readonly [string, string, string];

const add = (section: string) => `${MINIMAL}${section}\n`;
const field = (section: string, key: string, value: string): Case => [`${section}.${key}: ${value}`, add(`${section}:\n  ${key}: ${value}`), `${section}.${key}`];

const cases: Case[] = [
  // Numbers out of range, of the wrong type, or not whole where the format says so.
  field("calendar", "years", "0"),
  field("calendar", "years", "1.5"),
  field("calendar", "years", "three"),
  field("calendar", "schoolYear", "1999"),
  field("calendar", "schoolYear", "2101"),
  field("calendar", "virtualOutsideTermShare", "1.5"),
  field("calendar", "startDate", "2025-13-01"),
  field("calendar", "startDate", "yesterday"),
  field("calendar", "template", "mars"),
  field("referrals", "ratePer1000PerWeek", "-1"),
  field("referrals", "ratePer1000PerWeek", "lots"),
  field("referrals", "urgentShare", "2"),
  field("referrals", "mhstPlusShare", "-0.1"),
  field("referrals", "mode", "pigeon"),
  field("referrals", "seasonality", "[1, 2]"),
  field("triage", "signpostShare", "1.01"),
  field("triage", "declineShare", "-1"),
  field("triage", "triageDays", "-3"),
  field("triage", "consentDays", "{ kind: weibull, mean: 3 }"),
  field("waitlist", "initialPerCluster", "-4"),
  field("waitlist", "initialPerCluster", "2.5"),
  field("waitlist", "scope", "region"),
  field("waitlist", "patienceWeeks", "{ kind: uniform, min: 5, max: 1 }"),
  field("casework", "slotsPerDay", "-1"),
  field("casework", "slotsPerDay", "many"),
  field("casework", "sessionIntervalDays", "0"),
  field("casework", "caseloadCap", "0"),
  field("casework", "caseloadCap", "1.5"),
  field("casework", "dnaShare", "3"),
  field("casework", "stepUpShare", "-2"),
  field("casework", "sessions", "{ kind: normal, mean: 6 }"),
  field("groups", "enabled", "perhaps"),
  field("groups", "slotsPerSession", "0"),
  field("groups", "weeks", "-6"),
  field("groups", "formation", "random"),
  field("groups", "minChildren", "0"),
  field("groups", "perClusterPerTerm", "-1"),
  field("meetings", "linkMeetingSlots", "-1"),
  field("meetings", "supervisionSlotsPerWeek", "1.5"),
  field("meetings", "adminSlotsPerWeek", "x"),
  field("workforce", "annualTurnover", "1.2"),
  field("workforce", "leaveAfterTrainingShare", "-0.5"),
  field("workforce", "refill", "sometimes"),
  field("mhstPlus", "interventionShare", "7"),
  field("mhstPlus", "enabled", "1"),
  // Lists and references.
  ["a school with negative pupils", MINIMAL.replace("pupils: 300", "pupils: -300"), "schools[1].pupils"],
  ["a school with no pupils field", MINIMAL.replace("pupils: 300, ", ""), "schools[1].pupils"],
  ["a school in an unknown cluster", MINIMAL.replace("cluster: b }", "cluster: zz }"), "schools[1].cluster"],
  ["a school of an unknown phase", MINIMAL.replace("{ id: s2,", "{ id: s2, phase: nursery,"), "schools[1].phase"],
  ["a duplicate school id", MINIMAL.replace("id: s2", "id: s1"), "schools[1].id"],
  ["an id with spaces", MINIMAL.replace("{ id: t }", '{ id: "team one" }'), "teams[0].id"],
  ["a practitioner with fte 2", MINIMAL.replace("{ id: p1,", "{ id: p1, fte: 2,"), "practitioners[0].fte"],
  ["a practitioner of an unknown role", MINIMAL.replace("{ id: p1,", "{ id: p1, role: wizard,"), "practitioners[0].role"],
  ["a practitioner in an unknown cluster", MINIMAL.replace("clusters: [a, b] }", "clusters: [a, q] }"), "practitioners[0].allocation.clusters[1]"],
  ["a bad end date", MINIMAL.replace("{ id: p1,", "{ id: p1, endDate: 2025-02-30,"), "practitioners[0].endDate"],
  ["negative practitioner days of a cluster", MINIMAL.replace("{ id: a }", "{ id: a, practitionerDays: -1 }"), "clusters[0].practitionerDays"],
  ["schools as a mapping", MINIMAL.replace(/schools:\n(  - .*\n)+/, "schools: { s1: 1 }\n"), "schools"],
  ["an unknown top-level field", add("colour: blue"), "colour"],
  ["an unknown nested field", add("casework:\n  slotsPerDayy: 3"), "casework.slotsPerDayy"],
  ["a missing name", MINIMAL.replace("name: Minimal\n", ""), "name"],
  // Not a scenario at all, or hostile YAML.
  ["a YAML syntax error", add("casework: [1, 2"), "YAML syntax error"],
  ["a duplicate key", add("name: Again"), 'the key "name" appears twice'],
  ["a list at the top level", "- 1\n- 2\n", "(top level)"],
  ["an empty file", "", "(top level)"],
  ["a custom tag", add("description: !foo bar"), "has the tag !foo"],
  ["a code tag", add('description: !!js/function "function () {}"'), "has the tag !!js/function"],
  ["a __proto__ key", add("casework:\n  __proto__: { slotsPerDay: 9 }"), "casework.__proto__"],
  ["an alias bomb", `${MINIMAL}a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`, "alias bomb"],
  ["nesting 40 levels deep", add(`description: ${"[".repeat(40)}${"]".repeat(40)}`), "nested more than 32 levels"],
  ["nesting 200,000 levels deep", add(`description: ${"[".repeat(200_000)}${"]".repeat(200_000)}`), "YAML nesting too deep"],
  ["a 12 MB file", add(`description: "${"x".repeat(12_000_000)}"`), "must be at most 10000000 bytes"],
];

describe("bad scenario files: exit 2, the field named, no stack trace", () => {
  const base = join(process.cwd(), "test-output");
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, "bad-scenarios-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has at least 60 of them", () => expect(cases.length).toBeGreaterThanOrEqual(60));

  it.each(cases.map((c, i) => [i, ...c] as const))("%i: %s", async (i, _what, text, named) => {
    const file = relative(process.cwd(), join(dir, `${String(i).padStart(2, "0")}.yaml`));
    writeFileSync(file, text);
    let stderr = "";
    const t0 = Date.now();
    const code = await main(["scenario", "check", file], { stdout: () => {}, stderr: (s) => void (stderr += s), isTTY: false });
    // Large inputs are refused before they are parsed or expanded.
    if (text.length > 100_000 || named.includes("alias bomb")) expect(Date.now() - t0).toBeLessThan(1000);
    expect(code).toBe(2);
    const at = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    // One problem is one line; several come under a heading, one a line.
    expect(stderr).toMatch(new RegExp(`^mhst: ${at}(:\\d+)?: .*\n$|^mhst: \\d+ problems in scenario ${at}:\n(${at}(:\\d+)?: .*\n)+$`));
    expect(stderr).toContain(named);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toMatch(ABSOLUTE);
  });
});
