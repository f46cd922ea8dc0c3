/**
 * A plain HTML table of flat rows, for the numbers behind a chart (Framework's `Inputs.table`
 * would be an implicit import fetched from a CDN at build time).
 *
 * @param {readonly object[]} rows flat objects.
 * @param {Readonly<Record<string, string | {label: string, format?: (v: unknown) => string}>>} columns
 *   field to its header, or to a header and a formatter; columns appear in this order.
 * @returns {HTMLTableElement}
 * @example
 * display(table(rows, { design: "Design", wait: { label: "Mean wait (weeks)", format: (v) => v.toFixed(1) } }));
 */
export function table(rows, columns) {
  const el = document.createElement("table");
  const head = el.createTHead().insertRow();
  const specs = Object.entries(columns).map(([field, spec]) => (typeof spec === "string" ? { field, label: spec } : { field, ...spec }));
  for (const { label } of specs) {
    const th = document.createElement("th");
    th.textContent = label;
    head.appendChild(th);
  }
  const body = el.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const { field, format } of specs) {
      const td = tr.insertCell();
      const v = row[field];
      td.textContent = format ? format(v) : v === null || v === undefined ? "–" : String(v);
      if (typeof v === "number") td.style.textAlign = "right";
    }
  }
  return el;
}

/** Formats a number with a fixed count of decimals, or an en dash for a missing value. */
export function fixed(digits) {
  return (v) => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "–");
}

/** Formats a share in [0, 1] as a percentage. */
export function percent(digits = 0) {
  return (v) => (typeof v === "number" && Number.isFinite(v) ? `${(v * 100).toFixed(digits)} %` : "–");
}
