import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { builtNotebooks } from "./built.js";

/**
 * The notebooks built with the project's own build script (data loaders run against dist/,
 * which the suite's global setup compiles; see built.ts): each page's HTML exists, draws its
 * charts, and registers data files that hold the charts' data.
 */

/** What each notebook must contain: its charts (download names) and, per data file, fields every row has. */
interface PageExpectation {
  readonly page: string;
  readonly charts: readonly string[];
  readonly data: Readonly<Record<string, { readonly array: string; readonly fields: readonly string[]; readonly minRows: number }>>;
}

const PAGES: readonly PageExpectation[] = [
  {
    page: "comparing-cluster-designs",
    charts: ["cluster-paired-differences", "cluster-waiting-list", "cluster-school-contacts", "cluster-waits"],
    data: {
      "./data/cluster-designs.json": { array: "comparisons", fields: ["design", "kpi", "diff", "lo", "hi"], minRows: 10 },
    },
  },
  {
    page: "staffing-scenarios",
    charts: ["staffing-capacity", "staffing-waiting-list", "staffing-differences-shareseenwithinstandard", "staffing-least"],
    data: {
      "./data/staffing.json": { array: "weekly", fields: ["scenario", "week", "waitlistMedian", "waitlistP10", "waitlistP90"], minRows: 100 },
    },
  },
  {
    page: "can-the-model-be-trusted",
    charts: ["engine-waits", "engine-ratio", "sensitivity-tornado", "sensitivity-morris", "mechanisms-tornado"],
    data: {
      "./data/engine-vs-closed-forms.json": { array: "points", fields: ["family", "quantity", "rho", "simulated", "lo", "hi", "exact"], minRows: 20 },
      "./data/sensitivity.json": { array: "sweep", fields: ["parameter", "value", "kpi", "mean", "lo", "hi"], minRows: 50 },
    },
  },
];

let out = "";
let log = "";

beforeAll(async () => {
  ({ out, log } = await builtNotebooks());
}, 180_000);

/** The data files a built page registers: attachment name to its path in the output. */
function registeredFiles(html: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const m of html.matchAll(/registerFile\(("(?:[^"\\]|\\.)*"), (\{.*?\})\);/g)) {
    const info = JSON.parse(m[2]) as { path: string };
    files.set(JSON.parse(m[1]) as string, info.path);
  }
  return files;
}

describe("notebooks build", () => {
  it("builds offline to static HTML with a landing page", () => {
    expect(log).not.toMatch(/fetch failed|ENOTFOUND|Unexpected error/);
    expect(existsSync(join(out, "index.html"))).toBe(true);
    // No page may load code or fonts from a CDN: the site must work offline.
    const index = readFileSync(join(out, "index.html"), "utf8");
    expect(index).not.toMatch(/https:\/\/(cdn\.jsdelivr\.net|fonts\.googleapis\.com)/);
  });

  for (const expected of PAGES) {
    describe(expected.page, () => {
      it("has its HTML page with every chart and its download buttons", () => {
        const file = join(out, `${expected.page}.html`);
        expect(existsSync(file), `${file} missing; build log:\n${log}`).toBe(true);
        const html = readFileSync(file, "utf8");
        expect(html).not.toMatch(/https:\/\/cdn\.jsdelivr\.net/);
        expect(html).toContain("downloadable");
        for (const chart of expected.charts) {
          // A chart drawn once per measure names itself by a template (`staffing-differences-${kpi}`).
          const stem = chart.replace(/-shareseenwithinstandard$/, "-");
          expect(html, `chart ${chart}`).toContain(stem === chart ? `name: "${chart}"` : `name: \`${stem}`);
        }
      });

      it("registers data files that hold the charts' data", () => {
        const html = readFileSync(join(out, `${expected.page}.html`), "utf8");
        const files = registeredFiles(html);
        for (const [name, spec] of Object.entries(expected.data)) {
          const path = files.get(name);
          expect(path, `${expected.page} does not register ${name}`).toBeDefined();
          const data = JSON.parse(readFileSync(join(out, expected.page, "..", path!), "utf8")) as Record<string, unknown>;
          const rows = data[spec.array] as Record<string, unknown>[];
          expect(Array.isArray(rows), `${name}: ${spec.array} is not an array`).toBe(true);
          expect(rows.length).toBeGreaterThanOrEqual(spec.minRows);
          for (const row of rows) {
            for (const field of spec.fields) expect(row, `${name}: ${spec.array} row lacks ${field}`).toHaveProperty(field);
          }
          const numbers = rows.flatMap((r) => spec.fields.map((f) => r[f])).filter((v) => typeof v === "number");
          expect(numbers.every((v) => Number.isFinite(v)), `${name}: non-finite numbers`).toBe(true);
        }
      });
    });
  }
});
