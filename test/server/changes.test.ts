import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadScenarioText, listBuiltinScenarios } from "../../scenarios/index.js";
import { scenarioStructure } from "../../server/routes/scenarios.js";
import { changesOf, compareCommand, draftOf, isIsoDate, makeVacant, overrideValue, parseDate, type Structure } from "../../server/web/changes.js";

const builtin = listBuiltinScenarios().find((b) => b.id === "trailblazer-team")!;
const text = readFileSync(builtin.path, "utf8");
const structure = scenarioStructure("trailblazer-team", text, loadScenarioText(text)) as Structure;
const apply = (overrides: string[]) => loadScenarioText(text, { overrides });

describe("the staffing and cluster-design editors' changes as overrides", () => {
  it("reads the scenario's lists as written", () => {
    expect(structure.editable).toBe(true);
    expect(structure.practitioners.map((p) => p.id)).toEqual(["emhp-1", "emhp-2", "emhp-3", "emhp-4", "sc-1", "sc-2", "sc-3"]);
    expect(structure.schools).toHaveLength(20);
    expect(structure.workforce.refill).toBe(true);
  });

  it("writes plain ids and dates as they are, anything else as JSON", () => {
    expect(["c2", "2025-10-20", "North & south", "true", 3, undefined].map(overrideValue)).toEqual(["c2", "2025-10-20", '"North & south"', '"true"', "3", ""]);
  });

  it("makes a post vacant in one step, not refilled: an end date and no refill for that post alone", () => {
    const d = makeVacant(draftOf(structure), "emhp-2", "2025-10-20", null, false);
    const { overrides, changes } = changesOf(structure, d);
    expect(overrides).toEqual(["practitioners[emhp-2].endDate=2025-10-20", "practitioners[emhp-2].refill=false"]);
    expect(changes).toEqual(["emhp-2 vacant from 20 Oct 2025, not refilled"]);
    const m = apply(overrides);
    const post = m.practitioners.find((p) => p.id === "emhp-2")!;
    expect([post.endDate, post.refill]).toEqual(["2025-10-20", false]);
    // The scenario's own rule stays as it was for every other post.
    expect(m.workforce.refill).toBe(true);
    expect(m.practitioners.filter((p) => p.id !== "emhp-2").map((p) => p.refill)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it("says the scenario-wide refill rule apart from a vacancy", () => {
    const d = { ...makeVacant(draftOf(structure), "emhp-2", "2025-10-20", null, false), refill: false };
    expect(changesOf(structure, d)).toEqual({
      overrides: ["practitioners[emhp-2].endDate=2025-10-20", "practitioners[emhp-2].refill=false", "workforce.refill=false"],
      changes: ["emhp-2 vacant from 20 Oct 2025, not refilled", "vacated posts not refilled"],
    });
    // A post's refill set by hand is said in words.
    const byHand = { ...draftOf(structure), practitioners: structure.practitioners.map((p) => (p.id === "sc-1" ? { ...p, refill: false } : p)) };
    expect(changesOf(structure, byHand)).toEqual({ overrides: ["practitioners[sc-1].refill=false"], changes: ["sc-1 not refilled when vacated"] });
  });

  it("reads dates typed in any locale's way as YYYY-MM-DD, and refuses what is no date", () => {
    expect(["2025-10-20", "2025-1-5", "20/10/2025", "5/1/2026", "20.10.2025", "20-10-2025", "20 Oct 2025", "20 October 2025", " 5 jan 2026 ", "1 Sept 2025"].map(parseDate)).toEqual([
      "2025-10-20", "2025-01-05", "2025-10-20", "2026-01-05", "2025-10-20", "2025-10-20", "2025-10-20", "2025-10-20", "2026-01-05", "2025-09-01",
    ]);
    // Month-first (10/20/2025), impossible days and other text are no date.
    expect(["10/20/2025", "2025-02-30", "31/04/2026", "20 Octember 2025", "2025-10", "", "tomorrow"].map(parseDate)).toEqual([null, null, null, null, null, null, null]);
    expect([isIsoDate("2024-02-29"), isIsoDate("2025-02-29"), isIsoDate("20/10/2025")]).toEqual([true, false, false]);
    expect(() => makeVacant(draftOf(structure), "emhp-2", "20/13/2025", null, false)).toThrow('from: "20/13/2025" must be a date as YYYY-MM-DD (the day the holder leaves)');
    expect(() => makeVacant(draftOf(structure), "emhp-2", "2025-10-20", "2026-02-30", true)).toThrow('to: "2026-02-30" must be a date as YYYY-MM-DD (the day the new holder starts)');
    expect(() => makeVacant(draftOf(structure), "emhp-2", "2025-10-20", null, true)).toThrow("to: a refilled post needs the date its new holder starts");
  });

  it("makes a post vacant until a new holder starts: the post ends, a copy starts, said as one change", () => {
    const d = makeVacant(draftOf(structure), "emhp-2", "2025-10-20", "2026-01-05", true);
    const { overrides, changes } = changesOf(structure, d);
    expect(changes).toEqual(["emhp-2 vacant from 20 Oct 2025 to 5 Jan 2026, then refilled"]);
    expect(overrides).toHaveLength(1);
    expect(overrides[0]).toMatch(/^practitioners=\[/);
    const m = apply(overrides);
    const ids = m.practitioners.map((p) => p.id);
    expect(ids).toEqual(["emhp-1", "emhp-2", "emhp-2-refill", "emhp-3", "emhp-4", "sc-1", "sc-2", "sc-3"]);
    const [old, refill] = [m.practitioners[1]!, m.practitioners[2]!];
    expect([old.endDate, refill.startDate, refill.endDate]).toEqual(["2025-10-20", "2026-01-05", undefined]);
    // The old post is not refilled a second time; the new one refills as the scenario says.
    expect([old.refill, refill.refill, m.workforce.refill]).toEqual([false, undefined, true]);
    // The new holder works the same week as the one who left.
    expect(refill.pattern).toEqual(old.pattern);
    expect(() => makeVacant(draftOf(structure), "emhp-9", "2025-10-20", null, false)).toThrow('post: "emhp-9" is not a post of this scenario');
    expect(() => makeVacant(draftOf(structure), "emhp-2", "2025-10-20", "2025-10-01", true)).toThrow("to: 2025-10-01 must be after from (2025-10-20)");
  });

  it("moves schools, renames and adds clusters, and edits a post field by field", () => {
    let d = draftOf(structure);
    d = { ...d, schools: d.schools.map((s) => (s.id === "p05" ? { ...s, cluster: "c2" } : s.id === "p10" ? { ...s, cluster: "c3" } : s)) };
    d = { ...d, clusters: d.clusters.map((c) => (c.id === "c1" ? { ...c, name: "North & west", practitionerDays: 1.5 } : c)) };
    d = { ...d, practitioners: d.practitioners.map((p) => (p.id === "emhp-3" ? { ...p, fte: 0.6 } : p)) };
    const { overrides, changes } = changesOf(structure, d);
    expect(overrides).toEqual(['clusters[c1].name="North & west"', "clusters[c1].practitionerDays=1.5", "schools[p05].cluster=c2", "schools[p10].cluster=c3", "practitioners[emhp-3].fte=0.6"]);
    expect(changes).toEqual(["cluster c1 renamed North & west", "cluster c1 1.5 practitioner days a week", "p05 moved to South primaries", "p10 moved to East primaries and special", "emhp-3 FTE 0.6"]);
    const m = apply(overrides);
    expect(m.schools.find((s) => s.id === "p05")!.cluster).toBe("c2");
    expect(m.clusters[0]!.name).toBe("North & west");
    // A sixth cluster with a school in it: the cluster list is written whole.
    const more = { ...d, clusters: [...d.clusters, { id: "c6", name: "New cluster" }], schools: d.schools.map((s) => (s.id === "p01" ? { ...s, cluster: "c6" } : s)) };
    const c = changesOf(structure, more);
    expect(c.overrides[0]).toMatch(/^clusters=\[.*"c6"/);
    expect(c.changes).toContain("cluster c6 added (New cluster)");
    expect(c.changes).toContain("p01 moved to New cluster");
    expect(apply(c.overrides).clusters).toHaveLength(6);
  });

  it("gives the command line of the same comparison", () => {
    expect(compareCommand("trailblazer-team", ["practitioners[emhp-2].endDate=2025-10-20", 'clusters[c1].name="A b"'], 3, 1)).toBe(
      `mhst compare trailblazer-team --set-b 'practitioners[emhp-2].endDate=2025-10-20' --set-b 'clusters[c1].name="A b"' --reps 3 --seed 1 --scope all`,
    );
  });
});
