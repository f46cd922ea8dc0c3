import { Router } from "express";
import { HttpError } from "../http/errors.js";
import { parseBody, parseInput } from "../http/validate.js";
import { EditBody, SaveScenarioBody, ScenarioId, ValidateBody } from "../requests.js";
import type { ScenarioCatalog } from "../scenario-catalog.js";
import type { ScenarioStore } from "../storage/scenario-store.js";
import { parseScenario, scenarioJsonSchema } from "../../scenarios/index.js";
import type { ServiceModel } from "../../sim/model/index.js";
import { runFit, type RunLimits } from "../run-size.js";
import { overrideStrings } from "../scenario-catalog.js";

/** Turns a scenario name into an id: `Trailblazer team (2 EMHPs)` → `trailblazer-team-2-emhps`. */
export function slugify(name: string): string {
  const slug = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64).replace(/-+$/, "");
  return slug === "" ? "scenario" : slug;
}

/**
 * /api/scenarios: list, get, create, update, delete (built-ins are read-only: 403), validate
 * (400 with every issue in the CLI's words), and the JSON Schema of the format. A scenario read
 * by id and a valid scenario's summary carry `run`: its size per replication and the most
 * replications that fit the run size limit, for the run form.
 */
export function scenarioRoutes(catalog: ScenarioCatalog, store: ScenarioStore, limits: RunLimits, writable: () => Promise<void> = () => Promise.resolve()): Router {
  const r = Router();

  r.get("/", (_req, res) => {
    res.json({ scenarios: catalog.list() });
  });

  r.get("/schema.json", (_req, res) => {
    res.json(scenarioJsonSchema());
  });

  r.post("/validate", async (req, res) => {
    const body = parseBody(ValidateBody, req.body);
    // Warnings as `scenario check` gives them: fields with no effect here, and migration messages.
    const { model, warnings } = await catalog.validateWithWarnings(body.text, "scenario", body.overrides);
    res.json({ valid: true, name: model.name, summary: summary(model), run: runFit(model, limits), fields: commonFields(model), warnings });
  });

  // The editor's form: sets fields in the YAML text with the scenarios module's overrides,
  // keeping the user's comments and layout.
  r.post("/edit", async (req, res) => {
    const body = parseBody(EditBody, req.body);
    // The loader's parse stage: syntax errors, tags, deep nesting and alias bombs are 400s with lines.
    res.json({ text: await catalog.threads.edit({ text: body.text, set: overrideStrings(body.set) }) });
  });

  // The staffing and cluster-design editors: the scenario's posts, schools and clusters as written.
  r.get("/:id/structure", async (req, res) => {
    const found = catalog.get(req.params.id);
    if (!found) throw new HttpError(404, `scenario ${JSON.stringify(req.params.id)} not found`);
    res.json(scenarioStructure(found.id, found.text, (await catalog.load({ scenario: found.id })).model));
  });

  r.get("/:id", async (req, res) => {
    const found = catalog.get(req.params.id);
    if (!found) throw new HttpError(404, `scenario ${JSON.stringify(req.params.id)} not found`);
    // A saved scenario that no longer validates (the format moved on) still opens in the editor.
    let run: ReturnType<typeof runFit> | null = null;
    try {
      run = runFit((await catalog.load({ scenario: found.id })).model, limits);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
    }
    res.json({ ...found, run });
  });

  r.post("/", async (req, res) => {
    const body = parseBody(SaveScenarioBody, req.body);
    const model = await catalog.validate(body.text, "scenario", undefined);
    await writable();
    const id = body.id ?? uniqueId(slugify(model.name), (x) => catalog.get(x) !== undefined);
    if (catalog.isBuiltin(id)) throw new HttpError(409, `id: ${JSON.stringify(id)} is a built-in scenario, which is read-only: save under another id`, [{ path: "id", value: id, message: `id: ${JSON.stringify(id)} is a built-in scenario's id` }]);
    if (!store.insert({ id, name: model.name, description: model.description, text: body.text })) {
      throw new HttpError(409, `id: ${JSON.stringify(id)} is already a saved scenario: update it with PUT /api/scenarios/${id} or choose another id`, [{ path: "id", value: id, message: `id: ${JSON.stringify(id)} is taken` }]);
    }
    res.status(201).location(`/api/scenarios/${id}`).json(catalog.get(id));
  });

  r.put("/:id", async (req, res) => {
    const id = parseInput(ScenarioId, req.params.id);
    if (catalog.isBuiltin(id)) throw new HttpError(403, `scenario ${JSON.stringify(id)} is built in and read-only: save a copy with POST /api/scenarios`);
    const body = parseBody(SaveScenarioBody, req.body);
    if (body.id !== undefined && body.id !== id) throw new HttpError(400, `id: ${JSON.stringify(body.id)} must match the id in the URL (${JSON.stringify(id)})`, [{ path: "id", value: body.id, message: `id: ${JSON.stringify(body.id)} must match the URL` }]);
    const model = await catalog.validate(body.text, "scenario", undefined);
    await writable();
    if (!store.update({ id, name: model.name, description: model.description, text: body.text })) throw new HttpError(404, `scenario ${JSON.stringify(id)} not found`);
    res.json(catalog.get(id));
  });

  r.delete("/:id", async (req, res) => {
    const id = req.params.id;
    if (catalog.isBuiltin(id)) throw new HttpError(403, `scenario ${JSON.stringify(id)} is built in and read-only: it cannot be deleted`);
    await writable();
    if (!store.delete(id)) throw new HttpError(404, `scenario ${JSON.stringify(id)} not found`);
    res.status(204).end();
  });

  return r;
}

function uniqueId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let i = 2; ; i++) {
    const id = `${base.slice(0, 60)}-${i}`;
    if (!taken(id)) return id;
  }
}

/**
 * A scenario's posts, schools and clusters as its file writes them (the editors change them with
 * overrides), with the defaults the editors show beside them. A scenario that generates its
 * teams from a template has no lists to edit (`editable: false`, with the reason).
 */
export function scenarioStructure(id: string, text: string, model: ServiceModel) {
  const raw = (parseScenario(text, `${id}.yaml`).doc.toJS() ?? {}) as Record<string, unknown>;
  const list = (key: string) => (Array.isArray(raw[key]) ? (raw[key] as unknown[]) : []);
  const generated = raw.generate !== undefined;
  const workforce = (raw.workforce ?? {}) as Record<string, unknown>;
  return {
    id,
    name: model.name,
    editable: !generated,
    note: generated ? "This scenario generates its teams, schools and posts from a template (generate:); the editors work on scenarios that list them." : null,
    calendar: { startDate: model.calendar.startDate, years: model.calendar.years },
    teams: model.teams.map((t) => ({ id: t.id, name: t.name })),
    clusters: list("clusters"),
    schools: list("schools"),
    practitioners: list("practitioners"),
    workforce: { refill: model.workforce.refill, refillWritten: workforce.refill !== undefined, recruitmentLagWeeks: model.workforce.recruitmentLagWeeks, turnover: model.workforce.annualTurnover > 0, trainees: model.practitioners.some((p) => p.training !== undefined) },
  };
}

/** Scenario paths the editor's form shows, with their values (defaults filled) in a valid scenario. */
export const COMMON_FIELDS = [
  "name",
  "calendar.years",
  "referrals.ratePer1000PerWeek",
  "triage.signpostShare",
  "waitlist.initialPerCluster",
  "casework.slotsPerDay",
  "casework.caseloadCap",
  "casework.dnaShare",
] as const;

function commonFields(model: ServiceModel): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of COMMON_FIELDS) {
    let cur: unknown = model;
    for (const key of path.split(".")) cur = cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>)[key] : undefined;
    out[path] = cur;
  }
  return out;
}

/** A few numbers the editor shows once a scenario is valid. */
export function summary(model: { calendar: { years: number; horizonDays?: number }; teams: readonly unknown[]; clusters: readonly unknown[]; schools: readonly unknown[]; practitioners: readonly unknown[] }) {
  const h = model.calendar.horizonDays;
  return { years: model.calendar.years, ...(h === undefined ? {} : { horizonWeeks: h / 7 }), teams: model.teams.length, clusters: model.clusters.length, schools: model.schools.length, practitioners: model.practitioners.length };
}
