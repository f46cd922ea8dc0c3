import { existsSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import express from "express";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtNotebooks } from "./built.js";

/**
 * The built notebooks under a plain static file server (no `/page` → `/page.html` mapping), in
 * Debian's chromium: every link on every page resolves, and the charts draw their data inside
 * the plot (not off it), each effect chart on a scale of its own.
 */
const root = join(import.meta.dirname, "..", "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skip = process.env.MHST_SKIP_BROWSER === "1";
const PAGES = ["index.html", "comparing-cluster-designs.html", "staffing-scenarios.html", "can-the-model-be-trusted.html"];

/** For each chart: its plot's height and width, and the centres of its dots and the x-extent of its marks. */
interface ChartGeometry {
  name: string;
  width: number;
  height: number;
  dots: { x: number; y: number }[];
  frame: { left: number; right: number } | null;
  marksLeft: number;
  marksRight: number;
}

async function geometry(page: Page, prefix: string): Promise<ChartGeometry[]> {
  await page.waitForSelector(`.mhst-chart[data-chart^="${prefix}"] svg`, { timeout: 30_000 });
  return page.$$eval(`.mhst-chart[data-chart^="${prefix}"]`, (charts) =>
    charts.map((c) => {
      const svgs = Array.from(c.querySelectorAll("svg")).filter((s) => s.querySelector("circle, path[d]"));
      const svg = svgs.sort((a, b) => Number(b.getAttribute("height")) - Number(a.getAttribute("height")))[0]!;
      const box = svg.getBoundingClientRect();
      const dots = Array.from(svg.querySelectorAll('g[aria-label="dot"] circle, g[aria-label="dot"] path')).map((d) => {
        const r = d.getBoundingClientRect();
        return { x: r.x + r.width / 2 - box.x, y: r.y + r.height / 2 - box.y };
      });
      const frameEl = svg.querySelector('[aria-label="frame"]');
      const f = frameEl?.getBoundingClientRect();
      const marks = Array.from(svg.querySelectorAll('g[aria-label="dot"] > *, g[aria-label="rule"] > *')).map((m) => m.getBoundingClientRect());
      return {
        name: (c as HTMLElement).dataset.chart!,
        width: box.width,
        height: box.height,
        dots,
        frame: f ? { left: f.left - box.x, right: f.right - box.x } : null,
        marksLeft: Math.min(...marks.map((m) => m.left - box.x)),
        marksRight: Math.max(...marks.map((m) => m.right - box.x)),
      };
    }),
  );
}

describe.skipIf(skip)("built notebooks in a browser, under a plain static server", () => {
  let out = "";
  let server: Server;
  let browser: Browser;
  let page: Page;
  let base = "";

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh`);
    ({ out } = await builtNotebooks());
    const app = express();
    // Plain static files: no extension guessing, as python's http.server or nginx out of the box.
    app.use(express.static(out, { extensions: false }));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
    page = await (await browser.newContext({ viewport: { width: 1300, height: 1000 } })).newPage();
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  it("every local link on every page answers 200", async () => {
    const broken: string[] = [];
    let checked = 0;
    for (const p of PAGES) {
      await page.goto(`${base}/${p}`);
      const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const href of new Set(hrefs)) {
        const url = new URL(href);
        if (url.origin !== base) continue;
        url.hash = "";
        checked++;
        const res = await fetch(url);
        if (res.status !== 200) broken.push(`${p} → ${url.pathname}: ${res.status}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(10);
  }, 60_000);

  it("draws the share charts' points inside the plot: the staffing curve, the four sensitivity curves and the Morris chart", async () => {
    await page.goto(`${base}/staffing-scenarios.html`);
    const least = await geometry(page, "staffing-least");
    await page.goto(`${base}/can-the-model-be-trusted.html`);
    const sensitivity = (await geometry(page, "sensitivity-")).filter((g) => g.name !== "sensitivity-tornado");
    expect(sensitivity.map((g) => g.name)).toContain("sensitivity-morris");
    expect(sensitivity).toHaveLength(5);
    for (const g of [...least, ...sensitivity]) {
      expect(g.dots.length, g.name).toBeGreaterThanOrEqual(4);
      const inside = g.dots.filter((d) => d.y >= 0 && d.y <= g.height && d.x >= 0 && d.x <= g.width);
      expect(inside.length, `${g.name}: ${g.dots.length - inside.length} of ${g.dots.length} points off the plot`).toBe(g.dots.length);
    }
    await page.locator(".mhst-chart[data-chart^=sensitivity-]").first().screenshot({ path: join(root, "test-output", "notebook-sensitivity.png") });
  }, 90_000);

  it("draws the new mechanisms' tornado: one row of bars per mechanism input, inside the plot", async () => {
    await page.goto(`${base}/can-the-model-be-trusted.html`);
    const chart = page.locator(".mhst-chart[data-chart=mechanisms-tornado]");
    await chart.scrollIntoViewIfNeeded();
    const bars = await chart.locator("svg g[aria-label=bar] rect").count();
    // Four inputs of LLR's uncertainty block, each at its low and high end.
    expect(bars).toBe(8);
    await chart.screenshot({ path: join(root, "test-output", "notebook-mechanisms.png") });
  }, 60_000);

  it("gives each staffing effect its own scale, so each panel's intervals fill a good part of it", async () => {
    await page.goto(`${base}/staffing-scenarios.html`);
    const effects = await geometry(page, "staffing-differences-");
    expect(effects.map((g) => g.name).sort()).toEqual(["staffing-differences-shareseenwithinstandard", "staffing-differences-startedinyear", "staffing-differences-waitweeksmeancensored"]);
    for (const g of effects) {
      expect(g.frame, g.name).not.toBeNull();
      const spread = (g.marksRight - g.marksLeft) / (g.frame!.right - g.frame!.left);
      expect(spread, `${g.name}: marks span ${(100 * spread).toFixed(0)} % of the panel`).toBeGreaterThan(0.4);
    }
    await page.locator(".mhst-chart[data-chart=staffing-differences-waitweeksmeancensored]").screenshot({ path: join(root, "test-output", "notebook-staffing-effect.png") });
    await page.locator(".mhst-chart[data-chart=staffing-least]").screenshot({ path: join(root, "test-output", "notebook-staffing-least.png") });
  }, 90_000);
  it("puts the weekly charts on calendar dates with the school holidays shaded", async () => {
    for (const [file, chart] of [
      ["staffing-scenarios.html", "staffing-waiting-list"],
      ["staffing-scenarios.html", "staffing-capacity"],
      ["comparing-cluster-designs.html", "cluster-waiting-list"],
    ] as const) {
      await page.goto(`${base}/${file}`);
      await page.waitForSelector(`.mhst-chart[data-chart="${chart}"] svg`, { timeout: 30_000 });
      const found = await page.$eval(`.mhst-chart[data-chart="${chart}"]`, (c) => ({
        ticks: Array.from(c.querySelectorAll('g[aria-label="x-axis tick label"] text')).map((t) => t.textContent ?? ""),
        label: c.querySelector('g[aria-label="x-axis label"]')?.textContent ?? "",
        bands: c.querySelectorAll('g[aria-label="rect"] rect').length,
      }));
      expect(found.label, chart).toContain("Week starting");
      // Month ticks: the school year starts in September 2025.
      expect(found.ticks.join(" "), chart).toMatch(/2025/);
      expect(found.ticks.join(" "), chart).toMatch(/Oct|November|Jan|2026/);
      // Six runs of holiday weeks a school year (half-terms, Christmas, Easter, summer), in each panel.
      expect(found.bands, chart).toBeGreaterThanOrEqual(6);
    }
    await page.goto(`${base}/staffing-scenarios.html`);
    await page.locator(".mhst-chart[data-chart=staffing-capacity]").screenshot({ path: join(root, "test-output", "notebook-staffing-capacity.png") });
  }, 90_000);
});
