import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listBuiltinScenarios, loadScenario } from "../../scenarios/index.js";
import { computeKpis, simulate } from "../../sim/model/index.js";

/**
 * Seeded golden KPIs per built-in scenario: one year, seed 2026, replication 0. A change that
 * moves any number fails here; when the change is meant, regenerate the files with
 * `UPDATE_GOLDEN=1 npx vitest run test/model/golden.test.ts` and review the diff.
 */
const SEED = 2026;
const update = process.env.UPDATE_GOLDEN === "1";
const goldenPath = (id: string) => new URL(`./golden/${id}.json`, import.meta.url);

/** NaN does not survive JSON, so it is written as the string "NaN". */
const encode = (k: Record<string, number>) => Object.fromEntries(Object.entries(k).map(([n, v]) => [n, Number.isNaN(v) ? "NaN" : v]));

describe.each(listBuiltinScenarios().map((s) => s.id))("golden KPIs of %s", (id) => {
  it("match the stored figures", () => {
    const model = loadScenario(id, { overrides: ["calendar.years=1"] });
    const out = simulate(model, { seed: SEED, replication: 0 });
    const firstCluster = model.clusters[0].id;
    const actual = { service: encode(computeKpis(out)), [`cluster ${firstCluster}`]: encode(computeKpis(out, { cluster: firstCluster })), events: out.events };
    if (update) writeFileSync(goldenPath(id), `${JSON.stringify(actual, null, 2)}\n`);
    const golden = JSON.parse(readFileSync(goldenPath(id), "utf8")) as typeof actual;
    expect(Object.keys(actual.service).sort()).toEqual(Object.keys(golden.service).sort());
    for (const scope of Object.keys(golden) as (keyof typeof golden)[]) {
      if (scope === "events") continue;
      for (const [name, want] of Object.entries(golden[scope] as Record<string, number | string>)) {
        const got = (actual[scope] as Record<string, number | string>)[name];
        // Counts are exact; ratios may differ in the last bits only if the arithmetic order changes.
        if (typeof want === "number" && !Number.isInteger(want)) expect(got, `${scope}.${name}`).toBeCloseTo(want, 9);
        else expect(got, `${scope}.${name}`).toBe(want);
      }
    }
    expect(actual.events).toBe(golden.events);
  });
});
