/**
 * Entry point of the dashboard page (served as /app/main.js; the page has no inline script).
 * It wires the views: scenario editor, run, compare, solve and saved runs. All modelling and
 * statistics happen on the server; this only calls the API and shows what it returns.
 */
import { api, ApiError, overrideLines, type KpiDocs, type RunInfo, type ScenarioSummary } from "./api.js";
import { byId, fill, h, showErrors } from "./dom.js";
import { ScenarioEditor, type EditorRun } from "./editor.js";
import { fitText, replicationsFor, type Fit } from "./run-fit.js";
import { showRun } from "./run-panel.js";
import { installPrecision, precisionBody } from "./precision-form.js";
import { StructureEditor } from "./structure-editor.js";
import "./sensitivity-panel.js";
import { SCENARIOS_CHANGED } from "./calibrate-panel.js";

type View = "scenarios" | "run" | "compare" | "solve" | "runs";

let docs: KpiDocs = {};
const stops = new Map<string, () => void>();

/** The run select's entry for the editor's text (edited or not), set by "Run this scenario". */
const EDITOR_OPTION = "(editor)";
let editorRun: EditorRun | undefined;

/** Each scenario's run fit (size per replication, most replications that fit), by id. */
const fits = new Map<string, Promise<Fit | null>>();
const fitOf = (id: string): Promise<Fit | null> => {
  if (id === EDITOR_OPTION) return Promise.resolve(editorRun?.fit ?? null);
  if (!fits.has(id)) fits.set(id, api<{ run: Fit | null }>("GET", `/api/scenarios/${encodeURIComponent(id)}`).then((d) => d.run, () => null));
  return fits.get(id)!;
};

/** Shows under a form how many replications fit, and sets its replications to min(default, most). */
async function showFit(selects: readonly string[], inputId: string, hintId: string): Promise<void> {
  const found = await Promise.all(selects.map((id) => fitOf(byId<HTMLSelectElement>(id).value)));
  const input = byId<HTMLInputElement>(inputId);
  const hint = byId(hintId);
  if (found.some((f) => f === null)) {
    hint.textContent = "";
    input.removeAttribute("max");
    return;
  }
  const list = found as Fit[];
  input.value = String(replicationsFor(Number(input.defaultValue), list));
  // Whatever shows the form's replications (the command line of B's changes) follows.
  input.dispatchEvent(new Event("input"));
  input.max = String(Math.max(1, replicationsFor(Infinity, list)));
  hint.textContent = fitText(list);
}

/** Adds (or renames) the run select's entry for the editor's text and selects it. */
function selectEditorRun(run: EditorRun): void {
  editorRun = run;
  const sel = byId<HTMLSelectElement>("run-scenario");
  let opt = sel.querySelector<HTMLOptionElement>(`option[value="${EDITOR_OPTION}"]`);
  if (!opt) {
    opt = h("option", { value: EDITOR_OPTION });
    sel.prepend(opt);
  }
  opt.textContent = `${run.name}: the editor's text${run.edited ? " (unsaved edits)" : ""}`;
  sel.value = EDITOR_OPTION;
}

function show(view: View): void {
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>("nav button[data-view]"))) b.setAttribute("aria-pressed", String(b.dataset.view === view));
  for (const s of Array.from(document.querySelectorAll<HTMLElement>("section.view"))) s.hidden = s.id !== `view-${view}`;
  if (view === "runs") void listRuns();
}

function fillSelects(list: readonly ScenarioSummary[]): void {
  // Saved scenarios may have changed size: ask again.
  fits.clear();
  for (const id of ["run-scenario", "compare-a", "compare-b", "solve-scenario"]) {
    const sel = byId<HTMLSelectElement>(id);
    const keep = sel.value;
    fill(sel, ...list.map((s) => h("option", { value: s.id }, `${s.name}${s.readOnly ? "" : " (saved)"}`)));
    if (list.some((s) => s.id === keep)) sel.value = keep;
    else if (keep === EDITOR_OPTION && editorRun && id === "run-scenario") selectEditorRun(editorRun);
  }
}

/** Starts a run from a form: POST, then follow it in the panel; errors go to the form's list. */
async function startRun(url: string, body: unknown, panelId: string, errorsId: string): Promise<void> {
  const errors = byId(errorsId);
  showErrors(errors, []);
  try {
    const run = await api<RunInfo>("POST", url, body);
    stops.get(panelId)?.();
    stops.set(panelId, showRun(byId(panelId), run.id, docs));
  } catch (err) {
    if (err instanceof ApiError) showErrors(errors, err.issues.length > 0 ? err.issues.map((i) => i.message) : [err.message]);
    else showErrors(errors, [String(err)]);
  }
}

const numOf = (id: string): number => Number(byId<HTMLInputElement>(id).value);

/**
 * A run's Delete button with a confirm step: the first click asks ("Delete for good?" with
 * Delete and Keep), the second deletes. Runs still going offer none (they must be cancelled).
 */
function deleteButton(run: RunInfo): HTMLElement | null {
  if (run.status === "queued" || run.status === "running") return null;
  const cell = h("span", { class: "delete-run" });
  const ask = h("button", { type: "button", "data-action": "delete", title: "Delete this run and its results" }, "Delete");
  const ready = () => fill(cell, ask);
  ask.addEventListener("click", () => {
    const yes = h("button", { type: "button", class: "danger", "data-action": "confirm-delete" }, "Delete");
    const no = h("button", { type: "button", "data-action": "keep" }, "Keep");
    no.addEventListener("click", ready);
    yes.addEventListener("click", () => {
      yes.disabled = true;
      api<void>("DELETE", `/api/runs/${run.id}`).then(
        () => {
          const panel = byId("runs-panel");
          if (panel.dataset.runId === run.id) {
            stops.get("runs-panel")?.();
            fill(panel);
            delete panel.dataset.runId;
          }
          return listRuns();
        },
        (err: unknown) => fill(cell, h("span", { class: "status bad", role: "alert" }, err instanceof Error ? err.message : String(err))),
      );
    });
    fill(cell, h("span", { class: "confirm" }, "Delete for good?"), yes, no);
    no.focus();
  });
  ready();
  return cell;
}

async function listRuns(): Promise<void> {
  const { runs } = await api<{ runs: RunInfo[] }>("GET", "/api/runs");
  fill(
    byId("runs-body"),
    ...runs.map((r) => {
      const open = h("button", { type: "button" }, "Open");
      open.addEventListener("click", () => {
        stops.get("runs-panel")?.();
        stops.set("runs-panel", showRun(byId("runs-panel"), r.id, docs));
      });
      return h(
        "tr",
        { "data-run-id": r.id },
        h("td", {}, new Date(r.createdAt).toLocaleString("en-GB")),
        h("td", {}, r.kind),
        h("td", {}, r.scenarioName),
        h("td", {}, r.status),
        h("td", { class: "actions" }, open, deleteButton(r)),
      );
    }),
  );
}

async function health(): Promise<void> {
  try {
    const hth = await api<{ runs: { running: number; queued: number } }>("GET", "/api/health");
    byId("health").textContent = `Server OK · ${hth.runs.running} running · ${hth.runs.queued} queued`;
  } catch {
    byId("health").textContent = "Server not answering";
  }
}

async function start(): Promise<void> {
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>("nav button[data-view]"))) b.addEventListener("click", () => show(b.dataset.view as View));
  docs = (await api<{ docs: KpiDocs }>("GET", "/api/kpis")).docs;
  installPrecision(byId<HTMLFormElement>("run-form"), "run", docs);
  installPrecision(byId<HTMLFormElement>("compare-form"), "compare", docs);
  const editor = new ScenarioEditor(fillSelects, (run) => {
    selectEditorRun(run);
    void showFit(["run-scenario"], "run-replications", "run-fit");
    show("run");
  });
  byId("run-scenario").addEventListener("change", () => void showFit(["run-scenario"], "run-replications", "run-fit"));
  for (const id of ["compare-a", "compare-b"]) byId(id).addEventListener("change", () => void showFit(["compare-a", "compare-b"], "compare-replications", "compare-fit"));
  const list = await editor.refresh();
  // A scenario saved from another view (a calibration) appears in every list.
  document.addEventListener(SCENARIOS_CHANGED, () => void editor.refresh());
  const first = list.find((s) => s.id === "trailblazer-team") ?? list[0];
  if (first) {
    for (const id of ["run-scenario", "compare-a", "compare-b", "solve-scenario"]) byId<HTMLSelectElement>(id).value = first.id;
    await editor.open(first.id);
    void showFit(["run-scenario"], "run-replications", "run-fit");
    void showFit(["compare-a", "compare-b"], "compare-replications", "compare-fit");
  }

  byId<HTMLFormElement>("run-form").addEventListener("submit", (e) => {
    e.preventDefault();
    void startRun(
      "/api/runs",
      {
        ...(byId<HTMLSelectElement>("run-scenario").value === EDITOR_OPTION && editorRun ? { text: editorRun.text } : { scenario: byId<HTMLSelectElement>("run-scenario").value }),
        replications: numOf("run-replications"),
        seed: numOf("run-seed"),
        overrides: overrideLines(byId<HTMLTextAreaElement>("run-overrides").value),
        ...precisionBody("run"),
      },
      "run-panel",
      "run-errors",
    );
  });
  // B as "A with these changes": the staffing and cluster-design editors, loaded with A's lists.
  const structure = new StructureEditor(() => numOf("compare-replications"), () => numOf("compare-seed"));
  const changesMode = () => byId<HTMLInputElement>("b-mode-changes").checked;
  const syncMode = async () => {
    const on = changesMode();
    byId("b-changes").hidden = !on;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(".b-scenario"))) el.hidden = on;
    if (on) {
      byId<HTMLSelectElement>("compare-b").value = byId<HTMLSelectElement>("compare-a").value;
      if (structure.scenario !== byId<HTMLSelectElement>("compare-a").value) await structure.load(byId<HTMLSelectElement>("compare-a").value);
      void showFit(["compare-a", "compare-b"], "compare-replications", "compare-fit");
    }
    document.body.dataset.bMode = on ? "changes" : "scenario";
  };
  for (const id of ["b-mode-scenario", "b-mode-changes", "compare-a"]) byId(id).addEventListener("change", () => void syncMode());
  byId<HTMLFormElement>("compare-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const aOverrides = overrideLines(byId<HTMLTextAreaElement>("compare-a-overrides").value);
    const bChanges = structure.changes();
    void startRun(
      "/api/compare",
      {
        a: { scenario: byId<HTMLSelectElement>("compare-a").value, overrides: aOverrides },
        b: changesMode()
          ? { scenario: byId<HTMLSelectElement>("compare-a").value, overrides: [...aOverrides, ...bChanges.overrides], changes: [...aOverrides, ...bChanges.changes] }
          : { scenario: byId<HTMLSelectElement>("compare-b").value, overrides: overrideLines(byId<HTMLTextAreaElement>("compare-b-overrides").value) },
        replications: numOf("compare-replications"),
        seed: numOf("compare-seed"),
        ...precisionBody("compare"),
      },
      "compare-panel",
      "compare-errors",
    );
  });
  byId<HTMLFormElement>("solve-form").addEventListener("submit", (e) => {
    e.preventDefault();
    void startRun(
      "/api/solve",
      {
        scenario: byId<HTMLSelectElement>("solve-scenario").value,
        parameter: byId<HTMLInputElement>("solve-parameter").value.trim(),
        min: numOf("solve-min"),
        max: numOf("solve-max"),
        step: numOf("solve-step"),
        target: byId<HTMLInputElement>("solve-target").value,
        replications: numOf("solve-replications"),
        seed: numOf("solve-seed"),
      },
      "solve-panel",
      "solve-errors",
    );
  });
  void health();
  window.setInterval(() => void health(), 10_000);
  document.body.dataset.ready = "true";
}

void start().catch((err: unknown) => {
  document.body.prepend(h("p", { class: "errors", role: "alert" }, `The dashboard could not start: ${err instanceof Error ? err.message : String(err)}`));
});
