/**
 * Chart downloads for the notebooks: every chart can be saved as SVG or PNG, and the rows it
 * draws as CSV, so an evaluator can lift it into a report.
 *
 * Plot returns a `<figure>` when a chart has a title, subtitle, caption or legend, and those
 * sit outside the chart's `<svg>`: a plain copy of the `<svg>` would lose them. The exported
 * SVG therefore redraws the title, subtitle, an ordinal colour legend and the caption inside
 * one standalone `<svg>` (with its `xmlns`), and the PNG is that SVG rasterised.
 *
 * Works in a browser (buttons) and, for `exportSvg` and `toCsv`, in Node with jsdom (tests).
 */

const SVG_NS = "http://www.w3.org/2000/svg";
const FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";

/**
 * Wraps a chart with three download buttons (SVG, PNG, CSV).
 *
 * @param {Element} chart what `Plot.plot` returned (an `<svg>` or a `<figure>`).
 * @param {{name: string, data?: readonly object[], title?: string, subtitle?: string, caption?: string, palette?: {background: string, text: string, colours: {black: string}}}} options
 *   `name` is the file name without extension (kebab-case); `data` the flat rows for the CSV
 *   (no CSV button without it); `title`, `subtitle`, `caption` override what is read from the figure;
 *   `palette` (a data loader's `palette`, the dashboard's NHS palette) colours the exported
 *   background and text.
 * @returns {HTMLElement} a `<div class="mhst-chart">` holding the chart and the buttons.
 * @throws {TypeError} when `name` is not a non-empty string.
 * @example
 * display(downloadable(Plot.plot({ title: "Waits", marks: [...] }), { name: "waits", data: rows }));
 */
export function downloadable(chart, options) {
  const { name, data } = options ?? {};
  if (typeof name !== "string" || name === "") {
    throw new TypeError(`downloadable: name ${JSON.stringify(name)} must be a non-empty string`);
  }
  const doc = chart.ownerDocument;
  const wrap = doc.createElement("div");
  wrap.className = "mhst-chart";
  wrap.dataset.chart = name;
  wrap.appendChild(chart);
  const bar = doc.createElement("div");
  bar.className = "mhst-downloads";
  bar.style.cssText = "display:flex;gap:0.5rem;margin:0.25rem 0 1.5rem;font:12px var(--sans-serif)";
  const button = (label, onClick) => {
    const b = doc.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = `Download ${label} (${name})`;
    b.addEventListener("click", () => {
      Promise.resolve(onClick()).catch((error) => {
        b.textContent = `${label}: failed`;
        console.error(error);
      });
    });
    bar.appendChild(b);
  };
  button("SVG", () => save(doc, svgBlob(exportSvg(chart, options)), `${name}.svg`));
  button("PNG", async () => save(doc, await pngBlob(exportSvg(chart, options)), `${name}.png`));
  if (data) button("CSV", () => save(doc, new Blob([toCsv(data)], { type: "text/csv" }), `${name}.csv`));
  wrap.appendChild(bar);
  return wrap;
}

/**
 * A standalone SVG of a chart: white background, the title, subtitle and an ordinal colour
 * legend drawn above the plot, the caption below, and the `xmlns` attributes set.
 *
 * @param {Element} chart an `<svg>` or `<figure>` from `Plot.plot`.
 * @param {{title?: string, subtitle?: string, caption?: string, palette?: {background: string, text: string, colours: {black: string}}}} [options]
 *   text that overrides the figure's; `palette` gives the background (NHS Grey 5) and text colours (else white, greys).
 * @returns {SVGSVGElement} a new element; the chart itself is not changed.
 * @throws {Error} when the chart holds no `<svg>`.
 */
export function exportSvg(chart, options = {}) {
  const doc = chart.ownerDocument;
  const plot = mainSvg(chart);
  if (!plot) throw new Error("exportSvg: the chart holds no <svg>");
  const width = Number(plot.getAttribute("width")) || 640;
  const height = Number(plot.getAttribute("height")) || 400;
  const figure = chart.tagName.toLowerCase() === "figure" ? chart : null;
  const title = options.title ?? text(figure, "h2");
  const subtitle = options.subtitle ?? text(figure, "h3");
  const caption = options.caption ?? text(figure, "figcaption");
  const legend = ordinalLegend(chart);

  const out = doc.createElementNS(SVG_NS, "svg");
  out.setAttribute("xmlns", SVG_NS);
  out.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  const parts = [];
  let y = 8;
  const line = (content, size, weight, fill) => {
    y += size + 4;
    parts.push(textEl(doc, content, 8, y, size, weight, fill));
    y += 2;
  };
  const pal = options.palette;
  const ink = pal?.colours.black ?? "#111";
  const muted = pal?.text ?? "#444";
  if (title) line(title, 16, "bold", ink);
  if (subtitle) line(subtitle, 13, "normal", muted);
  if (legend.length) {
    // Swatches flow left to right and wrap at the chart width; widths are estimated
    // (about 0.6 em a character), which is close enough for short legend labels.
    let x = 8;
    y += 16;
    for (const { label, color } of legend) {
      const w = 18 + 7 * String(label).length + 12;
      if (x + w > width && x > 8) {
        x = 8;
        y += 18;
      }
      const sw = doc.createElementNS(SVG_NS, "rect");
      setAll(sw, { x, y: y - 10, width: 12, height: 12, fill: color });
      parts.push(sw, textEl(doc, String(label), x + 16, y, 12, "normal", pal?.colours.black ?? "#222"));
      x += w;
    }
    y += 6;
  }
  const top = parts.length ? y + 6 : 0;
  // The plot goes in as a group, not a nested <svg>: Plot's own stylesheet gives its root
  // `height: auto`, which a nested <svg> would take as 100 % of the export and rescale. The
  // group keeps the root's class (so that stylesheet's text rules still apply) and its
  // presentation attributes (fill, font, text-anchor).
  const copy = doc.createElementNS(SVG_NS, "g");
  for (const { name, value } of plot.attributes) {
    if (!["width", "height", "viewBox", "style", "xmlns", "xmlns:xlink"].includes(name)) copy.setAttribute(name, value);
  }
  copy.setAttribute("transform", `translate(0,${top})`);
  for (const child of plot.childNodes) copy.appendChild(child.cloneNode(true));
  let total = top + height;
  const bottom = [];
  if (caption) {
    total += 18;
    bottom.push(textEl(doc, caption, 8, total, 11, "normal", pal?.text ?? "#555"));
    total += 8;
  }
  setAll(out, { width, height: total, viewBox: `0 0 ${width} ${total}`, "font-family": FONT });
  const bg = doc.createElementNS(SVG_NS, "rect");
  setAll(bg, { width: "100%", height: "100%", fill: pal?.background ?? "white" });
  out.append(bg, ...parts, copy, ...bottom);
  return out;
}

/**
 * Rows as CSV text (RFC 4180): a header of the columns, in first-seen order across all rows,
 * then one line per row. Null and undefined become empty fields; a field with a comma, quote
 * or line break is quoted. Written by hand because it is ten lines and the notebooks would
 * otherwise bundle a table library into every page.
 *
 * @param {readonly object[]} rows flat objects.
 * @returns {string} CSV with `\n` line ends and a final newline.
 * @example
 * toCsv([{ a: 1, b: "x,y" }]); // 'a,b\n1,"x,y"\n'
 */
export function toCsv(rows) {
  const columns = [];
  const seen = new Set();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  const field = (v) => {
    if (v === null || v === undefined) return "";
    const s = v instanceof Date ? v.toISOString() : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [columns.map(field).join(",")];
  for (const row of rows) lines.push(columns.map((c) => field(row[c])).join(","));
  return lines.join("\n") + "\n";
}

/** The plot's own `<svg>`: the largest one in the figure (legend ramps are smaller). */
function mainSvg(chart) {
  if (chart.tagName.toLowerCase() === "svg") return chart;
  let best = null;
  let area = -1;
  for (const svg of chart.querySelectorAll("svg")) {
    const a = (Number(svg.getAttribute("width")) || 0) * (Number(svg.getAttribute("height")) || 0);
    if (a > area) {
      best = svg;
      area = a;
    }
  }
  return best;
}

/** Entries of the chart's ordinal colour scale, or none (continuous scales keep their ramp out). */
function ordinalLegend(chart) {
  const scale = typeof chart.scale === "function" ? chart.scale("color") : undefined;
  if (!scale || !["ordinal", "categorical"].includes(scale.type) || !scale.range) return [];
  return scale.domain.map((label, i) => ({ label, color: scale.range[i % scale.range.length] }));
}

function text(figure, selector) {
  const el = figure?.querySelector(`:scope > ${selector}`);
  return el ? el.textContent.trim() : "";
}

function textEl(doc, content, x, y, size, weight, fill) {
  const t = doc.createElementNS(SVG_NS, "text");
  setAll(t, { x, y, "font-size": size, "font-weight": weight, fill });
  t.textContent = content;
  return t;
}

function setAll(el, attrs) {
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
}

function svgBlob(svg) {
  const xml = new svg.ownerDocument.defaultView.XMLSerializer().serializeToString(svg);
  return new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`], { type: "image/svg+xml" });
}

/** Rasterises an SVG at twice its size (sharp in a report) through an `<img>` and a canvas. */
async function pngBlob(svg, scale = 2) {
  const doc = svg.ownerDocument;
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height"));
  const url = URL.createObjectURL(svgBlob(svg));
  try {
    const img = new doc.defaultView.Image();
    await new Promise((resolve, reject) => {
      img.onload = resolve;
      img.onerror = () => reject(new Error("pngBlob: the browser could not draw the SVG"));
      img.src = url;
    });
    const canvas = doc.createElement("canvas");
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext("2d");
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("pngBlob: canvas gave no PNG"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

function save(doc, blob, filename) {
  const a = doc.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download after click() returns.
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
