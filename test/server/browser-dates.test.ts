import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUT, openDashboard, SKIP_BROWSER, type BrowserSession } from "./browser-harness.js";

/**
 * The staffing editor's dates in browsers set to other locales and time zones: a date typed as
 * the scenario file writes it (YYYY-MM-DD) or day first (20/10/2025, 5 Jan 2026) becomes the same
 * ISO date in B's overrides; a month-first date is refused in words and changes nothing. Each
 * post's "refilled when vacated" box writes that post's own refill.
 */
for (const [locale, timezoneId] of [["en-US", "America/Los_Angeles"], ["de-DE", "Pacific/Auckland"]] as const) {
  describe.skipIf(SKIP_BROWSER)(`staffing dates in a ${locale} browser (${timezoneId})`, () => {
    let s: BrowserSession;
    beforeAll(async () => {
      s = await openDashboard({ workersPerRun: 1 }, { locale, timezoneId });
    });
    afterAll(async () => s?.close());

    it("reads typed dates as YYYY-MM-DD whatever the locale, and refuses what is no date", async () => {
      const { page } = s;
      expect(await page.evaluate(() => navigator.language)).toBe(locale);
      await page.click("nav button[data-view=compare]");
      await page.check("#b-mode-changes");
      await page.waitForSelector("#posts-body tr[data-post=emhp-2]");
      // The one-step vacancy, typed day first.
      await page.selectOption("#vacancy-post", "emhp-2");
      await page.locator("#vacancy-from").pressSequentially("20/10/2025");
      await page.locator("#vacancy-from").press("Tab");
      await expect.poll(() => page.inputValue("#vacancy-from")).toBe("2025-10-20");
      await page.check("#vacancy-not-refilled");
      await page.click("#vacancy-apply");
      await expect.poll(() => page.locator("#changes-list li").allTextContents()).toEqual(["emhp-2 vacant from 20 Oct 2025, not refilled"]);
      const field = (post: string, what: string) => page.locator(`#posts-body input[aria-label="${what} of ${post}"]`);
      expect(await field("emhp-2", "End date").inputValue()).toBe("2025-10-20");
      expect(await page.isChecked('#posts-body input[aria-label="emhp-2 is refilled when vacated"]')).toBe(false);

      // A start date in words; an end date written month first is refused and changes nothing.
      await field("emhp-3", "Start date").pressSequentially("5 Jan 2026");
      await field("emhp-3", "Start date").press("Tab");
      await expect.poll(() => field("emhp-3", "Start date").inputValue()).toBe("2026-01-05");
      await field("emhp-4", "End date").pressSequentially("10/20/2025");
      await field("emhp-4", "End date").press("Tab");
      await expect.poll(() => page.locator("#vacancy-errors li").allTextContents()).toEqual([
        'End date of emhp-4: "10/20/2025" is not a date: write YYYY-MM-DD (2025-10-20) or day/month/year (20/10/2025)',
      ]);
      expect(await field("emhp-4", "End date").getAttribute("aria-invalid")).toBe("true");
      // emhp-4's own refill switched off: a change of that post alone.
      await page.uncheck('#posts-body input[aria-label="emhp-4 is refilled when vacated"]');
      await expect.poll(() => page.locator("#changes-list li").allTextContents()).toEqual([
        "emhp-2 vacant from 20 Oct 2025, not refilled",
        "emhp-3 start date 5 Jan 2026",
        "emhp-4 not refilled when vacated",
      ]);
      const cli = (await page.textContent("#changes-cli"))!;
      expect(cli).toContain("--set-b 'practitioners[emhp-2].endDate=2025-10-20' --set-b 'practitioners[emhp-2].refill=false' --set-b 'practitioners[emhp-3].startDate=2026-01-05' --set-b 'practitioners[emhp-4].refill=false'");
      expect(cli).not.toContain("endDate=2025-10-19");
      expect(cli).not.toContain("workforce.refill");
      await page.waitForSelector("#changes-status.ok");
      await page.locator("#staffing-editor").screenshot({ path: join(OUT, `staffing-dates-${locale}.png`) });
      expect(s.problems).toEqual([]);
    });
  });
}
