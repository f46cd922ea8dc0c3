import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCsv } from "../../cli/output.js";
import { loadScenario, loadScenarioText } from "../../scenarios/index.js";
import { simulate } from "../../sim/model/index.js";
import { OUT, openDashboard, SKIP_BROWSER, type BrowserSession } from "./browser-harness.js";

const EXAMPLE = join(import.meta.dirname, "..", "..", "scenarios", "examples", "activity-example.csv");

/** A number as the dashboard prints it (num() in server/web/dom.ts): 0–2 decimals by size. */
const shown = (x: number) => {
  const abs = Math.abs(x);
  return x.toLocaleString("en-GB", { maximumFractionDigits: abs >= 100 ? 0 : abs >= 10 ? 1 : 2, minimumFractionDigits: 0 });
};

/**
 * Calibration in a real browser: the example activity file and a cases.csv of the scenario's
 * own run uploaded through the file control, the fitted table read off the page and checked
 * against the API, the back-test chart drawn, and the calibrated scenario saved.
 */
describe.skipIf(SKIP_BROWSER)("calibrating a scenario in the dashboard", () => {
  let s: BrowserSession;
  const dir = mkdtempSync(join(tmpdir(), "mhst-cal-browser-"));
  const cases = join(dir, "cases.csv");
  beforeAll(async () => {
    const model = loadScenario("trailblazer-team");
    writeFileSync(cases, toCsv(simulate(model, { seed: 4, replication: 0 }).cases.map((c) => ({ replication: 0, ...c }))));
    s = await openDashboard({ workersPerRun: 1 });
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads the example file: its rows used, and the estimates it is too small for left as they were", async () => {
    const { page } = s;
    await page.click("nav button[data-view=calibrate]");
    await page.waitForSelector("#cal-scenario option[value=trailblazer-team]", { state: "attached" });
    await page.selectOption("#cal-scenario", "trailblazer-team");
    await page.setInputFiles("#cal-file", EXAMPLE);
    await page.click("#cal-fit");
    await page.waitForSelector("#cal-estimates");
    expect(await page.textContent("#cal-rows")).toMatch(/^activity-example\.csv: 12 of 12 rows used\. Referral rate by /);
    const dna = page.locator('#cal-estimates tr[data-kind="dnaShare"] td');
    expect(await dna.nth(2).textContent()).toBe("–");
    expect(await dna.nth(5).textContent()).toBe("(left as it was)");
  });

  it("fits a cases.csv, shows each value with its interval and n, back-tests it and saves it", async () => {
    const { page, mhst } = s;
    await page.setInputFiles("#cal-file", cases);
    await page.click("#cal-fit");
    await page.waitForFunction(() => document.querySelector("#cal-rows")?.textContent?.startsWith("cases.csv"));
    const api = (await request(mhst.app).post("/api/calibrate").send({ scenario: "trailblazer-team", csv: readFileSync(cases, "utf8"), file: "cases.csv" }).expect(200)).body;
    expect(await page.textContent("#cal-rows")).toBe(`cases.csv: ${api.rowsUsed} of ${api.rowsRead} rows used (replication 0). Referral rate by ${api.by} (${api.byReason}).`);
    const rows = page.locator("#cal-estimates tbody tr");
    expect(await rows.count()).toBe(api.estimates.length);
    for (const kind of ["signpostShare", "declineShare", "dnaShare", "stepUpShare"]) {
      const e = api.estimates.find((x: { kind: string }) => x.kind === kind);
      expect(e.fitted, kind).toBe(true);
      const cells = await page.locator(`#cal-estimates tr[data-kind="${kind}"] td`).allTextContents();
      expect(cells.slice(2, 6), kind).toEqual([shown(e.value), `${shown(e.lo)} to ${shown(e.hi)}`, String(e.n), e.fields.join(", ")]);
    }
    expect(await page.textContent("#cal-yaml")).toBe(api.text);
    await page.screenshot({ path: join(OUT, "calibrate-fitted.png"), fullPage: true });

    await page.fill("#cal-bt-replications", "4");
    await page.click("#cal-backtest");
    await page.waitForSelector("#cal-bt[data-rendered=true]", { timeout: 120_000 });
    expect(await page.textContent("#cal-bt-summary")).toMatch(/^Observed months inside the simulated 10–90 % band: \d+ % of \d+\.$/);
    // The chart: a band (area) and points per measure, drawn as live SVG from the server's export.
    const marks = await page.locator('#cal-bt figure[data-chart=backtest] svg path[aria-roledescription="area mark"]').count();
    expect(marks).toBe(5);
    expect(await page.locator('#cal-bt figure[data-chart=backtest] svg [aria-roledescription="point"]').count()).toBeGreaterThan(40);
    expect(await page.locator("#cal-bt figcaption a[data-format]").count()).toBe(4);
    await page.locator("#cal-bt").screenshot({ path: join(OUT, "calibrate-backtest.png") });

    await page.fill("#cal-name", "Trailblazer team, calibrated");
    await page.click("#cal-save");
    await page.waitForSelector("#cal-save-status.ok");
    expect(await page.textContent("#cal-save-status")).toBe("Saved as “Trailblazer team, calibrated” (id trailblazer-team-calibrated): it is in the scenario lists now.");
    const saved = (await request(mhst.app).get("/api/scenarios/trailblazer-team-calibrated").expect(200)).body;
    // The text shown, with the name typed in the form.
    const dropName = (t: string) => t.replace(/^name: .*$/m, "");
    expect(dropName(saved.text)).toBe(dropName(api.text));
    expect(loadScenarioText(saved.text, { file: "saved.yaml" }).name).toBe("Trailblazer team, calibrated");
    await page.waitForSelector("#run-scenario option[value=trailblazer-team-calibrated]", { state: "attached" });
    await page.screenshot({ path: join(OUT, "calibrate-saved.png"), fullPage: true });
    expect(s.problems).toEqual([]);
  });
});
