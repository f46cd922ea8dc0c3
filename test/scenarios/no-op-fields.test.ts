/**
 * No silent no-op: mutating any scalar field a built-in writes either changes the results, is
 * refused, or `scenario check` warns about that field (or a section containing it).
 */

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { formatIssue, listBuiltinScenarios, loadScenarioText, ScenarioError, scenarioWarnings } from "../../scenarios/index.js";
import { computeKpis, simulate, type ServiceModel } from "../../sim/model/index.js";

/** Other values of the enumerated fields (ids and labels are not mutated: relabelling changes nothing by design). */
const ENUMS: Record<string, Record<string, string>> = {
  mode: { continuous: "linkMeeting", linkMeeting: "continuous" },
  scope: { cluster: "team", team: "cluster", practitioner: "cluster" },
  formation: { whenEnough: "planned", planned: "whenEnough" },
  phase: { primary: "secondary", secondary: "primary", special: "primary", college: "secondary", alternativeProvision: "secondary" },
  role: { emhp: "seniorClinician", clinician: "emhp", seniorClinician: "emhp", mhstPlus: "emhp", educationalPsychologist: "emhp" },
  template: { england: "none", none: "england" },
};
const LABELS = new Set(["name", "description", "$schema", "label", "id", "idPrefix"]);

interface Leaf {
  readonly path: string;
  readonly key: string;
  readonly value: unknown;
}

function leaves(node: unknown, path = "", key = ""): Leaf[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => leaves(v, `${path}[${i}]`, key));
  if (node !== null && typeof node === "object") return Object.entries(node).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k, k));
  return [{ path, key, value: node }];
}

/** Values to try in place of a leaf's, most likely to matter first. */
function mutations(leaf: Leaf): string[] {
  const v = leaf.value;
  if (typeof v === "boolean") return [String(!v)];
  if (typeof v === "number") {
    if (v === 0) return ["1", "0.1"];
    if (Number.isInteger(v)) return [String(Math.max(0, Math.floor(v / 2))), String(v + 1), String(v * 2)];
    return [String(v * 0.5), String(Math.min(1, v * 1.5)), String(v + 0.1)];
  }
  if (typeof v === "string") {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
      const d = new Date(`${v}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 28);
      return [d.toISOString().slice(0, 10)];
    }
    const other = ENUMS[leaf.key]?.[v];
    return other ? [other] : [];
  }
  return [];
}

/** Everything a run gives: the KPIs and every case's path through the service, two replications. */
function results(m: ServiceModel): string {
  return [0, 1]
    .map((r) => {
      const out = simulate(m, { seed: 17, replication: r });
      const cases = out.cases.map((c) => `${c.school}|${c.referralDay}|${c.ageBand}|${c.triageDay}|${c.firstContactDay}|${c.endDay}|${c.outcome}|${c.practitioner}|${c.sessions}`);
      return `${JSON.stringify(computeKpis(out))}${cases.join(";")}`;
    })
    .join("#");
}

describe("no silent no-op: every scalar field of every built-in changes the results, is refused, or is warned about", () => {
  it.each(listBuiltinScenarios().map((s) => [s.id, s.path] as const))("%s", (id, path) => {
    const text = readFileSync(path, "utf8");
    const doc = parse(text) as Record<string, unknown>;
    const lean = ["calendar.years=1", ...(doc.generate ? ["generate.teams=2"] : [])];
    const load = (more: string[]) => loadScenarioText(text, { file: `${id}.yaml`, overrides: [...lean, ...more] });
    const base = results(load([]));
    const silent: string[] = [];
    // The uncertainty block describes the inputs `mhst sensitivity` varies, not the service.
    for (const leaf of leaves(doc)) {
      if (LABELS.has(leaf.key) || leaf.path.startsWith("uncertainty")) continue;
      const tries = mutations(leaf);
      if (tries.length === 0) continue;
      let shown = false;
      for (const value of tries) {
        let m: ServiceModel;
        try {
          m = load([`${leaf.path}=${value}`]);
        } catch (err) {
          if (!(err instanceof ScenarioError)) throw err;
          shown = true;
          break;
        }
        const warned = scenarioWarnings(m).some((w) => {
          const at = w.path;
          return leaf.path === at || leaf.path.startsWith(`${at}.`) || leaf.path.startsWith(`${at}[`);
        });
        if (warned || results(m) !== base) {
          shown = true;
          break;
        }
      }
      if (!shown) silent.push(`${leaf.path}: ${JSON.stringify(leaf.value)} (tried ${tries.join(", ")})`);
    }
    expect(silent).toEqual([]);
  });

  it("warns in one line naming the field when a field cannot have an effect", () => {
    const m = loadScenarioText(readFileSync(listBuiltinScenarios().find((s) => s.id === "trailblazer-team")!.path, "utf8"), {
      file: "t.yaml",
      overrides: ["mhstPlus.interventionShare=0.5", "groups.perClusterPerTerm=2"],
    });
    expect(scenarioWarnings(m).map(formatIssue)).toEqual([
      "--set: mhstPlus.interventionShare: 0.5 has no effect: mhstPlus.enabled is false",
      "--set: groups.perClusterPerTerm: 2 has no effect: groups.formation is whenEnough (no termly plan)",
    ]);
  });
});
