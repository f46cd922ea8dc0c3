import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { svgToPng } from "./charts/index.js";
import { kpiCells, kpiHeadings } from "./report.js";
import type { ReportContext } from "./report-context.js";
import { documentKpiRows } from "./report-rows.js";

/** Widest a figure is drawn in the document, in pixels at 96 dpi (a portrait A4 text column). */
const FIGURE_WIDTH = 620;

function table(head: readonly string[], rows: readonly (readonly string[])[]): Table {
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 16 })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
  });
}

/** Width and height of an SVG from its width/height attributes (pixels). */
function svgSize(svg: string): { width: number; height: number } {
  const w = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 640);
  const h = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 400);
  return { width: w, height: h };
}

/**
 * The report as a Word document (.docx): title and provenance, the KPI table with 95 %
 * intervals, the per-school and fairness tables, every figure (SVG with a PNG fallback, alt text = its caption) with a numbered
 * caption, and the scenario's stated assumptions with their sources.
 * @returns the .docx file's bytes.
 */
export async function reportDocx(ctx: ReportContext): Promise<Buffer> {
  const compare = ctx.stored.kind === "compare";
  const kpis = documentKpiRows(ctx.kpis);
  const figures = ctx.figures.flatMap((f) => {
    const { width, height } = svgSize(f.svg);
    const scale = Math.min(1, FIGURE_WIDTH / width);
    return [
      new Paragraph({
        children: [
          new ImageRun({
            type: "svg",
            data: Buffer.from(f.svg),
            fallback: { type: "png", data: svgToPng(f.svg, 2) },
            transformation: { width: Math.round(width * scale), height: Math.round(height * scale) },
            altText: { name: f.chart.name, title: f.chart.title, description: f.caption },
          }),
        ],
      }),
      new Paragraph({ style: "Caption", children: [new TextRun({ text: `Figure ${f.number}. `, bold: true }), new TextRun(f.caption)] }),
    ];
  });
  const assumptions = ctx.assumptions.flatMap((a) => [
    new Paragraph({ heading: HeadingLevel.HEADING_2, text: `Scenario ${a.scenario}` }),
    a.rows.length === 0
      ? new Paragraph("The scenario text states no assumptions or sources in its comments.")
      : table(["Line", "Setting", "As written", "Assumption or source"], a.rows.map((r) => [String(r.line), r.path || "(top)", r.setting, r.source])),
  ]);
  const doc = new Document({
    title: ctx.title,
    description: "MHST simulation report",
    creator: "mhst-sim",
    styles: { default: { document: { run: { font: "Arial", size: 20 } } } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, text: ctx.title }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, text: "Provenance" }),
          table(["", ""], ctx.provenance.map(([k, v]) => [k, v])),
          new Paragraph({ heading: HeadingLevel.HEADING_1, text: "Key performance indicators" }),
          new Paragraph(`Means with 95 % confidence intervals across replications${compare ? "; B − A differences are paired (common random numbers), shares in percentage points" : ""}.`),
          table(kpiHeadings(compare), kpis.rows.map((r) => kpiCells(r, compare))),
          ...(kpis.note ? [new Paragraph(kpis.note)] : []),
          ...(ctx.fairness.tables.length > 0 || ctx.fairness.note
            ? [
                new Paragraph({ heading: HeadingLevel.HEADING_1, text: "Per-school results and fairness" }),
                ...(ctx.fairness.note ? [new Paragraph(ctx.fairness.note)] : []),
                ...ctx.fairness.tables.flatMap((t) => [new Paragraph({ heading: HeadingLevel.HEADING_2, text: t.title }), new Paragraph(t.intro), table(t.head, t.rows)]),
              ]
            : []),
          new Paragraph({ heading: HeadingLevel.HEADING_1, text: "Figures" }),
          ...figures,
          new Paragraph({ heading: HeadingLevel.HEADING_1, text: "Assumptions and their sources", pageBreakBefore: true }),
          new Paragraph({ alignment: AlignmentType.LEFT, text: "Every line of the scenario file whose comment states an assumption or cites a source (a seed document)." }),
          ...assumptions,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
