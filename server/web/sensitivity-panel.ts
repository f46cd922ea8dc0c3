/**
 * The dashboard's Sensitivity view: pick a scenario with an `uncertainty` block and a method,
 * start the analysis (POST /api/sensitivity), follow it, then show its table and chart (tornado,
 * μ*–σ or PRCC) with export links. It adds its own nav button and section when the page loads,
 * so the page's other views are untouched; the nav wiring in main.ts picks it up like the others.
 */
import { api, ApiError, type KpiDocs, type RunInfo, type ScenarioSummary } from "./api.js";
import { fill, h, num, showErrors, svgElement } from "./dom.js";

interface Row { parameter: string; base?: number | null; low: number; high: number; [k: string]: number | string | null | undefined }
interface Analysis {
  id: string;
  scenarioName: string;
  method: "oat" | "morris" | "lhs";
  status: "queued" | "running" | "done" | "failed";
  done: number;
  total: number;
  error?: string;
  result?: { kpi: string; points: number; replications: number; rows: Row[] };
  chart?: { name: string; files: Record<string, string> };
}

/** KPI analysed when the form's list has not loaded (the four-week standard, as the server's default). */
const DEFAULT_KPI = "shareSeenWithinStandard";

/** KPI labels (GET /api/kpis), once loaded. */
let docs: KpiDocs = {};

/** A KPI's name with its label, e.g. `shareSeenWithinStandard (“Seen within the standard”)`; the name alone when it has no label. */
const kpiName = (kpi: string): string => (docs[kpi] ? `${kpi} (“${docs[kpi].label}”)` : kpi);

/** The columns each method's table shows: heading and row field. */
const COLUMNS: Record<Analysis["method"], readonly (readonly [string, string])[]> = {
  oat: [["Base", "base"], ["At low", "lowMean"], ["At high", "highMean"], ["Swing (high − low)", "swing"], ["95 % interval", "swingLo"]],
  morris: [["μ*", "muStar"], ["μ", "mu"], ["σ", "sigma"]],
  lhs: [["PRCC", "prcc"], ["p", "p"]],
};

/** An input's value as the scenario gives it (up to four significant figures), not rounded as a result is. */
const inputValue = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toLocaleString("en-GB", { maximumSignificantDigits: 4 }));

function cell(method: Analysis["method"], row: Row, field: string): string {
  const v = (k: string) => (row[k] ?? null) as number | null;
  if (field === "base") return inputValue(v("base"));
  if (method === "oat" && field === "swingLo") return v("swingLo") === null ? "–" : `${num(v("swingLo"))} to ${num(v("swingHi"))}`;
  if (field === "p") return v("p") === null ? "–" : (v("p") as number) < 0.001 ? "< 0.001" : (v("p") as number).toFixed(3);
  return num(v(field));
}

function resultView(a: Analysis): HTMLElement {
  const r = a.result!;
  const cols = COLUMNS[a.method];
  const table = h(
    "table",
    { class: "runs" },
    h("thead", {}, h("tr", {}, ...["Input", "Range", ...cols.map(([t]) => t)].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, ...r.rows.map((row) => h("tr", {}, h("td", {}, row.parameter), h("td", {}, `${inputValue(row.low)} – ${inputValue(row.high)}`), ...cols.map(([, f]) => h("td", {}, cell(a.method, row, f)))))),
  );
  const figure = h("figure", { class: "chart" });
  const links = a.chart ? h("p", { class: "exports" }, ...Object.entries(a.chart.files).flatMap(([fmt, url]) => [h("a", { href: `${url}?download`, download: "" }, fmt.toUpperCase()), " "])) : null;
  if (a.chart) {
    fetch(a.chart.files.svg).then((res) => res.text()).then((svg) => fill(figure, svgElement(svg)), () => fill(figure, "The chart could not be drawn."));
  }
  // The rule of the CLI's table (sensitivityText in cli/commands/sensitivity.ts): a swing of exactly 0 in every pair is a finding for this KPI, not a field that does nothing.
  const still = a.method === "oat" ? r.rows.filter((x) => x.swing === 0 && x.swingLo === 0 && x.swingHi === 0).map((x) => x.parameter) : [];
  const label = docs[r.kpi]?.label ?? r.kpi;
  const note = still.length === 0 ? null : h("p", { class: "hint", id: "sens-still" }, `${still.join(", ")} gave the same “${label}” at low and at high in every replication: within ${still.length === 1 ? "its range it does" : "their ranges they do"} not move this KPI, though ${still.length === 1 ? "it" : "they"} may move others.`);
  // One at a time runs the base itself: its mean is the same in every row.
  const baseMean = a.method === "oat" ? (r.rows[0]?.baseMean as number | null | undefined) ?? null : null;
  const base = baseMean === null ? "" : `, ${num(baseMean)} at the base`;
  return h("div", { class: "results" }, h("p", {}, `${r.points} design points × ${r.replications} replication${r.replications === 1 ? "" : "s"}, service ${kpiName(r.kpi)}${base}; most influential input first.`), table, note, figure, links, a.chart ? intoReport(a.id) : null);
}

/** Links to a finished saved run's report (HTML, Word, PowerPoint) with this analysis's chart added after the run's own. */
function intoReport(id: string): HTMLElement {
  const pick = h("select", { id: "sens-report-run", name: "run" });
  const out = h("span", { id: "sens-report-links" });
  const box = h("p", { class: "exports" }, h("label", {}, "Add this chart to the report of a saved run ", pick), " ", out);
  const show = () => {
    const run = pick.value;
    if (run === "") return fill(out);
    const base = `/api/runs/${encodeURIComponent(run)}/report`;
    const q = `sensitivity=${encodeURIComponent(id)}`;
    fill(out,
      h("a", { href: `${base}.html?${q}`, target: "_blank", rel: "noopener" }, "Report (HTML)"), " ",
      h("a", { href: `${base}.docx?${q}`, download: `mhst-report-${run}.docx` }, "Word"), " ",
      h("a", { href: `${base}.pptx?${q}`, download: `mhst-report-${run}.pptx` }, "PowerPoint"));
  };
  pick.addEventListener("change", show);
  api<{ runs: RunInfo[] }>("GET", "/api/runs").then((d) => {
    const done = d.runs.filter((x) => x.status === "done");
    if (done.length === 0) {
      fill(box, "To add this chart to a report, run the scenario first (Run view); its saved run then appears here.");
      return;
    }
    fill(pick, ...done.map((x) => h("option", { value: x.id }, `${x.scenarioName} (${x.kind}, ${new Date(x.createdAt).toLocaleString("en-GB")})`)));
    show();
  }, () => fill(box, "The saved runs could not be listed."));
  return box;
}

function install(): void {
  const nav = document.querySelector("nav[aria-label='Views']");
  const main = document.querySelector("main");
  if (!nav || !main) return;
  const before = nav.querySelector("button[data-view='runs']");
  nav.insertBefore(h("button", { type: "button", "data-view": "sensitivity", "aria-pressed": "false" }, "Sensitivity"), before);
  const scenario = h("select", { id: "sens-scenario", name: "scenario" });
  const method = h("select", { id: "sens-method", name: "method" }, h("option", { value: "oat" }, "One at a time (tornado)"), h("option", { value: "morris" }, "Morris screening (μ*–σ)"), h("option", { value: "lhs" }, "Latin hypercube (PRCC)"));
  const kpi = h("select", { id: "sens-kpi", name: "kpi" }, h("option", { value: DEFAULT_KPI }, DEFAULT_KPI));
  const reps = h("input", { id: "sens-replications", type: "number", min: "1", max: "1000", value: "5" });
  const size = h("input", { id: "sens-size", type: "number", min: "2", value: "10", "aria-describedby": "sens-size-hint" });
  const sizeLabel = h("span", {}, "Trajectories");
  const hint = h("p", { class: "hint", id: "sens-size-hint" }, "");
  const errors = h("ul", { class: "errors", id: "sens-errors" });
  const status = h("p", { class: "status", role: "status", id: "sens-status" });
  const panel = h("div", { class: "run-panel", id: "sens-panel" });
  const form = h("form", { id: "sens-form", class: "inline-form" },
    h("label", {}, "Scenario ", scenario), h("label", {}, "Method ", method), h("label", {}, "Measure (service) ", kpi), h("label", {}, "Replications per point ", reps),
    h("label", { id: "sens-size-label" }, sizeLabel, " ", size),
    h("button", { type: "submit", class: "primary", id: "sens-start" }, "Run sensitivity analysis"));
  const section = h("section", { id: "view-sensitivity", class: "view", hidden: true, "aria-labelledby": "sens-heading" },
    h("h2", { id: "sens-heading" }, "Sensitivity: which uncertain inputs drive the answer"),
    h("p", { class: "hint" }, "Uses the scenario's uncertainty block (each input's range). Every design point runs the same seed and replications, so differences come from the inputs only."),
    form, hint, errors, status, panel);
  main.append(section);

  const showSize = () => {
    const m = method.value;
    // The page's form labels are laid out by the stylesheet, which a hidden attribute does not beat.
    size.closest("label")!.style.display = m === "oat" ? "none" : "";
    sizeLabel.textContent = m === "lhs" ? "Samples" : "Trajectories";
    if (m === "lhs" && Number(size.value) < 20) size.value = "30";
    hint.textContent = m === "oat" ? "One at a time runs the base and each input at its low and high end: 1 + 2 × inputs points." : m === "morris" ? "Morris runs trajectories × (inputs + 1) points." : "A Latin hypercube runs one point per sample.";
  };
  method.addEventListener("change", showSize);
  showSize();
  api<{ docs: KpiDocs }>("GET", "/api/kpis").then((d) => {
    docs = d.docs;
    const chosen = kpi.value;
    fill(kpi, ...Object.entries(docs).map(([k, x]) => h("option", { value: k, title: x.description }, x.label)));
    kpi.value = Object.hasOwn(docs, chosen) ? chosen : DEFAULT_KPI;
  }, () => {});
  api<{ scenarios: ScenarioSummary[] }>("GET", "/api/scenarios").then((d) => fill(scenario, ...d.scenarios.map((s) => h("option", { value: s.id }, s.name))), () => {});

  let timer: ReturnType<typeof setTimeout> | undefined;
  const follow = (id: string) => {
    api<Analysis>("GET", `/api/sensitivity/${id}`).then((a) => {
      panel.dataset.status = a.status;
      status.textContent = `${a.scenarioName}: ${a.status === "done" ? "finished" : a.status === "failed" ? `failed – ${a.error ?? ""}` : `${a.status}, ${a.done} of ${a.total} replications`}`;
      if (a.status === "done") fill(panel, resultView(a));
      else if (a.status !== "failed") timer = setTimeout(() => follow(id), 700);
    }, (err: unknown) => void (status.textContent = err instanceof Error ? err.message : String(err)));
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    showErrors(errors, []);
    fill(panel);
    const m = method.value as Analysis["method"];
    const body = { scenario: scenario.value, method: m, kpi: kpi.value, replications: Number(reps.value), ...(m === "morris" ? { trajectories: Number(size.value) } : m === "lhs" ? { samples: Number(size.value) } : {}) };
    api<Analysis>("POST", "/api/sensitivity", body).then((a) => follow(a.id), (err: unknown) => {
      showErrors(errors, err instanceof ApiError && err.issues.length > 0 ? err.issues.map((i) => i.message) : [err instanceof Error ? err.message : String(err)]);
    });
  });
}

install();
