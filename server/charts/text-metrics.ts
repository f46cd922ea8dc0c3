import type * as Vega from "vega";

// Vega without a canvas guesses text at 0.8 em a character, about 45 % too wide for
// DejaVu Sans, so titles and legends push the SVG far wider than what is drawn. These are
// DejaVu Sans advance widths (em) by character class, close enough for layout.
const NARROW = new Set("iljtfr'.,:;|!()[] ");
const WIDE = new Set("mwMW%@");

function charEm(ch: string): number {
  if (ch === " ") return 0.318;
  if (NARROW.has(ch)) return 0.34;
  if (WIDE.has(ch)) return 0.92;
  if (ch >= "0" && ch <= "9") return 0.636;
  if (ch >= "A" && ch <= "Z") return 0.7;
  if (ch >= "a" && ch <= "z") return 0.6;
  return 0.62;
}

/** Estimated width in pixels of `text` in DejaVu Sans at `fontSize` px (bold ~8 % wider). */
export function dejaVuWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em * fontSize * (bold ? 1.08 : 1);
}

let installed = false;

/** Makes headless Vega (the loaded module) measure text with {@link dejaVuWidth}; idempotent. */
export function installTextMetrics(vega: typeof Vega): void {
  if (installed) return;
  installed = true;
  type Item = { text?: unknown; fontSize?: number; fontWeight?: string | number };
  ((vega as unknown as { textMetrics: unknown }).textMetrics as { width: (item: Item, text?: unknown) => number }).width = (item, text) => {
    const value = text ?? item.text;
    const str = value == null ? "" : Array.isArray(value) ? value.join(" ") : String(value);
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const bold = item.fontWeight === "bold" || Number(item.fontWeight) >= 600;
    return dejaVuWidth(str, size, bold);
  };
}
