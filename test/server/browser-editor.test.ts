import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatedEngine } from "./helpers.js";
import { OUT, openDashboard, SKIP_BROWSER, type BrowserSession } from "./browser-harness.js";

/**
 * The editor and the run form in chromium: "Run this scenario" runs the text in the editor,
 * unsaved edits survive opening another scenario, and the run form offers no more
 * replications than the run size limit allows. The engine answers at once with a fixture
 * result: these tests are about what the page sends and shows.
 */
describe.skipIf(SKIP_BROWSER)("scenario editor and run form in a real browser", () => {
  let s: BrowserSession;
  beforeAll(async () => {
    const engine = gatedEngine();
    engine.release();
    s = await openDashboard({ engine });
  });
  afterAll(async () => s?.close());

  it("keeps unsaved edits when another scenario is opened, and marks them in the list", async () => {
    const { page } = s;
    await page.click("#scenario-list button[data-id=trailblazer-team]");
    await page.waitForSelector("#editor-status.ok");
    const text = await page.inputValue("#yaml");
    await page.fill("#yaml", text.replace("name: Trailblazer team", "name: Edited trailblazer"));
    await page.click("#scenario-list button[data-id=llr]");
    await expect.poll(() => page.inputValue("#yaml"), { timeout: 10_000 }).not.toContain("Edited trailblazer");
    expect(await page.locator("#scenario-list button[data-id=trailblazer-team] .tag.edited").count()).toBe(1);
    await page.click("#scenario-list button[data-id=trailblazer-team]");
    await expect.poll(() => page.inputValue("#yaml"), { timeout: 10_000 }).toContain("name: Edited trailblazer");
    await expect.poll(() => page.textContent("#editor-status"), { timeout: 10_000 }).toContain("unsaved edits kept");
    await page.screenshot({ path: join(OUT, "editor-kept-edits.png") });
  });

  it("shows the check's warnings under the text: a field with no effect, with its line", async () => {
    const { page } = s;
    await page.click("#scenario-list button[data-id=trailblazer-team]");
    await page.waitForSelector("#editor-status.ok");
    const text = await page.inputValue("#yaml");
    expect(await page.locator("#editor-warnings li").count()).toBe(0);
    await page.fill("#yaml", text.replace("groups:\n", "groups:\n  perClusterPerTerm: 2\n"));
    await page.click("#validate");
    await expect.poll(() => page.locator("#editor-warnings li").count(), { timeout: 10_000 }).toBe(1);
    expect(await page.textContent("#editor-warnings li")).toMatch(/^line \d+: groups\.perClusterPerTerm: 2 has no effect: groups\.formation is whenEnough/);
    expect(await page.textContent("#editor-status")).toContain("1 warning below");
    await page.locator("#editor-warnings").screenshot({ path: join(OUT, "editor-warnings.png") });
    await page.fill("#yaml", text);
    await page.click("#validate");
    await expect.poll(() => page.locator("#editor-warnings li").count(), { timeout: 10_000 }).toBe(0);
  });

  it("Run this scenario runs the edited text, not the saved one", async () => {
    const { page, base } = s;
    await page.click("#run-this");
    // The editor validates its text first, then opens the run view.
    await page.waitForSelector("#view-run:not([hidden])", { timeout: 10_000 });
    expect(await page.locator("#run-scenario option:checked").textContent()).toBe("Edited trailblazer: the editor's text (unsaved edits)");
    await page.fill("#run-replications", "3");
    await page.click("#run-start");
    await page.waitForSelector("#run-panel[data-status=done]", { timeout: 30_000 });
    const id = await page.getAttribute("#run-panel", "data-run-id");
    const run = (await (await fetch(`${base}/api/runs/${id}`)).json()) as { scenarioName: string; request: { text?: string; scenario?: string } };
    expect(run.scenarioName).toBe("Edited trailblazer");
    expect(run.request.scenario).toBeUndefined();
    expect(run.request.text).toContain("name: Edited trailblazer");
    // Revert drops the edits.
    await page.click('nav button[data-view="scenarios"]');
    await page.click("#revert");
    await expect.poll(() => page.inputValue("#yaml"), { timeout: 10_000 }).not.toContain("name: Edited trailblazer");
    await page.waitForSelector("#editor-status.ok");
    expect(await page.inputValue("#yaml")).toContain("name: Trailblazer team");
    expect(await page.locator("#scenario-list .tag.edited").count()).toBe(0);
  });

  it("offers national-2025 with the most replications that fit (4), and says so", async () => {
    const { page } = s;
    await page.click('nav button[data-view="run"]');
    await page.selectOption("#run-scenario", "national-2025");
    await expect.poll(() => page.inputValue("#run-replications"), { timeout: 10_000 }).toBe("4");
    expect(await page.getAttribute("#run-replications", "max")).toBe("4");
    expect(await page.textContent("#run-fit")).toBe("At most 4 replications fit the run size limit (4 × 10,319 years × schools of 50,000).");
    await page.selectOption("#run-scenario", "trailblazer-team");
    await expect.poll(() => page.inputValue("#run-replications"), { timeout: 10_000 }).toBe("10");
    await page.selectOption("#run-scenario", "national-2025");
    await expect.poll(() => page.inputValue("#run-replications"), { timeout: 10_000 }).toBe("4");
    await page.click("#run-start");
    await page.waitForSelector("#run-panel[data-status=done]", { timeout: 30_000 });
    expect(await page.locator("#run-errors li").count()).toBe(0);
    await page.screenshot({ path: join(OUT, "run-form-fit.png") });
    // A comparison of national-2025 with itself runs both: at most 2.
    await page.click('nav button[data-view="compare"]');
    await page.selectOption("#compare-a", "national-2025");
    await page.selectOption("#compare-b", "national-2025");
    await expect.poll(() => page.inputValue("#compare-replications"), { timeout: 10_000 }).toBe("2");
    expect(s.problems).toEqual([]);
  });
});
