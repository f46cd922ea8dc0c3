import pptxgenjs from "pptxgenjs";
import { LINE_COLOURS, NHS_COLOURS, svgToPng, type Chart } from "./charts/index.js";
import { kpiCells, kpiHeadings } from "./report.js";
import type { ReportContext, ReportFigure } from "./report-context.js";
import { documentKpiRows } from "./report-rows.js";

// pptxgenjs's types describe a CommonJS default export; at run time (ESM) the default import is the class itself.
type Pptx = import("pptxgenjs").default;
type Slide = ReturnType<Pptx["addSlide"]>;
const PptxGenJS = pptxgenjs as unknown as new () => Pptx;

const hex = (c: string) => c.replace(/^#/, "");
const W = 10;
/** Rows of a KPI table per slide. */
const TABLE_ROWS = 14;
/** Panels drawn as native charts on one slide at most; a figure with more goes in as a picture. */
const MAX_NATIVE_PANELS = 6;

type Series = { name: string; labels: string[]; values: number[] };
/** A figure as native chart panels: one series each, so no series is told apart by colour alone. */
interface NativePanels {
  readonly type: "line" | "bar";
  readonly panels: readonly { readonly title: string; readonly series: Series }[];
  readonly percent?: boolean;
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/** The native chart panels of a figure, or null when it goes in as a picture. */
function nativePanels(chart: Chart): NativePanels | null {
  const rows = chart.rows as Record<string, string | number | null>[];
  const x = (r: Record<string, unknown>) => String(r.date ?? `week ${r.week}`);
  const group = (key: string, value: string, label: (r: Record<string, unknown>) => string) => {
    const names = [...new Set(rows.map((r) => String(r[key])))];
    return names.map((name) => {
      const mine = rows.filter((r) => String(r[key]) === name);
      return { title: name, series: { name, labels: mine.map(label), values: mine.map((r) => num(r[value])) } };
    });
  };
  // A and B on one scale (waitlist-ab) and the per-school intervals go in as pictures.
  if (chart.name === "waitlist" || chart.name === "waitlist-a" || chart.name === "waitlist-b") return { type: "line", panels: group("cluster", "median", x) };
  if (chart.name === "throughput") return { type: "line", panels: group("measure", "perWeek", x) };
  if (chart.name === "practitioner-time") return { type: "bar", percent: true, panels: group("scope", "share", (r) => String(r.activity)) };
  if (chart.name === "wait-times" && chart.columns.includes("bin")) {
    // The service's distribution up to a year; the overflow bin last.
    const service = rows.filter((r) => r.scope === "Whole service" && (r.toWeeks === null || num(r.fromWeeks) < 26));
    return { type: "bar", panels: [{ title: "Whole service", series: { name: "Children per replication", labels: service.map((r) => `${r.bin} wk`), values: service.map((r) => num(r.mean)) } }] };
  }
  return null;
}

function captionBox(slide: Slide, text: string): void {
  slide.addText(text, { x: 0.4, y: 4.75, w: W - 0.8, h: 0.8, fontSize: 9, color: hex(NHS_COLOURS.darkGrey), fontFace: "Arial", valign: "top" });
}

function figureSlide(pptx: Pptx, f: ReportFigure): void {
  const slide = pptx.addSlide();
  slide.background = { color: hex(NHS_COLOURS.grey5) };
  slide.addText(`Figure ${f.number}. ${f.chart.title}`, { x: 0.4, y: 0.2, w: W - 0.8, h: 0.5, fontSize: 18, bold: true, color: hex(NHS_COLOURS.black), fontFace: "Arial" });
  captionBox(slide, f.caption);
  const native = nativePanels(f.chart);
  if (native && native.panels.length > 0 && native.panels.length <= MAX_NATIVE_PANELS) {
    const n = native.panels.length;
    const cols = n <= 2 ? n : 3;
    const rows = Math.ceil(n / cols);
    const cw = (W - 0.8) / cols;
    const ch = 3.9 / rows;
    native.panels.forEach((p, i) => {
      slide.addChart(native.type === "line" ? pptx.ChartType.line : pptx.ChartType.bar, [p.series], {
        x: 0.4 + (i % cols) * cw,
        y: 0.8 + Math.floor(i / cols) * ch,
        w: cw - 0.1,
        h: ch - 0.1,
        altText: `${f.caption} Panel: ${p.title}.`,
        title: p.title,
        showTitle: n > 1,
        titleFontSize: 10,
        titleColor: hex(NHS_COLOURS.black),
        chartColors: [hex(LINE_COLOURS[0]!)],
        showLegend: false,
        lineSize: 2,
        lineDataSymbol: "none",
        barDir: native.type === "bar" && native.percent ? "bar" : "col",
        catAxisLabelFontSize: 7,
        valAxisLabelFontSize: 8,
        catAxisLabelColor: hex(NHS_COLOURS.darkGrey),
        valAxisLabelColor: hex(NHS_COLOURS.darkGrey),
        valGridLine: { color: hex(NHS_COLOURS.paleGrey), size: 0.5 },
        ...(native.percent ? { valAxisLabelFormatCode: "0%", showValue: true, dataLabelFormatCode: "0%", dataLabelFontSize: 7 } : {}),
      });
    });
    return;
  }
  // No native form (a paired-difference or solver chart, or too many panels): the chart as a picture.
  const png = svgToPng(f.svg, 2);
  const w = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(f.svg)?.[1] ?? 640);
  const h = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(f.svg)?.[1] ?? 400);
  const scale = Math.min((W - 0.8) / w, 3.9 / h);
  slide.addImage({ data: `data:image/png;base64,${png.toString("base64")}`, x: (W - w * scale) / 2, y: 0.8, w: w * scale, h: h * scale, altText: f.caption });
}

/**
 * The report as a PowerPoint deck (.pptx): a title slide with the provenance, the KPI table
 * with 95 % intervals, the per-school and fairness tables, one slide per figure (native, editable charts where the figure is
 * lines or bars; else the chart as a picture), each with its caption and alt text, and the
 * scenario's stated assumptions with their sources.
 * @returns the .pptx file's bytes.
 */
export async function reportPptx(ctx: ReportContext): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_16x9";
  pptx.title = ctx.title;
  pptx.author = "mhst-sim";
  const text = { fontFace: "Arial", color: hex(NHS_COLOURS.black) };
  const cell = (t: string, bold = false) => ({ text: t, options: { bold, fontSize: 8, ...text } });
  const tableSlides = (title: string, head: readonly string[], rows: readonly (readonly string[])[], note?: string | null, perSlide = TABLE_ROWS) => {
    const TABLE_ROWS = perSlide;
    for (let i = 0; i < Math.max(1, rows.length); i += TABLE_ROWS) {
      const slide = pptx.addSlide();
      slide.addText(rows.length > TABLE_ROWS ? `${title} (${i / TABLE_ROWS + 1} of ${Math.ceil(rows.length / TABLE_ROWS)})` : title, { x: 0.4, y: 0.2, w: W - 0.8, h: 0.5, fontSize: 18, bold: true, ...text });
      slide.addTable([head.map((h) => cell(h, true)), ...rows.slice(i, i + TABLE_ROWS).map((r) => r.map((c) => cell(c)))], {
        x: 0.4,
        y: 0.8,
        w: W - 0.8,
        border: { type: "solid", pt: 0.5, color: hex(NHS_COLOURS.midGrey) },
        fill: { color: "FFFFFF" },
        autoPage: false,
      });
      if (note) slide.addText(note, { x: 0.4, y: 5.1, w: W - 0.8, h: 0.4, fontSize: 8, color: hex(NHS_COLOURS.darkGrey) });
    }
  };
  const first = pptx.addSlide();
  first.background = { color: hex(NHS_COLOURS.blue) };
  first.addText(ctx.title, { x: 0.4, y: 0.3, w: W - 0.8, h: 1.0, fontSize: 24, bold: true, color: "FFFFFF", fontFace: "Arial" });
  first.addText(ctx.provenance.map(([k, v]) => `${k}: ${v}`).join("\n"), { x: 0.4, y: 1.4, w: W - 0.8, h: 3.9, fontSize: 11, color: "FFFFFF", fontFace: "Arial", valign: "top" });
  const compare = ctx.stored.kind === "compare";
  const kpis = documentKpiRows(ctx.kpis);
  tableSlides("Key performance indicators (95 % intervals)", kpiHeadings(compare), kpis.rows.map((r) => kpiCells(r, compare)), kpis.note);
  if (ctx.fairness.note) tableSlides("Per-school results and fairness", ["Note"], [[ctx.fairness.note]]);
  // Wide tables (A, B and B − A with intervals) wrap each cell to about three lines: fewer rows a slide.
  for (const t of ctx.fairness.tables) tableSlides(t.title, t.head, t.rows, t.intro, t.head.length > 6 ? 6 : TABLE_ROWS);
  for (const f of ctx.figures) figureSlide(pptx, f);
  for (const a of ctx.assumptions) {
    tableSlides(`Assumptions and sources: ${a.scenario}`, ["Line", "Setting", "Assumption or source"], a.rows.map((r) => [String(r.line), `${r.path || "(top)"}: ${r.setting}`, r.source]));
  }
  const out = await pptx.write({ outputType: "nodebuffer" });
  return Buffer.from(out as Uint8Array);
}
