import { api, ApiError, type Issue, type ScenarioSummary } from "./api.js";
import { byId, fill, h, showErrors } from "./dom.js";

/** What the run form needs to know of a scenario's size (the server's RunFit). */
export interface RunFit {
  readonly sizePerReplication: number;
  readonly maxRunSize: number;
  readonly maxReplications: number;
}

/** A scenario read by id: its summary, its text and how many replications fit (null when it does not validate). */
export interface ScenarioDetail extends ScenarioSummary {
  readonly text: string;
  readonly run: RunFit | null;
}

interface Validated {
  readonly valid: true;
  readonly name: string;
  readonly summary: { years: number; horizonWeeks?: number; teams: number; clusters: number; schools: number; practitioners: number };
  readonly run: RunFit;
  readonly fields: Record<string, unknown>;
  /** What `scenario check` warns about: fields with no effect in this scenario, changed meanings. */
  readonly warnings: readonly { readonly path: string; readonly line: number | null; readonly message: string }[];
}

/** The text in the editor, to run as it stands (saved or not). */
export interface EditorRun {
  /** The scenario it was opened from. */
  readonly id: string;
  /** The name in the text (the last valid one). */
  readonly name: string;
  readonly text: string;
  /** Whether the text differs from the saved scenario. */
  readonly edited: boolean;
  readonly fit: RunFit | null;
}

/**
 * The scenario list and editor: a form for the common fields (each change rewrites the YAML
 * through the server, keeping comments) and a YAML textarea for everything. Validation errors
 * show beside their form field, or under the textarea with their line. Unsaved edits are kept
 * per scenario when another is opened (the list marks them "edited"), and come back when their
 * scenario is opened again; "Run this scenario" runs the text as it stands in the editor.
 */
export class ScenarioEditor {
  private current: ScenarioDetail | undefined;
  /** Unsaved text per scenario id, kept when another scenario is opened. */
  private readonly drafts = new Map<string, string>();
  private lastValid: { name: string; fit: RunFit } | undefined;
  /** The validation pending after typing; opening another scenario drops it (it would check the wrong text). */
  private timer: number | undefined;
  /** Counts opens and validations, so that an answer overtaken by a later request is dropped. */
  private openSeq = 0;
  private validateSeq = 0;
  private readonly yaml = byId<HTMLTextAreaElement>("yaml");
  private readonly status = byId("editor-status");
  private readonly others = byId("other-errors");
  private readonly inputs = Array.from(byId("common-form").querySelectorAll<HTMLInputElement>("input[data-path]"));

  constructor(
    private readonly onListChanged: (list: ScenarioSummary[]) => void,
    private readonly onRun: (run: EditorRun) => void,
  ) {
    byId("validate").addEventListener("click", () => void this.validate());
    byId("save").addEventListener("click", () => void this.save(false));
    byId("save-as").addEventListener("click", () => void this.save(true));
    byId("delete").addEventListener("click", () => void this.remove());
    byId("run-this").addEventListener("click", () => void this.runThis());
    for (const input of this.inputs) input.addEventListener("change", () => void this.setField(input));
    this.yaml.addEventListener("input", () => {
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => void this.validate(), 700);
      this.markEdited();
    });
    byId("revert").addEventListener("click", () => void this.revert());
  }

  /** Reloads the scenario list, keeping the selection. */
  async refresh(select?: string): Promise<ScenarioSummary[]> {
    const { scenarios } = await api<{ scenarios: ScenarioSummary[] }>("GET", "/api/scenarios");
    const list = byId("scenario-list");
    fill(
      list,
      ...scenarios.map((s) =>
        h(
          "li",
          {},
          h(
            "button",
            { type: "button", "data-id": s.id, "aria-current": String(s.id === (select ?? this.current?.id)), title: s.description },
            s.name,
            h("span", { class: "tag" }, s.readOnly ? `built-in · ${s.id}` : `saved · ${s.id}`),
            this.drafts.has(s.id) ? h("span", { class: "tag edited", "data-edited": "true" }, "edited, unsaved") : null,
          ),
        ),
      ),
    );
    for (const b of Array.from(list.querySelectorAll<HTMLButtonElement>("button[data-id]"))) b.addEventListener("click", () => void this.open(b.dataset.id!));
    this.onListChanged(scenarios);
    return scenarios;
  }

  /** Whether the editor's text differs from the open scenario's saved text. */
  get edited(): boolean {
    return this.current !== undefined && this.yaml.value !== this.current.text;
  }

  /**
   * Loads a scenario into the editor and validates it. Unsaved edits of the scenario open so
   * far are kept (not lost) and come back when it is opened again; `discard` drops them
   * instead (after a save or a delete).
   */
  async open(id: string, discard = false): Promise<void> {
    window.clearTimeout(this.timer);
    if (this.current) {
      if (!discard && this.edited) this.drafts.set(this.current.id, this.yaml.value);
      else this.drafts.delete(this.current.id);
    }
    const seq = ++this.openSeq;
    // Until the scenario is in, the text cannot be typed into (it is about to be replaced).
    this.setStatus(`Opening ${id}…`);
    this.yaml.readOnly = true;
    let detail: ScenarioDetail;
    try {
      detail = await api<ScenarioDetail>("GET", `/api/scenarios/${encodeURIComponent(id)}`);
    } finally {
      if (seq === this.openSeq) this.yaml.readOnly = false;
    }
    // A scenario clicked meanwhile wins, whichever answer comes first.
    if (seq !== this.openSeq) return;
    this.current = detail;
    byId("editor-title").textContent = `${this.current.name}${this.current.readOnly ? " (built-in, read-only: save as new to change it)" : ""}`;
    const draft = this.drafts.get(id);
    this.yaml.value = draft ?? this.current.text;
    byId<HTMLButtonElement>("save").disabled = this.current.readOnly;
    byId<HTMLButtonElement>("delete").disabled = this.current.readOnly;
    for (const b of Array.from(byId("scenario-list").querySelectorAll("button[data-id]"))) b.setAttribute("aria-current", String((b as HTMLElement).dataset.id === id));
    this.markEdited();
    const ok = await this.validate();
    if (seq !== this.openSeq) return;
    if (draft !== undefined) this.setStatus(`${this.status.textContent} · unsaved edits kept from before (Save to keep them, or reopen the saved text with Revert)`, ok ? "ok" : "bad");
  }

  /** Drops the unsaved edits of the open scenario and shows its saved text. */
  async revert(): Promise<void> {
    if (!this.current) return;
    this.drafts.delete(this.current.id);
    await this.open(this.current.id, true);
  }

  /** Marks in the list the scenarios with unsaved edits (the open one included). */
  private markEdited(): void {
    for (const b of Array.from(byId("scenario-list").querySelectorAll<HTMLButtonElement>("button[data-id]"))) {
      const id = b.dataset.id!;
      const edited = id === this.current?.id ? this.edited : this.drafts.has(id);
      const tag = b.querySelector(".tag.edited");
      if (edited && !tag) b.append(h("span", { class: "tag edited", "data-edited": "true" }, "edited, unsaved"));
      if (!edited && tag) tag.remove();
    }
  }

  /** Validates the text in the editor, then hands it to the run view (edited or not). */
  private async runThis(): Promise<void> {
    if (!this.current) return;
    const ok = await this.validate();
    if (!ok) return;
    this.onRun({ id: this.current.id, name: this.lastValid?.name ?? this.current.name, text: this.yaml.value, edited: this.edited, fit: this.lastValid?.fit ?? this.current.run });
  }

  private clearErrors(): void {
    showErrors(byId("editor-warnings"), []);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("[data-error-for]"))) el.textContent = "";
    for (const input of this.inputs) input.removeAttribute("aria-invalid");
    this.yaml.removeAttribute("aria-invalid");
    showErrors(this.others, []);
  }

  /** Puts each issue beside its form field when there is one, else under the YAML. */
  private showIssues(message: string, issues: readonly Issue[]): void {
    this.clearErrors();
    const rest: string[] = [];
    for (const issue of issues) {
      const slot = document.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(issue.path)}"]`);
      if (slot) {
        slot.textContent = slot.textContent ? `${slot.textContent}; ${issue.message}` : issue.message;
        this.inputs.find((i) => i.dataset.path === issue.path)?.setAttribute("aria-invalid", "true");
      } else rest.push(issue.message);
    }
    if (issues.length === 0) rest.push(message);
    if (rest.length > 0) this.yaml.setAttribute("aria-invalid", "true");
    showErrors(this.others, rest);
    this.setStatus(`${issues.length || 1} problem${issues.length === 1 ? "" : "s"} found`, "bad");
  }

  private setStatus(text: string, kind: "ok" | "bad" | "" = ""): void {
    this.status.textContent = text;
    this.status.className = `status ${kind}`;
  }

  /** Validates the YAML; fills the form from the valid scenario. */
  async validate(): Promise<boolean> {
    const seq = ++this.validateSeq;
    const stale = () => seq !== this.validateSeq;
    try {
      const v = await api<Validated>("POST", "/api/scenarios/validate", { text: this.yaml.value });
      // The answer to an earlier text, overtaken by a later check: the later one shows.
      if (stale()) return false;
      this.lastValid = { name: v.name, fit: v.run };
      this.clearErrors();
      for (const input of this.inputs) {
        const value = v.fields[input.dataset.path!];
        input.value = value === undefined || value === null ? "" : String(value);
      }
      const s = v.summary;
      const span = s.horizonWeeks === undefined ? `${s.years} school year${s.years === 1 ? "" : "s"}` : `${s.horizonWeeks} week${s.horizonWeeks === 1 ? "" : "s"}`;
      const w = v.warnings ?? [];
      showErrors(byId("editor-warnings"), w.map((x) => (x.line === null ? x.message : `line ${x.line}: ${x.message}`)));
      this.setStatus(`Valid: ${s.schools} schools in ${s.clusters} clusters, ${s.practitioners} practitioners, ${span}${w.length ? ` (${w.length} warning${w.length === 1 ? "" : "s"} below)` : ""}`, "ok");
      return true;
    } catch (err) {
      if (stale()) return false;
      if (err instanceof ApiError) this.showIssues(err.message, err.issues);
      else this.setStatus(String(err), "bad");
      return false;
    }
  }

  private async setField(input: HTMLInputElement): Promise<void> {
    const path = input.dataset.path!;
    const value = input.type === "number" ? (input.value === "" ? "" : input.value) : JSON.stringify(input.value);
    try {
      const { text } = await api<{ text: string }>("POST", "/api/scenarios/edit", { text: this.yaml.value, set: [`${path}=${value}`] });
      this.yaml.value = text;
      this.markEdited();
      await this.validate();
    } catch (err) {
      if (err instanceof ApiError) this.showIssues(err.message, err.issues);
    }
  }

  private async save(asNew: boolean): Promise<void> {
    if (!this.current) return;
    try {
      const saved =
        asNew || this.current.readOnly
          ? await api<ScenarioDetail>("POST", "/api/scenarios", { text: this.yaml.value })
          : await api<ScenarioDetail>("PUT", `/api/scenarios/${encodeURIComponent(this.current.id)}`, { text: this.yaml.value });
      this.drafts.delete(this.current.id);
      await this.refresh(saved.id);
      await this.open(saved.id, true);
      this.setStatus(`Saved as ${saved.id}`, "ok");
    } catch (err) {
      if (err instanceof ApiError) this.showIssues(err.message, err.issues);
    }
  }

  private async remove(): Promise<void> {
    if (!this.current || this.current.readOnly) return;
    if (!window.confirm(`Delete the saved scenario ${this.current.name}?`)) return;
    try {
      await api("DELETE", `/api/scenarios/${encodeURIComponent(this.current.id)}`);
      this.drafts.delete(this.current.id);
      this.current = undefined;
      const list = await this.refresh();
      if (list[0]) await this.open(list[0].id);
    } catch (err) {
      if (err instanceof ApiError) this.setStatus(err.message, "bad");
    }
  }
}
