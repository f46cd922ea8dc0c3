/**
 * The shape every chart shares: a Vega-Lite spec with its data inlined (the `.vl.json`
 * export, and the source of the SVG and PNG), and the flat rows behind it (the `.csv` export).
 */

/** What a chart's labels say about the run it comes from. */
export interface ChartMeta {
  /** Scenario name (for a comparison: "A vs B"). */
  readonly scenario: string;
  readonly replications: number;
  readonly seed: number;
  /** When the run finished (ISO timestamp); drawn as a date. */
  readonly date: string;
  readonly runId: string;
}

/** A chart ready to render or export. */
export interface Chart {
  /** File stem, e.g. `waitlist`. */
  readonly name: string;
  readonly title: string;
  /** Vega-Lite spec, data inlined, title and subtitle inside. */
  readonly spec: Record<string, unknown>;
  /** Rows of the CSV, one object per row, keys in `columns` order. */
  readonly rows: readonly Record<string, string | number | null>[];
  readonly columns: readonly string[];
}

import { CHART_BACKGROUND, GRID_COLOUR, NHS_COLOURS, TEXT_COLOUR, TITLE_COLOUR } from "./palette.js";

/** Font every chart uses; the PNG renderer loads the same TTF so text looks alike everywhere. */
export const CHART_FONT = "DejaVu Sans";

/** Vega-Lite schema URL of the exported specs. */
export const VL_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** "25 Nov 2026" from an ISO timestamp (UTC, so the label does not depend on the server's zone). */
export function reportDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** The provenance line under every title: scenario, replications, seed, date. */
export function provenance(meta: ChartMeta): string {
  const reps = `${meta.replications} replication${meta.replications === 1 ? "" : "s"}`;
  return `Scenario: ${meta.scenario} · ${reps} · seed ${meta.seed} · run ${reportDate(meta.date)} (${meta.runId})`;
}

/**
 * Wraps a chart body into a full spec: schema, title and subtitle lines drawn inside the SVG,
 * shared fonts and sizes, and the provenance in `usermeta`.
 */
export function reportSpec(meta: ChartMeta, title: string, notes: readonly string[], body: Record<string, unknown>): Record<string, unknown> {
  return {
    $schema: VL_SCHEMA,
    title: {
      text: title,
      subtitle: [provenance(meta), ...notes].flatMap((line) => wrap(line, 110)),
      anchor: "start",
      fontSize: 16,
      subtitleFontSize: 11,
      color: TITLE_COLOUR,
      subtitleColor: TEXT_COLOUR,
      offset: 12,
    },
    usermeta: { mhst: { ...meta, title, notes: [...notes] } },
    background: CHART_BACKGROUND,
    padding: 16,
    ...body,
    config: {
      font: CHART_FONT,
      axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: GRID_COLOUR, labelColor: TEXT_COLOUR, titleColor: TEXT_COLOUR, domainColor: NHS_COLOURS.midGrey, tickColor: NHS_COLOURS.midGrey, labelLimit: 320 },
      legend: { labelFontSize: 11, titleFontSize: 12, orient: "bottom", labelLimit: 0, columns: 5, labelColor: TEXT_COLOUR, titleColor: TEXT_COLOUR },
      header: { labelFontSize: 12, titleFontSize: 12, labelColor: TITLE_COLOUR },
      text: { color: TEXT_COLOUR },
      // Plot areas are white on the Grey 5 background, edged in Mid Grey.
      view: { stroke: NHS_COLOURS.midGrey, fill: NHS_COLOURS.white },
    },
  };
}

/**
 * The caption of a chart in a report: its title, the run it shows and what its marks mean (the
 * subtitle notes), as one paragraph. Each chart of a report has its own title, so each caption
 * differs. Also the chart's alt text in Word and PowerPoint.
 * @example chartCaption(waitlistChart(result, meta)) // "Waiting list over time, by cluster. Scenario: … Children waiting …"
 */
export function chartCaption(chart: Chart): string {
  const m = (chart.spec.usermeta as { mhst?: ChartMeta & { notes?: readonly string[] } } | undefined)?.mhst;
  const notes = m?.notes ?? [];
  const sentence = (t: string) => (/[.!?]$/.test(t) ? t : `${t}.`);
  return [chart.title, ...(m ? [provenance(m)] : []), ...notes].map(sentence).join(" ");
}

/** Breaks a subtitle line at spaces so that no line is longer than `width` characters. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** Rounds for display and CSV (keeps files small; the stored result keeps full precision). */
export const round = (x: number | null, digits = 4): number | null =>
  x === null || !Number.isFinite(x) ? null : Number(x.toFixed(digits));
