/**
 * The dashboard's Calibrate view: upload a service's activity CSV for a scenario, see what was
 * fitted (each value with its 95 % interval and the rows it rests on, and the rows dropped and
 * why), back-test the calibrated scenario against the same data (observed months over the
 * simulated 10–90 % band), and save it as a new scenario. It adds its own nav button and section
 * when the page loads; the fitting, the back-test and the saving all happen on the server
 * (POST /api/calibrate, /api/backtest, /api/calibrate/save).
 */
import { api, ApiError, type Issue, type ScenarioSummary } from "./api.js";
import { fill, h, num, showErrors, svgElement } from "./dom.js";

interface EstimateOut {
  kind: string;
  unit: string | null;
  name: string;
  label: string;
  value: number | null;
  lo: number | null;
  hi: number | null;
  n: number;
  fitted: boolean;
  note: string;
  fields: string[];
  notWritten?: string;
}
interface BadRowOut { line: number; column: string; value: string; rule: string; message: string }
interface CalibrationOut {
  scenario: string;
  scenarioName: string;
  name: string;
  data: string;
  replication: number | null;
  rowsRead: number;
  rowsUsed: number;
  dropped: Record<string, number>;
  badRows: BadRowOut[];
  by: string;
  byReason: string;
  estimates: EstimateOut[];
  text: string;
}
interface BacktestOut {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  done: number;
  total: number;
  error?: string;
  from?: string;
  to?: string;
  initialWaiting?: number;
  summary?: { shareInsideBand: number | null; months: number; byMeasure: Record<string, { shareInsideBand: number | null; months: number }> };
  chart?: Record<string, string>;
}

/** Event the panel sends when it saved a scenario, so the page's scenario lists refresh. */
export const SCENARIOS_CHANGED = "mhst:scenarios-changed";

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${Math.round(100 * x)} %`);
const messages = (err: unknown) => (err instanceof ApiError && err.issues.length > 0 ? err.issues.map((i: Issue) => i.message) : [err instanceof Error ? err.message : String(err)]);
const rows = (n: number) => `${n.toLocaleString("en-GB")} row${n === 1 ? "" : "s"}`;

function estimateTable(list: readonly EstimateOut[]): HTMLElement {
  const head = ["Estimate", "Unit", "Value", "95 % interval", "n", "Scenario field", "Note"];
  return h(
    "table",
    { class: "results-table", id: "cal-estimates" },
    h("caption", {}, "What was fitted. A field is changed only from a fitted estimate; the others are left as they were."),
    h("thead", {}, h("tr", {}, ...head.map((t, i) => h("th", { scope: "col", class: i >= 2 && i <= 4 ? "num" : undefined }, t)))),
    h(
      "tbody",
      {},
      ...list.map((e) =>
        h(
          "tr",
          { "data-kind": e.kind, "data-unit": e.unit ?? "", "data-fitted": String(e.fitted) },
          h("td", { title: e.label }, e.name),
          h("td", {}, e.unit ?? ""),
          h("td", { class: "num" }, num(e.value)),
          h("td", { class: "num" }, e.lo === null ? "–" : `${num(e.lo)} to ${e.hi === null ? "∞" : num(e.hi)}`),
          h("td", { class: "num" }, String(e.n)),
          h("td", {}, e.fields.length ? (e.fields.length > 2 ? `${e.fields[0]} and ${e.fields.length - 1} more` : e.fields.join(", ")) : e.fitted ? "(not written)" : "(left as it was)"),
          h("td", {}, e.fitted ? (e.notWritten ?? e.note) : e.note),
        ),
      ),
    ),
  );
}

function rowsView(c: CalibrationOut): HTMLElement[] {
  const dropped = c.rowsRead - c.rowsUsed;
  const why = Object.entries(c.dropped).map(([rule, n]) => `${n} ${rule}`).join(", ");
  const out: HTMLElement[] = [
    h(
      "p",
      { id: "cal-rows" },
      `${c.data}: ${c.rowsUsed} of ${rows(c.rowsRead)} used${c.replication !== null ? ` (replication ${c.replication})` : ""}${dropped > 0 ? `; dropped ${dropped}: ${why}` : ""}. Referral rate by ${c.by} (${c.byReason}).`,
    ),
  ];
  if (c.badRows.length > 0) out.push(h("details", { id: "cal-bad-rows" }, h("summary", {}, `Rows left out (${c.badRows.length})`), h("ul", { class: "errors" }, ...c.badRows.map((b) => h("li", {}, b.message)))));
  return out;
}

function install(): void {
  const nav = document.querySelector("nav[aria-label='Views']");
  const main = document.querySelector("main");
  if (!nav || !main) return;
  nav.insertBefore(h("button", { type: "button", "data-view": "calibrate", "aria-pressed": "false" }, "Calibrate"), nav.querySelector("button[data-view='runs']"));
  const scenario = h("select", { id: "cal-scenario", name: "scenario" });
  const file = h("input", { id: "cal-file", type: "file", accept: ".csv,text/csv", required: true });
  const by = h("select", { id: "cal-by" }, h("option", { value: "" }, "finest with 30 referrals a unit"), h("option", { value: "service" }, "service"), h("option", { value: "phase" }, "phase"), h("option", { value: "school" }, "school"));
  const replication = h("input", { id: "cal-replication", type: "number", min: "0", value: "0", title: "For a cases.csv of mhst run --out: the replication read" });
  const form = h("form", { id: "cal-form", class: "inline-form" },
    h("label", {}, "Scenario ", scenario), h("label", {}, "Activity CSV ", file), h("label", {}, "Referral rate by ", by), h("label", {}, "Replication (cases.csv) ", replication),
    h("button", { type: "submit", class: "primary", id: "cal-fit" }, "Fit to the data"));
  const errors = h("ul", { class: "errors", id: "cal-errors" });
  const status = h("p", { class: "status", role: "status", id: "cal-status" });
  const results = h("div", { class: "results", id: "cal-results" });
  main.append(
    h("section", { id: "view-calibrate", class: "view", hidden: true, "aria-labelledby": "cal-heading" },
      h("h2", { id: "cal-heading" }, "Calibrate a scenario to a service's activity data"),
      h("p", { class: "hint" }, "One CSV row per referral, in the columns of scenarios/README.md (\"Activity data\"), or the cases.csv that mhst run --out writes. The file is read against the scenario's schools and calendar; nothing is saved until you save."),
      form, errors, status, results),
  );
  const loadScenarios = () => api<{ scenarios: ScenarioSummary[] }>("GET", "/api/scenarios").then((d) => {
    const keep = scenario.value;
    fill(scenario, ...d.scenarios.map((s) => h("option", { value: s.id }, `${s.name}${s.readOnly ? "" : " (saved)"}`)));
    scenario.value = d.scenarios.some((s) => s.id === keep) ? keep : (d.scenarios.find((s) => s.id === "trailblazer-team") ?? d.scenarios[0])?.id ?? "";
  }, () => {});
  void loadScenarios();
  document.addEventListener(SCENARIOS_CHANGED, () => void loadScenarios());

  let timer: ReturnType<typeof setTimeout> | undefined;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    showErrors(errors, []);
    fill(results);
    const chosen = file.files?.[0];
    if (!chosen) return showErrors(errors, ["Choose an activity CSV file first."]);
    status.textContent = `Reading ${chosen.name}…`;
    status.className = "status";
    void chosen.text().then((csv) => {
      const source = { scenario: scenario.value, csv, file: chosen.name, replication: Number(replication.value), ...(by.value ? { by: by.value } : {}) };
      return api<CalibrationOut>("POST", "/api/calibrate", source).then((c) => showCalibration(c, source), (err: unknown) => {
        status.textContent = `${chosen.name} could not be used.`;
        status.className = "status bad";
        showErrors(errors, messages(err));
      });
    });
  });

  function showCalibration(c: CalibrationOut, source: Record<string, unknown>): void {
    const fitted = c.estimates.filter((e) => e.fitted).length;
    status.textContent = `${c.scenarioName}: ${fitted} of ${c.estimates.length} estimates fitted from ${c.data}.`;
    status.className = "status ok";
    const name = h("input", { id: "cal-name", type: "text", size: "48", value: c.name });
    const save = h("button", { type: "button", class: "primary", id: "cal-save" }, "Save as a new scenario");
    const saveStatus = h("p", { class: "status", role: "status", id: "cal-save-status" });
    const saveErrors = h("ul", { class: "errors", id: "cal-save-errors" });
    const reps = h("input", { id: "cal-bt-replications", type: "number", min: "2", max: "1000", value: "10" });
    const run = h("button", { type: "button", id: "cal-backtest" }, "Back-test against the data");
    const btStatus = h("p", { class: "status", role: "status", id: "cal-bt-status" });
    const btErrors = h("ul", { class: "errors", id: "cal-bt-errors" });
    const btView = h("div", { id: "cal-bt" });
    const yaml = h("details", {}, h("summary", {}, "The calibrated scenario (YAML, each changed field commented)"), h("pre", { class: "yaml", id: "cal-yaml" }, c.text));
    fill(
      results,
      ...rowsView(c),
      estimateTable(c.estimates),
      yaml,
      h("h3", {}, "Back-test: the calibrated scenario against the data"),
      h("div", { class: "inline-form" }, h("label", {}, "Replications ", reps), run),
      btStatus, btErrors, btView,
      h("h3", {}, "Save"),
      h("div", { class: "inline-form" }, h("label", {}, "Name ", name), save),
      saveStatus, saveErrors,
    );
    save.addEventListener("click", () => {
      save.disabled = true;
      showErrors(saveErrors, []);
      saveStatus.textContent = "Saving…";
      saveStatus.className = "status";
      api<{ id: string; name: string }>("POST", "/api/calibrate/save", { ...source, name: name.value }).then(
        (s) => {
          saveStatus.textContent = `Saved as “${s.name}” (id ${s.id}): it is in the scenario lists now.`;
          saveStatus.className = "status ok";
          results.dataset.savedId = s.id;
          document.dispatchEvent(new CustomEvent(SCENARIOS_CHANGED, { detail: { id: s.id } }));
        },
        (err: unknown) => {
          save.disabled = false;
          saveStatus.textContent = "Nothing was saved.";
          saveStatus.className = "status bad";
          showErrors(saveErrors, messages(err));
        },
      );
    });
    run.addEventListener("click", () => {
      clearTimeout(timer);
      run.disabled = true;
      showErrors(btErrors, []);
      fill(btView);
      const body = { text: c.text, csv: source.csv, file: source.file, replication: source.replication, replications: Number(reps.value) };
      api<BacktestOut>("POST", "/api/backtest", body).then((b) => follow(b.id), (err: unknown) => {
        run.disabled = false;
        showErrors(btErrors, messages(err));
      });
    });
    const follow = (id: string) => {
      api<BacktestOut>("GET", `/api/backtest/${id}`).then((b) => {
        btView.dataset.status = b.status;
        btStatus.textContent = b.status === "done" ? `Simulated ${b.from} to ${b.to} from the ${b.initialWaiting} children waiting on ${b.from}.` : b.status === "failed" ? (b.error ?? "The back-test failed.") : `Back-test ${b.status}: ${b.done} of ${b.total} replications`;
        btStatus.className = `status ${b.status === "done" ? "ok" : b.status === "failed" ? "bad" : ""}`;
        if (b.status === "done") {
          run.disabled = false;
          showBacktest(b, btView);
        } else if (b.status === "failed") run.disabled = false;
        else timer = setTimeout(() => follow(id), 600);
      }, (err: unknown) => {
        run.disabled = false;
        showErrors(btErrors, messages(err));
      });
    };
  }
}

function showBacktest(b: BacktestOut, view: HTMLElement): void {
  const s = b.summary!;
  const per = Object.entries(s.byMeasure).map(([m, v]) => h("li", { "data-measure": m }, `${m}: ${pct(v.shareInsideBand)} of ${v.months}`));
  const figure = h("figure", { class: "chart", "data-chart": "backtest" }, h("p", { class: "status" }, "Drawing the chart…"));
  fill(view, h("p", { id: "cal-bt-summary" }, `Observed months inside the simulated 10–90 % band: ${pct(s.shareInsideBand)} of ${s.months}.`), h("ul", { class: "plain" }, ...per), figure);
  const links = Object.entries(b.chart!).map(([fmt, url]) => h("a", { class: "export", href: `${url}?download`, download: "", "data-format": fmt }, fmt === "vl.json" ? "Vega-Lite" : fmt.toUpperCase()));
  fetch(b.chart!.svg).then((res) => res.text()).then(
    (svg) => {
      fill(figure, svgElement(svg), h("figcaption", {}, h("span", {}, "Export:"), ...links));
      view.dataset.rendered = "true";
    },
    () => fill(figure, "The chart could not be drawn."),
  );
}

install();
