import { describe, expect, it } from "vitest";
import { listBuiltinScenarios, loadScenario } from "../../scenarios/index.js";
import { computeKpis, simulate } from "../../sim/model/index.js";
import { slotSum } from "./helpers.js";

// Invariants only (no golden numbers): the scenario files belong to the scenario owners.
describe.each(listBuiltinScenarios().map((s) => s.id))("built-in scenario %s", (id) => {
  it("runs one year and keeps its books: cases conserved, slots never exceed the pattern", () => {
    const model = loadScenario(id, { overrides: ["calendar.years=1"] });
    const out = simulate(model, { seed: 2026, replication: 0 });
    const k = computeKpis(out);
    expect(k.referrals).toBeGreaterThan(0);
    expect(k.referrals + k.initialWaiting).toBe(k.signposted + k.declined + k.started + k.withdrawn + k.waitlistEnd + k.inTriageEnd);
    expect(k.started).toBe(k.completed + k.steppedUp + k.openEnd);
    expect(k.utilisation).toBeGreaterThan(0);
    expect(k.utilisation).toBeLessThanOrEqual(1);
    const clusterSlots = out.weeks.reduce((s, w) => s + slotSum(w), 0);
    const practitionerSlots = out.practitionerWeeks.reduce((s, w) => s + slotSum(w), 0);
    expect(clusterSlots).toBe(practitionerSlots);
    let min = 0;
    for (const w of out.weeks) for (const v of Object.values(w.slots)) min = Math.min(min, v);
    expect(min).toBe(0);
  });
});
