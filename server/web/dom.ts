/** Small DOM helpers for the dashboard (no framework; no inline scripts or styles). */

/** The element with this id. @throws Error when the page lacks it. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`dashboard: no element #${id}`);
  return el as T;
}

/** Creates an element with attributes and children (strings become text, never HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === "class") el.className = String(v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c !== null && c !== undefined) el.append(typeof c === "string" ? document.createTextNode(c) : c);
  return el;
}

/** Replaces an element's children. */
export function fill(el: Element, ...children: (Node | string)[]): void {
  el.replaceChildren(...children);
}

/** Fills a list with error messages (one `li` each). */
export function showErrors(list: HTMLElement, messages: readonly string[]): void {
  fill(list, ...messages.map((m) => h("li", {}, m)));
}

/**
 * Parses SVG text from our own server into a live SVG element (so its marks are in the DOM
 * for tests and screen readers); anything that is not an `<svg>` root is refused.
 */
export function svgElement(text: string): SVGSVGElement {
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  const root = doc.documentElement;
  if (root.nodeName !== "svg") throw new Error("the server sent a chart that is not SVG");
  for (const s of Array.from(root.querySelectorAll("script, foreignObject"))) s.remove();
  return document.importNode(root, true) as unknown as SVGSVGElement;
}

/** Formats a number for a card: 0–2 decimals by size; "–" when missing. */
export function num(x: number | null | undefined, unit = ""): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = x.toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${text} ${unit}` : text;
}
