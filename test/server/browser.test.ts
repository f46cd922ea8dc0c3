import { existsSync, mkdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type MhstApp } from "../../server/index.js";
import { tempDataDir } from "./helpers.js";

/**
 * Drives the dashboard in Debian's chromium (installed by scripts/ensure-chromium.sh; never a
 * browser download): pick trailblazer-team, run it, see the charts drawn, export one as SVG and
 * PNG, cancel a long run, delete a run from Saved runs, and save screenshots under test-output/.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OUT = join(process.cwd(), "test-output");
const skip = process.env.MHST_SKIP_BROWSER === "1";

describe.skipIf(skip)("dashboard in a real browser", () => {
  const data = tempDataDir();
  let mhst: MhstApp;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let base = "";
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (apt-get install -y chromium)`);
    mkdirSync(OUT, { recursive: true });
    mhst = createApp({ dataDir: data.dir, workersPerRun: 2, log: () => {} });
    server = await new Promise<Server>((resolve) => {
      const s = mhst.app.listen(0, "127.0.0.1", () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    // Validation answers 400 on purpose (the editor shows them); anything else failing is a problem.
    page.on("response", (r) => {
      if (r.status() >= 400 && !(r.status() === 400 && r.url().includes("/api/scenarios/validate"))) problems.push(`${r.status()} ${r.url()}`);
    });
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await mhst?.close();
    data.remove();
  });

  it("opens the dashboard with no script errors or CSP violations", async () => {
    await page.goto(base);
    await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
    expect(await page.locator("#scenario-list button[data-id=trailblazer-team]").count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it("shows a validation error beside its form field", async () => {
    await page.click("#scenario-list button[data-id=trailblazer-team]");
    await page.waitForSelector("#editor-status.ok");
    await page.fill("#f-years", "0");
    await page.press("#f-years", "Tab");
    const slot = page.locator('[data-error-for="calendar.years"]');
    await expect.poll(() => slot.textContent(), { timeout: 10_000 }).toContain("calendar.years: 0");
    expect(await page.getAttribute("#f-years", "aria-invalid")).toBe("true");
    // Opening the scenario again keeps the unsaved edit; Revert brings back the saved text.
    await page.click("#revert");
    await page.waitForSelector("#editor-status.ok");
    expect(await page.inputValue("#f-years")).toBe("1");
  });

  it("runs trailblazer-team, follows progress and draws the waitlist and throughput charts", async () => {
    await page.click("#run-this");
    // The editor validates its text first, then opens the run view.
    await page.waitForSelector("#view-run:not([hidden])", { timeout: 10_000 });
    // The run form runs the text in the editor (here the saved text, unedited).
    expect(await page.locator("#run-scenario option:checked").textContent()).toBe("Trailblazer team: the editor's text");
    await page.fill("#run-replications", "8");
    await page.fill("#run-seed", "42");
    await page.click("#run-start");
    await page.waitForSelector("#run-panel[data-rendered=true]", { timeout: 140_000 });
    expect(await page.getAttribute("#run-panel", "data-status")).toBe("done");
    const progress = page.locator("#run-panel progress");
    expect(await progress.evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([8, 8]);
    expect(await page.locator("#run-panel .card").count()).toBeGreaterThanOrEqual(6);

    const waitlist = page.locator('figure[data-chart="waitlist"] svg');
    expect(await waitlist.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    expect(await waitlist.locator("g.mark-line path").count()).toBeGreaterThanOrEqual(5);
    expect(await waitlist.locator("g.mark-area path").count()).toBeGreaterThanOrEqual(5);
    expect(await waitlist.textContent()).toContain("Waiting list over time, by cluster");
    const throughput = page.locator('figure[data-chart="throughput"] svg');
    expect(await throughput.locator("g.mark-line path").count()).toBe(5);
    expect(await throughput.textContent()).toContain("Throughput per week, whole service");
    expect(await throughput.textContent()).toContain("Trailblazer team · 8 replications · seed 42");
    const box = await waitlist.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(150);
    expect(problems).toEqual([]);
  }, 150_000);

  it("exports the waitlist chart as SVG and PNG and saves a screenshot", async () => {
    const fig = page.locator('figure[data-chart="waitlist"]');
    const [svgDownload] = await Promise.all([page.waitForEvent("download"), fig.locator('a[data-format="svg"]').click()]);
    const svgPath = join(OUT, "waitlist-export.svg");
    await svgDownload.saveAs(svgPath);
    expect(svgDownload.suggestedFilename()).toBe("trailblazer-team-waitlist.svg");
    const svg = readFileSync(svgPath, "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    const [pngDownload] = await Promise.all([page.waitForEvent("download"), fig.locator('a[data-format="png"]').click()]);
    const pngPath = join(OUT, "waitlist-export.png");
    await pngDownload.saveAs(pngPath);
    const png = readFileSync(pngPath);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(20_000);
    await page.screenshot({ path: join(OUT, "dashboard-run.png"), fullPage: true });
    await page.click('nav button[data-view="scenarios"]');
    await page.screenshot({ path: join(OUT, "dashboard-scenarios.png") });
    expect(problems).toEqual([]);
  });

  it("compares two scenarios and solves for capacity from their views", async () => {
    await page.click('nav button[data-view="compare"]');
    await page.selectOption("#compare-a", "trailblazer-team");
    await page.selectOption("#compare-b", "trailblazer-team");
    await page.fill("#compare-b-overrides", "casework.slotsPerDay=5");
    await page.fill("#compare-replications", "4");
    await page.click('#compare-form button[type="submit"]');
    await page.waitForSelector("#compare-panel[data-rendered=true]", { timeout: 120_000 });
    const cmp = page.locator('#compare-panel figure[data-chart="compare"] svg');
    expect(await cmp.textContent()).toContain("Paired comparison");
    expect(await cmp.locator("g.mark-symbol path").count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator("#compare-panel .card").count()).toBeGreaterThanOrEqual(5);
    await page.screenshot({ path: join(OUT, "dashboard-compare.png"), fullPage: true });

    await page.click('nav button[data-view="solve"]');
    expect(await page.inputValue("#solve-scenario")).toBe("trailblazer-team");
    await page.fill("#solve-min", "3");
    await page.fill("#solve-max", "6");
    await page.fill("#solve-step", "1");
    await page.fill("#solve-target", "waitWeeksMean <= 5");
    await page.fill("#solve-replications", "3");
    await page.click('#solve-form button[type="submit"]');
    await page.waitForSelector("#solve-panel[data-rendered=true]", { timeout: 120_000 });
    const solver = page.locator('#solve-panel figure[data-chart="solver"] svg');
    expect(await solver.textContent()).toContain("Capacity solver");
    expect(await page.locator("#solve-panel .card .label").first().textContent()).toContain("Least casework.slotsPerDay");
    // A bad target is refused with the field named, beside the form.
    await page.fill("#solve-target", "speed > 3");
    await page.click('#solve-form button[type="submit"]');
    await expect.poll(() => page.locator("#solve-errors li").first().textContent(), { timeout: 10_000 }).toContain("target:");
    await page.screenshot({ path: join(OUT, "dashboard-solve.png"), fullPage: true });
    expect(problems.filter((p) => !p.startsWith("400 ") || !p.includes("/api/solve"))).toEqual([]);
  }, 250_000);

  it("cancels a long run from beside its progress bar, then deletes it from Saved runs after a confirm", async () => {
    await page.click('nav button[data-view="run"]');
    await page.selectOption("#run-scenario", "trailblazer-team");
    await page.fill("#run-replications", "2000");
    await page.fill("#run-overrides", "");
    await page.click("#run-start");
    await page.waitForSelector("#run-panel[data-status=running] button.cancel-run:not([hidden])", { timeout: 20_000 });
    const runId = await page.getAttribute("#run-panel", "data-run-id");
    await page.click("#run-panel button.cancel-run");
    await page.waitForSelector("#run-panel[data-status=cancelled]", { timeout: 20_000 });
    expect(await page.isHidden("#run-panel button.cancel-run")).toBe(true);
    expect(await page.textContent("#run-panel .status")).toContain("Cancelled");

    await page.click('nav button[data-view="runs"]');
    const row = page.locator(`#runs-body tr[data-run-id="${runId}"]`);
    await row.waitFor();
    await row.locator('button[data-action="delete"]').click();
    // The first click only asks; Keep backs out.
    await row.locator('button[data-action="keep"]').click();
    expect(await row.count()).toBe(1);
    await row.locator('button[data-action="delete"]').click();
    await row.locator('button[data-action="confirm-delete"]').click();
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    const gone = await page.evaluate(async (id) => (await fetch(`/api/runs/${id}`)).status, runId);
    expect(gone).toBe(404);
    expect(problems.filter((p) => !(p.startsWith("404 ") && p.includes(`/api/runs/${runId}`)) && !(p.startsWith("400 ") && p.includes("/api/solve")))).toEqual([]);
  }, 60_000);
});
