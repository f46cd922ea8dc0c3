import * as Plot from "@observablehq/plot";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { downloadable, exportSvg, toCsv } from "../../notebooks/src/components/download.js";
import { chartPalette } from "../../server/index.js";

const { document } = new JSDOM("").window;

const rows = [
  { design: "4 clusters", week: 1, waiting: 12 },
  { design: "7 clusters", week: 1, waiting: 15 },
  { design: "4 clusters", week: 2, waiting: 14 },
  { design: "7 clusters", week: 2, waiting: 18 },
];

function chart(): Element {
  return Plot.plot({
    document,
    title: "Waiting list by design",
    subtitle: "Median over replications",
    caption: "Seed 1, 5 replications.",
    color: { legend: true },
    marks: [Plot.lineY(rows, { x: "week", y: "waiting", stroke: "design" })],
  }) as unknown as Element;
}

describe("notebook download helper", () => {
  it("writes CSV with a header in first-seen column order and RFC 4180 quoting", () => {
    expect(toCsv([{ a: 1, b: "x,y" }, { b: 'say "hi"', c: null }])).toBe('a,b,c\n1,"x,y",\n,"say ""hi""",\n');
    expect(toCsv([])).toBe("\n");
  });

  it("exports one standalone SVG with the title, subtitle, legend and caption inside it", () => {
    const fig = chart();
    expect(fig.tagName.toLowerCase()).toBe("figure");
    const svg = exportSvg(fig);
    expect(svg.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    const xml = new (document.defaultView as unknown as typeof globalThis).XMLSerializer().serializeToString(svg);
    for (const text of ["Waiting list by design", "Median over replications", "4 clusters", "7 clusters", "Seed 1, 5 replications."]) {
      expect(xml).toContain(text);
    }
    // The plot's marks come along: one path per design.
    expect(svg.querySelectorAll("path[stroke]").length).toBeGreaterThanOrEqual(2);
    // The header pushes the plot down and the export grows to hold it.
    const plotHeight = Number(fig.querySelector("svg")!.getAttribute("height"));
    expect(Number(svg.getAttribute("height"))).toBeGreaterThan(plotHeight + 40);
    // The figure on the page is left as it was.
    expect(fig.querySelector("svg")!.closest("figure")).toBe(fig);
  });

  it("wraps a chart with SVG, PNG and CSV buttons, and no CSV without data", () => {
    const withData = downloadable(chart(), { name: "waits", data: rows });
    expect(withData.dataset.chart).toBe("waits");
    expect([...withData.querySelectorAll("button")].map((b) => b.textContent)).toEqual(["SVG", "PNG", "CSV"]);
    const without = downloadable(chart(), { name: "waits" });
    expect([...without.querySelectorAll("button")].map((b) => b.textContent)).toEqual(["SVG", "PNG"]);
    expect(() => downloadable(chart(), { name: "" })).toThrow(/downloadable: name "" must be a non-empty string/);
  });

  it("exports on the NHS palette's Grey 5 background with its text colours when given the palette", () => {
    const plain = exportSvg(chart());
    expect(plain.querySelector("rect")!.getAttribute("fill")).toBe("white");
    const svg = exportSvg(chart(), { palette: chartPalette() });
    expect(svg.querySelector("rect")!.getAttribute("fill")).toBe("#F0F4F5");
    const title = [...svg.querySelectorAll("text")].find((t) => t.textContent === "Waiting list by design")!;
    expect(title.getAttribute("fill")).toBe("#231F20");
    const caption = [...svg.querySelectorAll("text")].find((t) => t.textContent === "Seed 1, 5 replications.")!;
    expect(caption.getAttribute("fill")).toBe("#425563");
  });
});
