import { existsSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { createApp, type AppOptions, type MhstApp } from "../../server/index.js";
import { tempDataDir } from "./helpers.js";

/** Debian's chromium (scripts/ensure-chromium.sh installs it; never a browser download). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Where browser tests save screenshots. */
export const OUT = join(process.cwd(), "test-output");
/** `MHST_SKIP_BROWSER=1` skips the browser tests. */
export const SKIP_BROWSER = process.env.MHST_SKIP_BROWSER === "1";

/** A dashboard server on a free port with a page open in chromium, and how to shut both down. */
export interface BrowserSession {
  readonly mhst: MhstApp;
  readonly page: Page;
  readonly base: string;
  /** Failed requests, console errors and page errors seen so far. */
  readonly problems: string[];
  close(): Promise<void>;
}

/**
 * Starts the app (options as createApp's, data in a temporary folder) and opens the dashboard
 * in headless chromium (with the browser's locale and time zone when given), waiting until the
 * page says it is ready.
 * @throws Error when chromium is missing.
 */
export async function openDashboard(options: Omit<AppOptions, "dataDir"> = {}, browserOptions: { locale?: string; timezoneId?: string } = {}): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (apt-get install -y chromium)`);
  mkdirSync(OUT, { recursive: true });
  const data = tempDataDir();
  const mhst = createApp({ log: () => {}, ...options, dataDir: data.dir });
  const server = await new Promise<Server>((resolve) => {
    const s = mhst.app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 }, ...browserOptions });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400 && !(r.status() === 400 && r.url().includes("/api/scenarios/validate"))) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.goto(base);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
  return {
    mhst,
    page,
    base,
    problems,
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
      await mhst.close();
      data.remove();
    },
  };
}
