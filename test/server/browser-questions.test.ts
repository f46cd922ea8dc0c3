import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUT, openDashboard, SKIP_BROWSER, type BrowserSession } from "./browser-harness.js";

const run = promisify(execFile);
/** LibreOffice's command, or null where it is not installed. */
const SOFFICE = office();
/** The downloaded Word and PowerPoint reports. */
const reports: string[] = [];
const REPS = 3;
const SEED = 1;

/** LibreOffice's command, when installed. */
function office(): string | null {
  for (const cmd of ["libreoffice", "soffice"]) {
    try {
      return execFileSync("which", [cmd], { encoding: "utf8" }).trim() || null;
    } catch {
      // not on PATH
    }
  }
  return null;
}

/** A number as the dashboard prints it (num() in server/web/dom.ts): 0–2 decimals by size. */
const shown = (x: number) => {
  const abs = Math.abs(x);
  return x.toLocaleString("en-GB", { maximumFractionDigits: abs >= 100 ? 0 : abs >= 10 ? 1 : 2, minimumFractionDigits: 0 });
};

/**
 * The two questions the dashboard was tried with, answered in chromium through the form
 * controls only (no YAML, no override typed), on the real engine with few replications:
 * a commissioner's vacancy, checked against `mhst compare` for the same change; an evaluator's
 * two cluster designs, read off the per-school fairness table; then the Word and PowerPoint
 * reports downloaded and their parts checked.
 */
describe.skipIf(SKIP_BROWSER)("commissioner and evaluator questions in a real browser", () => {
  let s: BrowserSession;
  let compareRunId = "";
  beforeAll(async () => {
    s = await openDashboard({ workersPerRun: 1 });
  });
  afterAll(async () => s?.close());

  it("answers 'one of four EMHPs leaves in October, post vacant until January' as mhst compare does", async () => {
    const { page, mhst } = s;
    await page.click("nav button[data-view=compare]");
    await page.check("#b-mode-changes");
    await page.waitForSelector("#posts-body tr[data-post=emhp-2]");
    expect(await page.locator("#posts-body tr").count()).toBe(7);
    await page.selectOption("#vacancy-post", "emhp-2");
    await page.fill("#vacancy-from", "2025-10-20");
    await page.check("#vacancy-refilled");
    await page.fill("#vacancy-to", "2026-01-05");
    await page.click("#vacancy-apply");
    await expect.poll(() => page.textContent("#changes-list")).toBe("emhp-2 vacant from 20 Oct 2025 to 5 Jan 2026, then refilled");
    // The new holder's post appears in the table, starting in January; the old one ends in October.
    expect(await page.inputValue('#posts-body tr[data-post="emhp-2"] input[aria-label="End date of emhp-2"]')).toBe("2025-10-20");
    expect(await page.inputValue('#posts-body tr[data-post="emhp-2-refill"] input[aria-label="Start date of emhp-2-refill"]')).toBe("2026-01-05");
    // Only the vacated post is kept from refilling itself; the scenario's rule for the others stands.
    expect(await page.isChecked("#refill-auto")).toBe(true);
    await page.waitForSelector("#changes-status.ok");
    await page.fill("#compare-replications", String(REPS));
    await page.fill("#compare-seed", String(SEED));
    await page.locator("#staffing-editor").screenshot({ path: join(OUT, "question-vacancy-editor.png") });
    await page.click("#compare-form button[type=submit]");
    await page.waitForSelector("#compare-panel[data-rendered=true]", { timeout: 90_000 });
    compareRunId = (await page.getAttribute("#compare-panel", "data-run-id"))!;
    await page.screenshot({ path: join(OUT, "question-vacancy-results.png"), fullPage: true });

    // The comparison is labelled with its change, in words, in the panel and in Saved runs.
    const info = (await request(mhst.app).get(`/api/runs/${compareRunId}`).expect(200)).body;
    expect(info.scenarioName).toBe("Trailblazer team vs Trailblazer team with emhp-2 vacant from 20 Oct 2025 to 5 Jan 2026, then refilled");
    const overrides: string[] = info.request.b.overrides;
    expect(overrides).toHaveLength(1);
    const posts = JSON.parse(overrides[0]!.replace(/^practitioners=/, "")) as { id: string; endDate?: string; startDate?: string; refill?: boolean }[];
    expect(posts.filter((p) => p.id.startsWith("emhp-2")).map((p) => [p.id, p.startDate, p.endDate, p.refill])).toEqual([
      ["emhp-2", undefined, "2025-10-20", false],
      ["emhp-2-refill", "2026-01-05", undefined, undefined],
    ]);
    expect(posts.filter((p) => p.refill !== undefined).map((p) => p.id)).toEqual(["emhp-2"]);

    // The same change through the command line the page shows, with the same seed and replications.
    const cli = (await page.textContent("#changes-cli"))!;
    expect(cli).toContain(`--reps ${REPS} --seed ${SEED} --scope all`);
    const args = ["bin/mhst.js", "compare", "trailblazer-team", ...overrides.flatMap((o) => ["--set-b", o]), "--reps", String(REPS), "--seed", String(SEED), "--scope", "all", "--workers", "1", "--json"];
    const { stdout } = await run("node", args, { maxBuffer: 64 * 2 ** 20 });
    const rows = (JSON.parse(stdout) as { rows: { scope: string; id: string; kpi: string; meanA: number; meanB: number; diff: number; lo: number; hi: number }[] }).rows;
    const of = (scope: string, id: string, kpi: string) => rows.find((r) => r.scope === scope && r.id === id && r.kpi === kpi)!;

    // The service cards: the share seen within the standard (in % and percentage points) and the censored mean wait.
    const share = of("service", "service", "shareSeenWithinStandard");
    const card = page.locator('#compare-panel .card[data-kpi="shareSeenWithinStandard"]');
    expect(await card.locator(".value").textContent()).toBe(`${share.diff > 0 ? "+" : ""}${shown(100 * share.diff)} % pts`);
    expect(await card.locator(".ci").textContent()).toBe(`A ${shown(100 * share.meanA)}, B ${shown(100 * share.meanB)}; paired 95 % CI ${shown(100 * share.lo)} to ${shown(100 * share.hi)}`);
    const wait = of("service", "service", "waitWeeksMeanCensored");
    expect(await page.locator('#compare-panel .card[data-kpi="waitWeeksMeanCensored"] .value').textContent()).toBe(`${wait.diff > 0 ? "+" : ""}${shown(wait.diff)} weeks`);

    // Where it bites: the affected cluster's row in the table by scope matches the CLI's cluster row.
    const c2 = of("cluster", "c2", "shareSeenWithinStandard");
    const row = page.locator('table[data-table=scopes] tr', { hasText: "Cluster: South primaries" });
    const cells = await row.locator("td").allTextContents();
    expect(cells.slice(1, 3)).toEqual([`${shown(100 * c2.meanA)}\u00a0%`, `${shown(100 * c2.meanB)}\u00a0%`]);
    expect(cells[3]).toMatch(new RegExp(`^${c2.diff > 0 ? "\\+" : ""}${shown(100 * c2.diff).replace(".", "\\.")}\\spp`));
    expect(c2.diff).toBeLessThan(0);
    // A and B's waiting lists on one chart, B's line dashed, with the difference below.
    expect(await page.locator('#compare-panel figure[data-chart="waitlist-ab"] svg').count()).toBe(1);
    expect(s.problems).toEqual([]);
  });

  it("an evaluator moves two schools between clusters, compares the designs and reads the per-school fairness table", async () => {
    const { page } = s;
    await page.click("#changes-reset");
    await expect.poll(() => page.textContent("#changes-list")).toContain("No changes yet");
    await page.selectOption('#schools-body select[aria-label="Cluster of p05"]', "c2");
    await page.selectOption('#schools-body select[aria-label="Cluster of p10"]', "c3");
    await expect.poll(() => page.locator("#changes-list li").allTextContents()).toEqual(["p05 moved to South primaries", "p10 moved to East primaries and special"]);
    // The clusters table counts each cluster's schools and pupils after the move.
    expect(await page.textContent('#clusters-body tr[data-cluster="c1"] td.num')).toBe("4 schools, 960 pupils");
    expect(await page.textContent('#clusters-body tr[data-cluster="c3"] td.num')).toBe("6 schools, 1,390 pupils");
    await page.waitForSelector("#changes-status.ok");
    await page.locator("#design-editor").screenshot({ path: join(OUT, "question-design-editor.png") });
    await page.click("#compare-form button[type=submit]");
    await page.waitForFunction((old) => {
      const p = document.querySelector("#compare-panel") as HTMLElement | null;
      return p?.dataset.runId !== old && p?.dataset.rendered === "true";
    }, compareRunId, { timeout: 90_000 });
    const table = page.locator("table[data-table=fairness-school]");
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(20);
    const p05 = await table.locator("tr", { hasText: "p05" }).locator("td").allTextContents();
    expect(p05[1]).toBe("North primaries → South primaries");
    expect(p05[2]).toMatch(/^\d+(\.\d+)?\s%$/);
    const p01 = await table.locator("tr", { hasText: "p01" }).locator("td").allTextContents();
    expect(p01[1]).toBe("North primaries");
    // Between clusters: the best–worst gap of each design and the concentration index.
    const summary = await page.locator("table[data-table=fairness-summary] tbody tr").allTextContents();
    expect(summary[0]).toMatch(/^Best − worst cluster, seen within standard \(A: .+ vs .+; B: .+ vs .+\)\d/);
    expect(summary[1]).toMatch(/^Concentration index of contacts against pupils0\.\d+0\.\d+/);
    expect(await page.locator("table[data-table=fairness-phase] tbody tr").count()).toBe(4);
    expect(await page.locator("table[data-table=fairness-size] tbody tr").count()).toBe(4);
    await page.locator("#compare-panel section.fairness").screenshot({ path: join(OUT, "question-design-fairness.png") });
    compareRunId = (await page.getAttribute("#compare-panel", "data-run-id"))!;
    const title = await page.textContent("#compare-panel .sides");
    expect(title).toContain("B: Trailblazer team with p05 moved to South primaries; p10 moved to East primaries and special");
    expect(s.problems).toEqual([]);
  });

  it("downloads the comparison's Word and PowerPoint reports and checks their parts", async () => {
    const { page } = s;
    const save = async (format: string) => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(`#compare-panel .report-links a[data-format=${format}]`)]);
      const file = join(OUT, `question-report.${format}`);
      await download.saveAs(file);
      return file;
    };
    const docx = await save("docx");
    const dz = await JSZip.loadAsync(readFileSync(docx));
    expect(Object.keys(dz.files)).toEqual(expect.arrayContaining(["[Content_Types].xml", "word/document.xml", "word/styles.xml", "docProps/core.xml"]));
    const doc = (await dz.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
    expect(doc).toContain("p05 moved to South primaries");
    expect(doc).toContain("Per-school results and fairness");
    expect(doc).toContain("North primaries → South primaries");
    expect(doc).toContain("Waiting list over time, whole service: A and B on one scale, and B − A");
    expect(Object.keys(dz.files).filter((f) => f.startsWith("word/media/") && f.endsWith(".svg")).length).toBe(5);
    const pptx = await save("pptx");
    const pz = await JSZip.loadAsync(readFileSync(pptx));
    const slides = Object.keys(pz.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
    expect(slides.length).toBeGreaterThan(6);
    const all = (await Promise.all(slides.map((f) => pz.file(f)!.async("string")))).join("\n");
    expect(all).toContain("By school: A and B");
    expect(all).toContain("Figure 2. Waiting list over time, whole service: A and B on one scale, and B − A");
    expect(Object.keys(pz.files).some((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f))).toBe(true);

    reports.push(docx, pptx);
  }, 240_000);

  // Where LibreOffice is installed, the documents convert to PDF and a page is drawn to look at;
  // elsewhere this step is reported as skipped.
  it.skipIf(!SOFFICE)(`converts the Word and PowerPoint reports to PDF and draws a page (LibreOffice${SOFFICE ? "" : ": not installed, skipped"})`, async () => {
    expect(reports).toHaveLength(2);
    for (const file of reports) {
      const dir = join(OUT, `lo-${Date.now()}`);
      await run(SOFFICE!, ["--headless", "--convert-to", "pdf", "--outdir", dir, file], { timeout: 120_000 });
      const made = join(dir, file.split("/").pop()!.replace(/\.(docx|pptx)$/, ".pdf"));
      expect(readFileSync(made).subarray(0, 5).toString()).toBe("%PDF-");
      // The first page as a picture, to look at (LibreOffice draws it; no other tool needed).
      await run(SOFFICE!, ["--headless", "--convert-to", "png", "--outdir", dir, file], { timeout: 120_000 });
      expect(readFileSync(made.replace(/\.pdf$/, ".png")).subarray(1, 4).toString()).toBe("PNG");
    }
  }, 240_000);
});
