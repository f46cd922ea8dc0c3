import { api, ApiError, type KpiDocs, type RunInfo } from "./api.js";
import { fill, h, num, svgElement } from "./dom.js";
import { capacitySection, type CapacityOut } from "./capacity-table.js";
import { fairnessCompareSection, fairnessSection, scopeTable, type Fairness, type FairnessDiff, type Labels } from "./results-tables.js";

/** KPIs shown as cards for a run, service scope, in this order. */
const RUN_CARDS = ["shareSeenWithinStandard", "waitingBeyondStandardEnd", "waitWeeksMeanCensored", "waitWeeksMedian", "pctStartedWithin4Weeks", "waitlistEnd", "referrals", "started", "completed", "utilisation"];

interface KpiRow { scope: string; id: string; kpi: string; mean: number | null; lo: number | null; hi: number | null }
interface ComparisonRow { scope: string; kpi: string; meanA: number | null; meanB: number | null; diff: number | null; lo: number | null; hi: number | null }
interface CurvePoint { value: number; phase: string; mean: number | null; lo: number | null; hi: number | null; met: boolean }
/** Where a precision target ("replications: until ± P") stood at the end of the run. */
interface PrecisionOutcome { kpi: string; target: number; relative: boolean; maxReps: number; n: number; met: boolean; mean: number | null; halfWidth: number | null; wanted: number | null }
type Results =
  | { kind: "run"; labels: Labels; experiment: { kpis: KpiRow[]; replications: number; seed: number }; fairness?: Fairness; fairnessNote?: string | null; precision?: PrecisionOutcome; capacity?: CapacityOut }
  | { kind: "compare"; names: { a: string; b: string }; labels: Labels; labelsB?: Labels; a: { replications: number; seed: number }; comparison: (ComparisonRow & { id: string })[]; fairnessA?: Fairness; fairnessB?: Fairness; fairnessDiff?: FairnessDiff[]; fairnessNote?: string | null; precision?: PrecisionOutcome; capacity?: CapacityOut; capacityB?: CapacityOut }
  | { kind: "solve"; parameter: string; target: { kpi: string; op: string; threshold: number }; solve: { status: string; value: number | null; best: CurvePoint; curve: CurvePoint[] } };

const STATUS_TEXT: Record<RunInfo["status"], string> = {
  queued: "Waiting in the queue…",
  running: "Running",
  done: "Finished",
  failed: "Failed",
  interrupted: "Interrupted (the server stopped during the run)",
  cancelled: "Cancelled",
};

/**
 * Shows one run in a container: a progress bar fed by server-sent events while it goes (with a
 * Cancel button beside it: POST /api/runs/:id/cancel), then
 * KPI cards with intervals, the server-rendered charts (inline SVG) with export links for each
 * (SVG, PNG, CSV, Vega-Lite), and the report bundle links.
 */
export function showRun(container: HTMLElement, runId: string, docs: KpiDocs): () => void {
  const bar = h("progress", { max: "1", value: "0", "aria-label": "Run progress" });
  const status = h("span", { class: "status", role: "status" }, "Starting…");
  const body = h("div", { class: "results" });
  const cancel = h("button", { type: "button", class: "cancel-run", title: "Stop this run; nothing of it is saved" }, "Cancel");
  fill(container, h("div", { class: "progress-row" }, bar, cancel, status), body);
  container.dataset.runId = runId;
  container.dataset.status = "queued";
  cancel.addEventListener("click", () => {
    cancel.disabled = true;
    status.textContent = `${status.textContent} – cancelling…`;
    api<RunInfo>("POST", `/api/runs/${runId}/cancel`).then(setStatus, (err: unknown) => {
      // 409: the run ended meanwhile; the event stream brings its final status.
      if (!(err instanceof ApiError && err.status === 409)) {
        cancel.disabled = false;
        status.textContent = `Could not cancel: ${err instanceof Error ? err.message : String(err)}`;
      }
    });
  });

  const setStatus = (run: RunInfo) => {
    container.dataset.status = run.status;
    cancel.hidden = run.status !== "queued" && run.status !== "running";
    bar.max = Math.max(1, run.progress.total);
    bar.value = run.progress.done;
    const pct = run.progress.total > 0 ? ` – ${run.progress.done} of ${run.progress.total} replications` : "";
    status.textContent = `${run.scenarioName}: ${STATUS_TEXT[run.status]}${run.status === "running" || run.status === "queued" ? pct : ""}${run.error ? ` – ${run.error}` : ""}`;
    status.className = `status ${run.status === "done" ? "ok" : ["failed", "interrupted", "cancelled"].includes(run.status) ? "bad" : ""}`;
  };

  const events = new EventSource(`/api/runs/${runId}/events`);
  let finished = false;
  events.addEventListener("status", (e) => setStatus(JSON.parse((e as MessageEvent).data) as RunInfo));
  events.addEventListener("progress", (e) => {
    const p = JSON.parse((e as MessageEvent).data) as { done: number; total: number };
    bar.max = Math.max(1, p.total);
    bar.value = p.done;
    container.dataset.status = "running";
    status.textContent = status.textContent!.replace(/ – \d+ of \d+ replications$/, "").replace(/(Waiting in the queue…|Running)$/, "Running") + ` – ${p.done} of ${p.total} replications`;
  });
  events.addEventListener("end", (e) => {
    finished = true;
    cancel.hidden = true;
    events.close();
    const { status: s } = JSON.parse((e as MessageEvent).data) as { status: string };
    if (s === "done") void renderResults(body, runId, docs).then(() => (container.dataset.rendered = "true"));
  });
  events.onerror = () => {
    if (finished) return;
    // The browser reconnects on its own; after a server restart the run shows as interrupted.
    status.textContent = `${status.textContent?.split(" – reconnecting")[0]} – reconnecting…`;
  };
  return () => events.close();
}

async function renderResults(body: HTMLElement, runId: string, docs: KpiDocs): Promise<void> {
  const [results, charts] = await Promise.all([
    api<Results>("GET", `/api/runs/${runId}/results`),
    api<{ charts: { name: string; title: string; files: Record<string, string> }[] }>("GET", `/api/runs/${runId}/charts`),
  ]);
  const base = `/api/runs/${runId}`;
  const report = h(
    "p",
    { class: "report-links" },
    "Report bundle:",
    h("a", { class: "export", href: `${base}/report.html`, target: "_blank", rel: "noopener" }, "Open report (HTML)"),
    h("a", { class: "export", href: `${base}/report.html?download`, download: `mhst-report-${runId}.html` }, "Download report"),
    h("a", { class: "export", href: `${base}/report.json`, download: `mhst-report-${runId}.json` }, "Report JSON"),
    h("a", { class: "export", href: `${base}/report.docx`, download: `mhst-report-${runId}.docx`, "data-format": "docx" }, "Word"),
    h("a", { class: "export", href: `${base}/report.pptx`, download: `mhst-report-${runId}.pptx`, "data-format": "pptx" }, "PowerPoint"),
  );
  const figures = h("div", { class: "charts" });
  fill(body, replicationsNote(results, docs), cards(results, docs), ...capacityCheck(results), ...detailTables(results, docs), report, figures);
  for (const c of charts.charts) {
    const fig = h("figure", { class: "chart", "data-chart": c.name }, h("p", { class: "status" }, `Drawing ${c.title}…`));
    figures.append(fig);
    const res = await fetch(c.files.svg);
    const svg = svgElement(await res.text());
    const links = [
      ["svg", "SVG"],
      ["png", "PNG"],
      ["csv", "CSV"],
      ["vl.json", "Vega-Lite"],
    ].map(([ext, label]) => h("a", { class: "export", href: `${c.files[ext]}?download`, download: "", "data-format": ext, title: `Download ${c.title} as ${label}` }, label));
    fill(fig, svg, h("figcaption", {}, h("span", {}, "Export:"), ...links));
  }
}

/** The analytic cross-check beside the simulated cards (runs stored before it have none). */
function capacityCheck(results: Results): HTMLElement[] {
  if (results.kind === "run") return results.capacity ? [capacitySection(results.capacity, results.labels, "Analytic cross-check: demand against capacity")] : [];
  if (results.kind !== "compare" || !results.capacity || !results.capacityB) return [];
  return [
    capacitySection(results.capacity, results.labels, `Analytic cross-check, A: ${results.names.a}`),
    capacitySection(results.capacityB, results.labelsB ?? results.labels, `Analytic cross-check, B: ${results.names.b}`),
  ];
}

/**
 * The replications a run or comparison came to: with a precision target, the n reached and the
 * final half-width against the target (or that the cap stopped it first).
 */
function replicationsNote(results: Results, docs: KpiDocs): HTMLElement | string {
  if (results.kind === "solve") return "";
  const ran = results.kind === "run" ? results.experiment : results.a;
  const p = results.precision;
  const note = h("p", { class: "replications-note", "data-replications": String(ran.replications) });
  if (!p) {
    note.textContent = `n = ${ran.replications} replications (seed ${ran.seed}).`;
    return note;
  }
  const what = `${results.kind === "compare" ? "B − A in " : ""}${docs[p.kpi]?.label ?? p.kpi}`;
  const g = (x: number | null) => (x === null ? "–" : String(Number(x.toPrecision(3))));
  const wanted = p.relative ? `${g(100 * p.target)} % of the mean (${g(p.wanted)})` : g(p.target);
  note.dataset.precisionMet = String(p.met);
  note.textContent = p.met
    ? `Replications until ± ${p.relative ? `${g(100 * p.target)} %` : g(p.target)}: n = ${p.n} reached; the 95 % half-width of ${what} is ${g(p.halfWidth)}, below ${wanted} (seed ${ran.seed}).`
    : `Replications until ± ${p.relative ? `${g(100 * p.target)} %` : g(p.target)}: stopped at the cap, n = ${p.n}; the 95 % half-width of ${what} is ${g(p.halfWidth)}, not yet below ${wanted} (seed ${ran.seed}).`;
  return note;
}

/** Below the cards: a comparison's results by scope, and the per-school results of either (or why there are none). */
function detailTables(results: Results, docs: KpiDocs): HTMLElement[] {
  const note = (text: string | null | undefined) => (text ? [h("p", { class: "hint" }, text)] : []);
  if (results.kind === "run") return results.fairness ? [fairnessSection(results.fairness, results.labels)] : note(results.fairnessNote);
  if (results.kind !== "compare") return [];
  const labelsB = results.labelsB ?? results.labels;
  const sides = h("p", { class: "sides" }, h("strong", {}, "A: "), results.names.a, h("br"), h("strong", {}, "B: "), results.names.b);
  const scopes = [h("h3", {}, "Where the change bites: by service, team and cluster"), scopeTable(results.comparison, docs, results.labels, labelsB)];
  const schools = results.fairnessA && results.fairnessB && results.fairnessDiff ? [fairnessCompareSection(results.fairnessA, results.fairnessB, results.fairnessDiff, results.labels, labelsB)] : note(results.fairnessNote);
  return [sides, ...scopes, ...schools];
}

function cards(results: Results, docs: KpiDocs): HTMLElement {
  const wrap = h("div", { class: "cards" });
  const card = (label: string, value: string, ci: string, title = "", kpi?: string) => wrap.append(h("div", { class: "card", title, "data-kpi": kpi }, h("div", { class: "label" }, label), h("div", { class: "value" }, value), h("div", { class: "ci" }, ci)));
  const unitOf = (kpi: string) => (docs[kpi]?.unit ?? "").replace(/^cases$/, "");
  // Shares (0–1) read better as percentages on a card.
  const value = (kpi: string, x: number | null) => (unitOf(kpi).startsWith("share") ? num(x === null ? null : 100 * x, "%") : num(x, unitOf(kpi)));
  const plain = (kpi: string, x: number | null) => (unitOf(kpi).startsWith("share") ? num(x === null ? null : 100 * x) : num(x));
  if (results.kind === "run") {
    for (const name of RUN_CARDS) {
      const k = results.experiment.kpis.find((r) => r.scope === "service" && r.kpi === name);
      if (!k) continue;
      const doc = docs[name];
      card(doc?.label ?? name, value(name, k.mean), k.lo === null ? "" : `95 % CI ${plain(name, k.lo)} to ${plain(name, k.hi)}`, doc?.description ?? "", name);
    }
  } else if (results.kind === "compare") {
    for (const name of RUN_CARDS) {
      const c = results.comparison.find((r) => r.scope === "service" && r.kpi === name);
      if (!c) continue;
      const doc = docs[name];
      const sign = c.diff !== null && c.diff > 0 ? "+" : "";
      const diff = unitOf(name).startsWith("share") ? num(c.diff === null ? null : 100 * c.diff, "% pts") : value(name, c.diff);
      card(`${doc?.label ?? name}: B − A`, `${sign}${diff}`, `A ${plain(name, c.meanA)}, B ${plain(name, c.meanB)}; paired 95 % CI ${plain(name, c.lo)} to ${plain(name, c.hi)}`, doc?.description ?? "", name);
    }
  } else {
    const s = results.solve;
    const answer = s.status === "solved" ? String(s.value) : s.status === "impossible" ? "Not reachable" : "Not confirmed";
    card(`Least ${results.parameter} meeting ${results.target.kpi} ${results.target.op} ${results.target.threshold}`, answer, `${results.target.kpi} there: ${num(s.best.mean)} (95 % CI ${num(s.best.lo)} to ${num(s.best.hi)})`, "", results.target.kpi);
  }
  return wrap;
}
