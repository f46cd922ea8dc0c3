import { api, ApiError } from "./api.js";
import { changesOf, compareCommand, draftOf, makeVacant, parseDate, type Draft, type Item, type Structure } from "./changes.js";
import { byId, fill, h, showErrors } from "./dom.js";

const ROLES = ["emhp", "clinician", "seniorClinician", "mhstPlus"];
const PHASES = ["primary", "secondary", "special", "college"];
const DAYS = ["mon", "tue", "wed", "thu", "fri"] as const;
const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri"];

/** A copy of an item with one field set (undefined removes it, so its default applies). */
function set(item: Item, key: string, value: unknown): Item {
  const out: Record<string, unknown> = { ...item };
  if (value === undefined || value === "") delete out[key];
  else out[key] = value;
  return out;
}

function select(options: readonly (readonly [string, string])[], value: string, attrs: Record<string, string> = {}): HTMLSelectElement {
  const el = h("select", attrs, ...options.map(([v, label]) => h("option", { value: v }, label)));
  el.value = value;
  return el;
}

/** What a date field says when its text is not a date. */
const dateProblem = (label: string, text: string) => `${label}: ${JSON.stringify(text)} is not a date: write YYYY-MM-DD (2025-10-20) or day/month/year (20/10/2025)`;

/**
 * A date field that reads the same in every browser locale: text as YYYY-MM-DD, or day first
 * (20/10/2025, 20 Oct 2025), shown back as YYYY-MM-DD. `onDate` gets the ISO date, or undefined
 * when emptied; text that is no date is marked invalid and said in `errors`, and changes nothing.
 */
function dateField(value: string, label: string, errors: () => HTMLElement, onDate: (iso: string | undefined) => void, disabled = false): HTMLInputElement {
  const el = h("input", { type: "text", inputmode: "numeric", placeholder: "YYYY-MM-DD", size: "10", value, "aria-label": label, class: "date", disabled });
  el.addEventListener("change", () => {
    const text = el.value.trim();
    const iso = text === "" ? undefined : parseDate(text);
    if (iso === null) {
      el.setAttribute("aria-invalid", "true");
      showErrors(errors(), [dateProblem(label, text)]);
      return;
    }
    el.removeAttribute("aria-invalid");
    showErrors(errors(), []);
    if (iso !== undefined) el.value = iso;
    onDate(iso);
  });
  return el;
}

/**
 * The staffing editor (a table of posts, and "make this post vacant from … to …") and the
 * cluster-design editor (clusters, and the schools in them) of "A with these changes". Each
 * edit changes a working copy of A's lists; {@link StructureEditor.changes} turns it into
 * overrides and words (server/web/changes.ts), and the server validates B with them as it
 * would any overrides, so a problem comes back as the usual one-line message.
 */
export class StructureEditor {
  private structure: Structure | undefined;
  private text = "";
  private draft: Draft | undefined;
  private timer: number | undefined;
  private loads = 0;

  constructor(
    private readonly reps: () => number,
    private readonly seed: () => number,
  ) {
    byId("vacancy-apply").addEventListener("click", () => this.applyVacancy());
    for (const id of ["vacancy-refilled", "vacancy-not-refilled"]) byId(id).addEventListener("change", () => this.syncVacancyTo());
    // The vacancy's dates show back as YYYY-MM-DD once they read as dates.
    for (const id of ["vacancy-from", "vacancy-to"]) {
      const el = byId<HTMLInputElement>(id);
      el.addEventListener("change", () => {
        const iso = parseDate(el.value);
        if (iso) el.value = iso;
      });
    }
    byId("post-add").addEventListener("click", () => this.addPost());
    byId("cluster-add").addEventListener("click", () => this.addCluster());
    byId("changes-reset").addEventListener("click", () => this.reset());
    // Posts without a refill of their own follow this, so their column is drawn again.
    byId<HTMLInputElement>("refill-auto").addEventListener("change", (e) => this.update({ refill: (e.target as HTMLInputElement).checked }, true));
    // The command line follows the form's replications and seed.
    for (const id of ["compare-replications", "compare-seed"]) byId(id).addEventListener("input", () => this.showCommand());
  }

  private showCommand(): void {
    if (this.structure) byId("changes-cli").textContent = compareCommand(this.structure.id, this.changes().overrides, this.reps(), this.seed());
  }

  /** Loads scenario A's lists and drops every change. */
  async load(id: string): Promise<void> {
    const token = ++this.loads;
    byId("b-changes-note").textContent = `Loading the posts, clusters and schools of ${id}…`;
    for (const el of ["staffing-editor", "design-editor"]) byId(el).hidden = true;
    const [structure, detail] = await Promise.all([api<Structure>("GET", `/api/scenarios/${encodeURIComponent(id)}/structure`), api<{ text: string }>("GET", `/api/scenarios/${encodeURIComponent(id)}`)]);
    // A slower answer for a scenario chosen before is dropped.
    if (token !== this.loads) return;
    this.structure = structure;
    this.text = detail.text;
    byId("b-changes-note").textContent = structure.note ?? "";
    for (const id of ["staffing-editor", "design-editor"]) byId(id).hidden = !structure.editable;
    this.reset();
  }

  /** B's overrides and changes in words (empty before anything is loaded). */
  changes(): { overrides: string[]; changes: string[] } {
    return this.structure && this.draft ? changesOf(this.structure, this.draft) : { overrides: [], changes: [] };
  }

  /** The scenario id the changes apply to. */
  get scenario(): string | undefined {
    return this.structure?.id;
  }

  private reset(): void {
    if (!this.structure) return;
    this.draft = draftOf(this.structure);
    showErrors(byId("vacancy-errors"), []);
    this.renderAll();
  }

  private update(patch: Partial<Draft>, tables = false): void {
    this.draft = { ...this.draft!, ...patch };
    if (tables) this.renderAll();
    else this.renderSummary();
  }

  private renderAll(): void {
    const d = this.draft!;
    const s = this.structure!;
    byId<HTMLInputElement>("refill-auto").checked = d.refill;
    const l = s.workforce.recruitmentLagWeeks as number | { kind?: string; value?: number; mean?: number };
    const weeks = typeof l === "number" ? l : l?.kind === "deterministic" ? l.value : l?.mean;
    const lag = weeks !== undefined ? `${weeks} weeks (workforce.recruitmentLagWeeks)` : "the recruitment lag (workforce.recruitmentLagWeeks)";
    byId("refill-lag").textContent = `after ${lag}${s.workforce.turnover || s.workforce.trainees ? " (this scenario has leavers beyond the posts' own dates: turning this off stops their refilling too)" : ""}`;
    const post = byId<HTMLSelectElement>("vacancy-post");
    const keep = post.value;
    fill(post, ...d.practitioners.map((p) => h("option", { value: String(p.id) }, `${String(p.id)} (${String(p.role ?? "emhp")})`)));
    if (d.practitioners.some((p) => p.id === keep)) post.value = keep;
    this.syncVacancyTo();
    this.renderPosts();
    this.renderClusters();
    this.renderSchools();
    this.renderSummary();
  }

  private syncVacancyTo(): void {
    byId<HTMLInputElement>("vacancy-to").disabled = !byId<HTMLInputElement>("vacancy-refilled").checked;
  }

  private clusterOptions(withNone: boolean): [string, string][] {
    return [...(withNone ? ([["", "–"]] as [string, string][]) : []), ...this.draft!.clusters.map((c) => [String(c.id), String(c.id)] as [string, string])];
  }

  /** Post i as it stands now (handlers read it at the time of the event, not when the row was drawn). */
  private post(i: number): Item {
    return this.draft!.practitioners[i]!;
  }

  private setPost(i: number, item: Item, tables = false): void {
    const list = [...this.draft!.practitioners];
    list[i] = item;
    this.update({ practitioners: list }, tables);
  }

  private renderPosts(): void {
    const rows = this.draft!.practitioners.map((p, i) => {
      const isNew = !this.structure!.practitioners.some((q) => q.id === p.id);
      const idCell = isNew ? h("input", { type: "text", value: String(p.id), "aria-label": "Post id", size: "10" }) : h("span", {}, String(p.id));
      if (idCell instanceof HTMLInputElement) idCell.addEventListener("change", () => this.setPost(i, set(this.post(i), "id", idCell.value.trim())));
      const role = select(ROLES.map((r) => [r, r]), String(p.role ?? "emhp"), { "aria-label": `Role of ${String(p.id)}` });
      role.addEventListener("change", () => this.setPost(i, set(this.post(i), "role", role.value)));
      const fte = h("input", { type: "number", min: "0.1", max: "1", step: "0.1", value: String(p.fte ?? 1), "aria-label": `FTE of ${String(p.id)}` });
      fte.addEventListener("change", () => this.setPost(i, set(this.post(i), "fte", fte.value === "" ? undefined : Number(fte.value))));
      const errors = () => byId("vacancy-errors");
      const start = dateField(String(p.startDate ?? ""), `Start date of ${String(p.id)}`, errors, (iso) => this.setPost(i, set(this.post(i), "startDate", iso)));
      const end = dateField(String(p.endDate ?? ""), `End date of ${String(p.id)}`, errors, (iso) => this.setPost(i, set(this.post(i), "endDate", iso)));
      const training = p.training as { start?: string } | undefined;
      const trainee = h("input", { type: "checkbox", "aria-label": `${String(p.id)} is a trainee` });
      trainee.checked = training !== undefined;
      const intake = dateField(training?.start ?? "", `Training intake of ${String(p.id)}`, errors, (iso) => this.setPost(i, set(this.post(i), "training", { ...((this.post(i).training ?? {}) as Item), start: iso ?? this.structure!.calendar.startDate }), iso === undefined), training === undefined);
      trainee.addEventListener("change", () => this.setPost(i, set(this.post(i), "training", trainee.checked ? { start: parseDate(intake.value) ?? this.structure!.calendar.startDate } : undefined), true));
      // A post's own refill, or the scenario's (workforce.refill) when it has none; ticking it back to the scenario's drops the post's own.
      const refill = h("input", { type: "checkbox", "aria-label": `${String(p.id)} is refilled when vacated` });
      refill.checked = p.refill === undefined ? this.draft!.refill : p.refill === true;
      refill.addEventListener("change", () => this.setPost(i, set(this.post(i), "refill", refill.checked === this.draft!.refill && this.structure!.practitioners.find((q) => q.id === p.id)?.refill === undefined ? undefined : refill.checked)));
      const remove = h("button", { type: "button", title: `Remove post ${String(p.id)}` }, "Remove");
      remove.addEventListener("click", () => this.update({ practitioners: this.draft!.practitioners.filter((_, j) => j !== i) }, true));
      return h(
        "tr",
        { "data-post": String(p.id) },
        h("td", {}, idCell),
        h("td", {}, role),
        h("td", {}, fte),
        h("td", { class: "days" }, this.daysCell(p, i)),
        h("td", {}, start),
        h("td", {}, end),
        h("td", { class: "refill" }, refill),
        h("td", { class: "trainee" }, trainee, intake),
        h("td", {}, remove),
      );
    });
    fill(byId("posts-body"), ...rows);
  }

  /** A post's week: a pattern (a cluster or none each weekday) or clusters shared by pupils with days a week. */
  private daysCell(p: Item, i: number): HTMLElement {
    const pattern = p.pattern as Record<string, unknown> | undefined;
    const alloc = p.allocation as { clusters?: string[]; days?: number } | undefined;
    const mode = select([["pattern", "weekly pattern"], ["allocation", "clusters by pupils"]], pattern ? "pattern" : "allocation", { "aria-label": `How ${String(p.id)}'s days are given` });
    const first = String(this.draft!.clusters[0]?.id ?? "");
    mode.addEventListener("change", () => {
      const cluster = alloc?.clusters?.[0] ?? (pattern ? (Object.values(pattern).find((v) => typeof v === "string") as string | undefined) : undefined) ?? first;
      const next = mode.value === "pattern" ? set(set(this.post(i), "allocation", undefined), "pattern", Object.fromEntries(DAYS.map((d) => [d, cluster]))) : set(set(this.post(i), "pattern", undefined), "allocation", { clusters: [cluster] });
      this.setPost(i, next, true);
    });
    if (pattern) {
      const days = DAYS.map((d, k) => {
        const v = pattern[d];
        const options = this.clusterOptions(true);
        const key = Array.isArray(v) ? JSON.stringify(v) : String(v ?? "");
        if (Array.isArray(v)) options.push([key, v.map((x) => x ?? "–").join(" / ")]);
        const sel = select(options, key, { "aria-label": `${String(p.id)} on ${DAY_NAMES[k]}` });
        sel.addEventListener("change", () => {
          const value = sel.value.startsWith("[") ? JSON.parse(sel.value) : sel.value || undefined;
          this.setPost(i, set(this.post(i), "pattern", set((this.post(i).pattern ?? {}) as Item, d, value)));
        });
        return h("label", { class: "day" }, DAY_NAMES[k], sel);
      });
      return h("div", { class: "days-cell" }, mode, ...days);
    }
    const clusters = h("input", { type: "text", value: (alloc?.clusters ?? []).join(", "), size: "10", "aria-label": `Clusters of ${String(p.id)}`, placeholder: "c1, c2" });
    clusters.addEventListener("change", () => this.setPost(i, set(this.post(i), "allocation", set((this.post(i).allocation ?? {}) as Item, "clusters", clusters.value.split(/[,\s]+/).filter(Boolean)))));
    const days = h("input", { type: "number", min: "0", step: "0.5", value: alloc?.days === undefined ? "" : String(alloc.days), placeholder: "all", "aria-label": `Days a week of ${String(p.id)}` });
    days.addEventListener("change", () => this.setPost(i, set(this.post(i), "allocation", set((this.post(i).allocation ?? {}) as Item, "days", days.value === "" ? undefined : Number(days.value)))));
    return h("div", { class: "days-cell" }, mode, h("label", { class: "day" }, "clusters", clusters), h("label", { class: "day" }, "days a week", days));
  }

  private addPost(): void {
    const taken = new Set(this.draft!.practitioners.map((p) => String(p.id)));
    let n = this.draft!.practitioners.length + 1;
    while (taken.has(`post-${n}`)) n++;
    this.update({ practitioners: [...this.draft!.practitioners, { id: `post-${n}`, role: "emhp", allocation: { clusters: [String(this.draft!.clusters[0]?.id ?? "")] } }] }, true);
  }

  private applyVacancy(): void {
    const errors = byId("vacancy-errors");
    try {
      const refilled = byId<HTMLInputElement>("vacancy-refilled").checked;
      // Dates as typed in any locale's way (20/10/2025 or 2025-10-20); makeVacant names the field of text that is none.
      const date = (id: string) => {
        const text = byId<HTMLInputElement>(id).value.trim();
        return text === "" ? null : (parseDate(text) ?? text);
      };
      this.draft = makeVacant(this.draft!, byId<HTMLSelectElement>("vacancy-post").value, date("vacancy-from") ?? "", refilled ? date("vacancy-to") : null, refilled);
      showErrors(errors, []);
      this.renderAll();
    } catch (err) {
      showErrors(errors, [err instanceof Error ? err.message : String(err)]);
    }
  }

  private renderClusters(): void {
    const d = this.draft!;
    const rows = d.clusters.map((c, i) => {
      const setCluster = (item: Item, tables = false) => {
        const list = [...this.draft!.clusters];
        list[i] = item;
        this.update({ clusters: list }, tables);
      };
      const name = h("input", { type: "text", value: String(c.name ?? ""), placeholder: String(c.id), "aria-label": `Name of cluster ${String(c.id)}` });
      name.addEventListener("change", () => setCluster(set(this.draft!.clusters[i]!, "name", name.value.trim() || undefined)));
      const days = h("input", { type: "number", min: "0", step: "0.5", value: c.practitionerDays === undefined ? "" : String(c.practitionerDays), placeholder: "by pupils", "aria-label": `Practitioner days a week of cluster ${String(c.id)}` });
      days.addEventListener("change", () => setCluster(set(this.draft!.clusters[i]!, "practitionerDays", days.value === "" ? undefined : Number(days.value))));
      const schools = d.schools.filter((s) => s.cluster === c.id);
      const pupils = schools.reduce((sum, s) => sum + Number(s.pupils ?? 0), 0);
      const remove = h("button", { type: "button", title: `Remove cluster ${String(c.id)}` }, "Remove");
      remove.addEventListener("click", () => this.update({ clusters: this.draft!.clusters.filter((_, j) => j !== i) }, true));
      return h("tr", { "data-cluster": String(c.id) }, h("td", {}, String(c.id)), h("td", {}, name), h("td", {}, days), h("td", { class: "num" }, `${schools.length} schools, ${pupils.toLocaleString("en-GB")} pupils`), h("td", {}, remove));
    });
    fill(byId("clusters-body"), ...rows);
  }

  private addCluster(): void {
    const input = byId<HTMLInputElement>("cluster-new-id");
    const id = input.value.trim() || `c${this.draft!.clusters.length + 1}`;
    const team = this.structure!.teams.length > 1 ? { team: this.structure!.teams[0]!.id } : {};
    this.update({ clusters: [...this.draft!.clusters, { id, name: id, ...team }] }, true);
    input.value = "";
  }

  private renderSchools(): void {
    const rows = this.draft!.schools.map((s, i) => {
      const setSchool = (item: Item) => {
        const list = [...this.draft!.schools];
        list[i] = item;
        // The clusters table counts each cluster's schools and pupils.
        this.update({ schools: list });
        this.renderClusters();
      };
      const phase = select(PHASES.map((p) => [p, p]), String(s.phase ?? "primary"), { "aria-label": `Phase of ${String(s.id)}` });
      phase.addEventListener("change", () => setSchool(set(this.draft!.schools[i]!, "phase", phase.value)));
      const pupils = h("input", { type: "number", min: "1", step: "1", value: String(s.pupils ?? ""), "aria-label": `Pupils of ${String(s.id)}` });
      pupils.addEventListener("change", () => setSchool(set(this.draft!.schools[i]!, "pupils", pupils.value === "" ? undefined : Number(pupils.value))));
      const options = this.clusterOptions(false);
      // A school left in a removed cluster shows it, so that B's one-line problem is easy to place.
      if (!options.some(([v]) => v === String(s.cluster))) options.push([String(s.cluster), `${String(s.cluster)} (removed)`]);
      const cluster = select(options, String(s.cluster ?? ""), { "aria-label": `Cluster of ${String(s.id)}` });
      cluster.addEventListener("change", () => setSchool(set(this.draft!.schools[i]!, "cluster", cluster.value)));
      return h("tr", { "data-school": String(s.id) }, h("td", {}, String(s.name ?? s.id)), h("td", {}, phase), h("td", {}, pupils), h("td", {}, cluster));
    });
    fill(byId("schools-body"), ...rows);
  }

  /** The list of changes, the command line, and B validated by the server (debounced). */
  private renderSummary(): void {
    const { overrides, changes } = this.changes();
    fill(byId("changes-list"), ...(changes.length > 0 ? changes.map((c) => h("li", {}, c)) : [h("li", { class: "none" }, "No changes yet: B is the same as A.")]));
    this.showCommand();
    window.clearTimeout(this.timer);
    const errors = byId("changes-errors");
    const status = byId("changes-status");
    this.timer = window.setTimeout(() => {
      api<{ summary: { schools: number; clusters: number; practitioners: number } }>("POST", "/api/scenarios/validate", { text: this.text, overrides }).then(
        (v) => {
          showErrors(errors, []);
          status.textContent = `B is valid: ${v.summary.schools} schools in ${v.summary.clusters} clusters, ${v.summary.practitioners} posts`;
          status.className = "status ok";
        },
        (err: unknown) => {
          status.textContent = "B has problems:";
          status.className = "status bad";
          showErrors(errors, err instanceof ApiError ? (err.issues.length > 0 ? err.issues.map((i) => i.message) : [err.message]) : [String(err)]);
        },
      );
    }, 250);
  }
}
