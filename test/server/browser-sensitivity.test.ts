import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUT, SKIP_BROWSER, openDashboard, type BrowserSession } from "./browser-harness.js";
import { waitForRun } from "./helpers.js";

describe.skipIf(SKIP_BROWSER)("the Sensitivity view in a real browser", () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openDashboard();
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it("runs one at a time on a built-in, then shows the table most influential first and the tornado chart", async () => {
    const { page } = s;
    await page.click("nav button[data-view='sensitivity']");
    await page.waitForSelector("#view-sensitivity:not([hidden])");
    await page.waitForSelector("#sens-scenario option[value='ealing-primary']", { state: "attached" });
    await page.selectOption("#sens-scenario", "ealing-primary");
    await page.selectOption("#sens-method", "oat");
    expect(await page.isVisible("#sens-size")).toBe(false);
    await page.fill("#sens-replications", "2");
    await page.click("#sens-start");
    await page.waitForSelector("#sens-panel[data-status=done]", { timeout: 60_000 });
    await page.waitForSelector("#sens-panel figure svg", { timeout: 20_000 });
    const rows = await page.$$eval("#sens-panel tbody tr", (trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent ?? "")));
    // ealing-primary's uncertainty block lists seven inputs.
    expect(rows).toHaveLength(7);
    expect(await page.$$eval("#sens-panel thead th", (ths) => ths.map((t) => t.textContent))).toEqual(["Input", "Range", "Base", "At low", "At high", "Swing (high − low)", "95 % interval"]);
    const swings = rows.map((r) => Math.abs(Number(r[5].replace("−", "-"))));
    expect(swings.every((x) => Number.isFinite(x))).toBe(true);
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
    expect(rows[0][0]).toBe("referrals.ratePer1000PerWeek");
    // Range and Base are the inputs as ealing-primary.yaml gives them, not rounded as results are.
    const inputs = Object.fromEntries(rows.map((r) => [r[0], r.slice(1, 3)]));
    expect(inputs).toEqual({
      "referrals.ratePer1000PerWeek": ["0.5 – 1.6", "1"],
      "triage.signpostShare": ["0.1 – 0.4", "0.25"],
      "casework.dnaShare": ["0.05 – 0.2", "0.1"],
      "casework.slotsPerDay": ["3 – 4", "3.5"],
      "referrals.mhstPlusShare": ["0.05 – 0.2", "0.1"],
      "mhstPlus.interventionShare": ["0.4 – 0.8", "0.6"],
      "meetings.adminSlotsPerWeek": ["1 – 4", "2"],
    });
    // The default measure is the four-week standard, named with its label, and the base run's value is given.
    expect(await page.inputValue("#sens-kpi")).toBe("shareSeenWithinStandard");
    expect(await page.textContent("#sens-panel .results > p")).toMatch(/^15 design points × 2 replications, service shareSeenWithinStandard \(“Seen within the standard”\), 0\.\d+ at the base; most influential input first\.$/);
    const bars = await page.$$eval("#sens-panel figure svg text", (ts) => ts.map((t) => t.textContent ?? ""));
    expect(bars).toEqual(expect.arrayContaining(["referrals.ratePer1000PerWeek", "casework.dnaShare"]));
    expect(await page.textContent("#sens-status")).toMatch(/^Ealing primary: finished$/);
    // MHST+ practitioners have room to spare in ealing-primary, so the intervention share moves no wait (it does move their utilisation).
    expect(rows.find((r) => r[0] === "mhstPlus.interventionShare")?.slice(5)).toEqual(["0", "0 to 0"]);
    expect(await page.textContent("#sens-still")).toBe("mhstPlus.interventionShare gave the same “Seen within the standard” at low and at high in every replication: within its range it does not move this KPI, though it may move others.");
    const links = await page.$$eval("#sens-panel .exports a", (as) => as.map((a) => a.textContent));
    expect(links).toEqual(expect.arrayContaining(["SVG"]));
    // No saved run yet: the view says how to get one instead of offering an empty list.
    expect(await page.textContent("#sens-panel .results > p.exports:last-child")).toBe("To add this chart to a report, run the scenario first (Run view); its saved run then appears here.");
    await page.screenshot({ path: join(OUT, "sensitivity-oat.png"), fullPage: true });
    expect(s.problems).toEqual([]);
  }, 120_000);

  it("analyses the measure chosen in the form: the summary and the chart's axis follow it", async () => {
    const { page } = s;
    const options = await page.$$eval("#sens-kpi option", (os) => os.map((o) => [o.getAttribute("value"), o.textContent, o.getAttribute("title")]));
    expect(options).toEqual(expect.arrayContaining([["utilisation", "Clinical utilisation", expect.stringMatching(/.+/)], ["waitWeeksMean", "Mean wait (started only)", expect.stringMatching(/.+/)]]));
    await page.selectOption("#sens-kpi", "utilisation");
    await page.fill("#sens-replications", "1");
    await page.click("#sens-start");
    await page.waitForSelector("#sens-panel[data-status=done]", { timeout: 60_000 });
    await page.waitForSelector("#sens-panel figure svg", { timeout: 20_000 });
    expect(await page.textContent("#sens-panel .results > p")).toMatch(/^15 design points × 1 replication, service utilisation \(“Clinical utilisation”\), 0\.\d+ at the base; most influential input first\.$/);
    const texts = await page.$$eval("#sens-panel figure svg text", (ts) => ts.map((t) => t.textContent ?? ""));
    expect(texts.some((t) => t.startsWith("Change in Clinical utilisation"))).toBe(true);
    const rows = await page.$$eval("#sens-panel tbody tr", (trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent ?? "")));
    // Utilisation counts the MHST+ practitioners' sessions, so the intervention share that moved no wait moves it.
    expect(Number(rows.find((r) => r[0] === "mhstPlus.interventionShare")?.[5].replace("−", "-"))).not.toBe(0);
    await page.screenshot({ path: join(OUT, "sensitivity-oat-utilisation.png"), fullPage: true });
    expect(s.problems).toEqual([]);
  }, 120_000);

  it("screens with Morris and draws the μ*–σ chart", async () => {
    const { page } = s;
    await page.selectOption("#sens-kpi", "shareSeenWithinStandard");
    await page.selectOption("#sens-method", "morris");
    expect(await page.isVisible("#sens-size")).toBe(true);
    await page.fill("#sens-size", "2");
    await page.fill("#sens-replications", "1");
    await page.click("#sens-start");
    await page.waitForSelector("#sens-panel[data-status=done]", { timeout: 60_000 });
    await page.waitForSelector("#sens-panel figure svg", { timeout: 20_000 });
    expect(await page.$$eval("#sens-panel thead th", (ths) => ths.map((t) => t.textContent))).toEqual(["Input", "Range", "μ*", "μ", "σ"]);
    const rows = await page.$$eval("#sens-panel tbody tr", (trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent ?? "")));
    expect(rows).toHaveLength(7);
    const muStar = rows.map((r) => Number(r[2]));
    expect(muStar.every((x) => x >= 0)).toBe(true);
    expect(muStar).toEqual([...muStar].sort((a, b) => b - a));
    expect(await page.textContent("#sens-panel .results > p")).toMatch(/^16 design points × 1 replication, service shareSeenWithinStandard/);
    // With a finished saved run, the view links to its report with this chart added after the run's own.
    const posted = await fetch(`${s.base}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: "ealing-primary", replications: 1 }) });
    expect(posted.status).toBe(202);
    const runId = ((await posted.json()) as { id: string }).id;
    expect((await waitForRun(s.mhst.app, runId)).status).toBe("done");
    await page.click("#sens-start");
    await page.waitForSelector("#sens-report-links a", { timeout: 60_000 });
    const hrefs = await page.$$eval("#sens-report-links a", (as) => as.map((a) => a.getAttribute("href") ?? ""));
    const id = (await page.$$eval("#sens-panel .exports a[download]", (as) => as.map((a) => a.getAttribute("href") ?? "")))[0].match(/\/api\/sensitivity\/([^/]+)\//)?.[1];
    expect(id).toBeTruthy();
    expect(hrefs).toEqual([`/api/runs/${runId}/report.html?sensitivity=${id}`, `/api/runs/${runId}/report.docx?sensitivity=${id}`, `/api/runs/${runId}/report.pptx?sensitivity=${id}`]);
    const report = await (await fetch(s.base + hrefs[0])).text();
    expect(report).toContain('<figure id="morris">');
    await page.screenshot({ path: join(OUT, "sensitivity-morris.png"), fullPage: true });
    expect(s.problems).toEqual([]);
  }, 120_000);
});
