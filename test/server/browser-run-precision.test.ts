import { join } from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadScenario } from "../../scenarios/index.js";
import { analyseCapacity } from "../../sim/capacity/index.js";
import { OUT, openDashboard, SKIP_BROWSER, type BrowserSession } from "./browser-harness.js";

/** A number as the dashboard prints it (num() in server/web/dom.ts): 0–2 decimals by size. */
const shown = (x: number) => {
  const abs = Math.abs(x);
  return x.toLocaleString("en-GB", { maximumFractionDigits: abs >= 100 ? 0 : abs >= 10 ? 1 : 2, minimumFractionDigits: 0 });
};

/**
 * The run form's "replications: until ± P" in a real browser, on the real engine: the run adds
 * batches after the first and shows the n it came to; beside it, the analytic cross-check of
 * the scenario (the figures of `mhst capacity`).
 */
describe.skipIf(SKIP_BROWSER)("a run until ± P, with the capacity cross-check beside it", () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openDashboard({ workersPerRun: 1 });
  });
  afterAll(async () => s?.close());

  it("adds replications until the half-width is reached or the cap, shows n, and the capacity figures", async () => {
    const { page, mhst } = s;
    await page.click("nav button[data-view=run]");
    await page.selectOption("#run-scenario", "trailblazer-team");
    await page.fill("#run-replications", "3");
    await page.check("#run-precision-on");
    await page.fill("#run-precision", "1%");
    await page.selectOption("#run-precision-kpi", "shareSeenWithinStandard");
    await page.fill("#run-max-reps", "9");
    await page.locator("#run-form").screenshot({ path: join(OUT, "run-precision-form.png") });
    await page.click("#run-start");
    await page.waitForSelector("#run-panel[data-rendered=true]", { timeout: 120_000 });
    const id = (await page.getAttribute("#run-panel", "data-run-id"))!;
    const results = (await request(mhst.app).get(`/api/runs/${id}/results`).expect(200)).body;
    const p = results.precision;
    expect(results.run.request.precision).toEqual({ target: { value: 0.01, relative: true }, kpi: "shareSeenWithinStandard", maxReps: 9 });
    expect(p.n).toBe(results.experiment.replications);
    // Batches were added after the first three, up to the cap at most.
    expect(p.n).toBeGreaterThan(3);
    expect(p.n).toBeLessThanOrEqual(9);
    // The half-width reported is the stored KPI's 95 % interval.
    const kpi = results.experiment.kpis.find((k: { scope: string; kpi: string }) => k.scope === "service" && k.kpi === "shareSeenWithinStandard");
    expect(p.halfWidth).toBeCloseTo((kpi.hi - kpi.lo) / 2, 10);
    expect(p.wanted).toBeCloseTo(0.01 * Math.abs(kpi.mean), 10);
    if (p.met) expect(p.halfWidth).toBeLessThan(p.wanted);
    else expect(p.n).toBe(9);
    const note = (await page.textContent("#run-panel .replications-note"))!;
    expect(note).toContain(p.met ? `n = ${p.n} reached` : `stopped at the cap, n = ${p.n}`);
    expect(await page.getAttribute("#run-panel .replications-note", "data-replications")).toBe(String(p.n));

    // The cross-check: the figures of mhst capacity for the scenario run.
    const want = analyseCapacity(loadScenario("trailblazer-team"), 12);
    expect(results.capacity.rows).toEqual(want.rows.map((r) => ({ ...r })));
    const team = want.rows.find((r) => r.scope === "team")!;
    const cells = await page.locator(`#run-panel section.capacity tr[data-scope=team][data-id="${team.id}"] td`).allTextContents();
    expect(cells).toEqual([team.referrals, team.accepted, team.demandSlots, team.schoolWorkSlots, team.capacitySlots, team.ratio!, team.standardList, team.currentList, team.extraSlots].map(shown));
    expect(await page.locator("#run-panel section.capacity tr[data-scope=cluster]").count()).toBe(want.rows.filter((r) => r.scope === "cluster").length);
    await page.locator("#run-panel").screenshot({ path: join(OUT, "run-precision-capacity.png") });
    await page.locator("#run-panel section.capacity").screenshot({ path: join(OUT, "run-capacity-table.png") });

    // A bad target is refused by the server, named in the form's errors.
    await page.fill("#run-precision", "-3");
    await page.click("#run-start");
    await page.waitForSelector("#run-errors li");
    expect(await page.textContent("#run-errors")).toBe('precision.target: "-3" must be a number > 0 or a percentage such as "5%"');
    expect(s.problems.filter((x) => !x.startsWith("400 "))).toEqual([]);
  });
});
