/**
 * "Replications: until ± P" on the run and compare forms: the form's replications become the
 * first batch, and the server adds batches until the 95 % half-width of one KPI (the
 * service's; for a comparison, of B − A) is below P, absolute (0.02) or relative (5%), or the
 * cap is reached. This adds the controls to a form and reads them into the request's
 * `precision` field; the batches themselves run on the server (the experiment layer).
 */
import type { KpiDocs } from "./api.js";
import { h } from "./dom.js";

/** The `precision` field of a run or compare request, as the form gives it. */
export interface PrecisionField {
  readonly target: string;
  readonly kpi: string;
  readonly maxReps: number;
}

/** KPI offered first (the four-week standard). */
const DEFAULT_KPI = "shareSeenWithinStandard";

/**
 * Adds the controls to a form, before its submit button: a "until ± P" checkbox, P, the KPI and
 * the cap. Ids are `${prefix}-precision-on`, `-precision`, `-precision-kpi`, `-max-reps`.
 * @example installPrecision(byId("run-form"), "run", docs)
 */
export function installPrecision(form: HTMLFormElement, prefix: string, docs: KpiDocs): void {
  const on = h("input", { type: "checkbox", id: `${prefix}-precision-on` });
  const p = h("input", { type: "text", id: `${prefix}-precision`, size: "6", value: "0.02", title: "Half-width wanted: a number in the KPI's units (0.02) or a percentage of its mean (5%)" });
  const kpi = h("select", { id: `${prefix}-precision-kpi` }, ...Object.entries(docs).map(([k, d]) => h("option", { value: k }, d.label)));
  kpi.value = Object.hasOwn(docs, DEFAULT_KPI) ? DEFAULT_KPI : (Object.keys(docs)[0] ?? "");
  const max = h("input", { type: "number", id: `${prefix}-max-reps`, min: "2", value: "500", title: "Most replications in all" });
  const detail = h("span", { class: "precision-detail" }, h("label", {}, "± ", p), h("label", {}, "on ", kpi), h("label", {}, "at most ", max, " replications"));
  const sync = () => {
    for (const el of [p, kpi, max]) el.disabled = !on.checked;
    detail.setAttribute("aria-disabled", String(!on.checked));
  };
  on.addEventListener("change", sync);
  sync();
  const box = h("fieldset", { class: "precision" }, h("legend", {}, "Replications"), h("label", { class: "check" }, on, " until ± P (the replications above are the first batch)"), detail);
  form.insertBefore(box, form.querySelector("button[type=submit]"));
}

/**
 * The request's `precision` field from a form's controls: `{}` when "until ± P" is off.
 * @example { ...body, ...precisionBody("run") }
 */
export function precisionBody(prefix: string): { precision?: PrecisionField } {
  const on = document.getElementById(`${prefix}-precision-on`) as HTMLInputElement | null;
  if (!on?.checked) return {};
  const value = (id: string) => (document.getElementById(id) as HTMLInputElement | HTMLSelectElement).value;
  return { precision: { target: value(`${prefix}-precision`).trim(), kpi: value(`${prefix}-precision-kpi`), maxReps: Number(value(`${prefix}-max-reps`)) } };
}
