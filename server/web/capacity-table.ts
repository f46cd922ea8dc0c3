/**
 * The analytic cross-check shown beside a run: per cluster and team, demand against capacity in
 * slots per term week, their ratio, the waiting list Little's law gives for the standard, the
 * list on day 0 and the extra slots a week that clear it (the server's `mhst capacity` figures,
 * stored with the run). Only formatting happens here.
 */
import { h, num } from "./dom.js";
import type { Labels } from "./results-tables.js";

/** One row as the server sends it (sim/capacity's CapacityRow). */
export interface CapacityRowOut {
  scope: "cluster" | "team";
  id: string;
  referrals: number;
  accepted: number;
  demandSlots: number;
  schoolWorkSlots?: number;
  capacitySlots: number;
  ratio: number | null;
  standardList: number;
  currentList: number;
  extraSlots: number;
}

/** The analysis as stored with a run (sim/capacity's CapacityAnalysis). */
export interface CapacityOut {
  clearWeeks: number;
  termWeeks: number;
  rows: CapacityRowOut[];
  assumptions: string[];
}

const COLUMNS = ["", "Referrals", "Accepted", "Demand", "of which school work", "Capacity", "Demand ÷ capacity", "List at the standard (Little's law)", "List on day 0", "Extra capacity"];

/**
 * The cross-check as a section: a table (teams first, then their clusters) and its assumptions.
 * @param title heading, e.g. "Analytic cross-check" or "A: …".
 */
export function capacitySection(c: CapacityOut, labels: Labels | undefined, title: string): HTMLElement {
  const name = (r: CapacityRowOut) => (r.scope === "team" ? `Team ${labels?.teams[r.id] ?? r.id}` : (labels?.clusters[r.id] ?? r.id));
  const ordered = [...c.rows.filter((r) => r.scope === "team"), ...c.rows.filter((r) => r.scope === "cluster")];
  const table = h(
    "table",
    { class: "results-table capacity-table" },
    h("caption", {}, `Slots per term week (${num(c.termWeeks)} term weeks). Extra capacity: slots a week more that meet demand and bring the list on day 0 down to the standard's within ${c.clearWeeks} weeks.`),
    h("thead", {}, h("tr", {}, ...COLUMNS.map((t, i) => h("th", { scope: "col", class: i > 0 ? "num" : undefined }, t)))),
    h(
      "tbody",
      {},
      ...ordered.map((r) =>
        h(
          "tr",
          { "data-scope": r.scope, "data-id": r.id, class: r.ratio !== null && r.ratio > 1 ? "over" : undefined },
          h("th", { scope: "row" }, name(r)),
          ...[r.referrals, r.accepted, r.demandSlots, r.schoolWorkSlots ?? 0, r.capacitySlots].map((v) => h("td", { class: "num" }, num(v))),
          h("td", { class: "num", "data-ratio": r.ratio === null ? "" : String(r.ratio) }, r.ratio === null ? "no capacity" : num(r.ratio)),
          ...[r.standardList, r.currentList, r.extraSlots].map((v) => h("td", { class: "num" }, num(v))),
        ),
      ),
    ),
  );
  return h(
    "section",
    { class: "capacity", "data-capacity": title },
    h("h3", {}, title),
    h("p", { class: "hint" }, "Worked from the scenario's inputs with the waiting-list formulas NHS analysts use, without simulation: a simulated result far from them deserves a second look. A ratio above 1 means demand outruns capacity, and the list grows."),
    table,
    h("details", {}, h("summary", {}, "Assumptions"), h("ul", {}, ...c.assumptions.map((a) => h("li", {}, a)))),
  );
}
