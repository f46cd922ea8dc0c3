import { ROLES, type Role, type ServiceModel, type Work } from "../../sim/model/config.js";
import { roleConfig } from "../../sim/model/roles.js";
import type { DocPath, RawIssue } from "./issues.js";

/** Reports one problem at a document path. */
type Add = (path: DocPath, value: unknown, message: string) => void;

interface Part {
  /** Document path of the work (its `roles` field is at path + "roles"). */
  readonly path: DocPath;
  readonly roles: readonly Role[] | undefined;
  readonly work: Work;
  readonly what: string;
}

/** The consultation and whole-school work a model asks for, each with who may do it. */
function partsOf(model: ServiceModel): Part[] {
  const out: Part[] = [];
  const c = model.consultations;
  if (c && c.ratePerSchoolPerWeek > 0) out.push({ path: ["consultations"], roles: c.roles, work: "consultation", what: "consultations" });
  model.wholeSchool?.items.forEach((it, q) => {
    if (it.perTerm > 0) out.push({ path: ["wholeSchool", "items", q], roles: it.roles, work: "wholeSchool", what: `whole-school work ${JSON.stringify(it.kind)}` });
  });
  const od = model.wholeSchool?.onDemand;
  if (od && od.ratePerSchoolPerWeek > 0) out.push({ path: ["wholeSchool", "onDemand"], roles: od.roles, work: "wholeSchool", what: "whole-school requests" });
  return out;
}

const rolesOf = (model: ServiceModel, p: Part): Role[] => [...(p.roles ?? ROLES.filter((r) => roleConfig(model, r).delivers.includes(p.work)))];

/**
 * Errors of the `consultations` and `wholeSchool` blocks: a listed role that does not deliver
 * the work, and a team with schools none of whose practitioners may do it.
 */
export function checkSchoolWork(model: ServiceModel, add: Add): void {
  const c = model.consultations;
  const lists: [DocPath, readonly Role[] | undefined, Work][] = [
    [["consultations", "roles"], c?.roles, "consultation"],
    ...(model.wholeSchool?.items ?? []).map((it, q): [DocPath, readonly Role[] | undefined, Work] => [["wholeSchool", "items", q, "roles"], it.roles, "wholeSchool"]),
    [["wholeSchool", "onDemand", "roles"], model.wholeSchool?.onDemand?.roles, "wholeSchool"],
  ];
  for (const [path, roles, work] of lists) {
    roles?.forEach((r, i) => {
      if (!roleConfig(model, r).delivers.includes(work)) add([...path, i], r, `does not deliver ${work} (see roles.${r}.delivers)`);
    });
  }
  const withSchools = new Set(model.schools.map((s) => model.clusters.find((x) => x.id === s.cluster)?.team));
  for (const part of partsOf(model)) {
    const may = rolesOf(model, part).filter((r) => roleConfig(model, r).delivers.includes(part.work));
    for (const team of model.teams) {
      if (!withSchools.has(team.id)) continue;
      if (model.practitioners.some((p) => p.team === team.id && may.includes(p.role))) continue;
      const field = part.roles ? [...part.path, "roles"] : part.path;
      add(field, part.roles, `cannot be delivered in team ${team.id}: none of its practitioners has a role that ${may.length ? `does ${part.what} (${may.join(", ")})` : `delivers ${part.work}`}`);
      break;
    }
  }
}

/**
 * Warnings: settings of the two blocks that can have no effect, and clusters where no
 * practitioner who may do visit work ever works (that work is dropped at the end of each term).
 */
export function schoolWorkWarnings(model: ServiceModel, written: unknown): RawIssue[] {
  const out: RawIssue[] = [];
  const c = model.consultations;
  const doc = (written ?? {}) as { consultations?: { visitShare?: unknown } };
  if (c && c.via !== "both" && doc.consultations?.visitShare !== undefined) out.push({ path: ["consultations", "visitShare"], value: c.visitShare, message: `has no effect unless via is both (via is ${c.via})` });
  if (c && c.ratePerSchoolPerWeek === 0) out.push({ path: ["consultations", "ratePerSchoolPerWeek"], value: 0, message: "is 0: the consultations block has no effect" });
  for (const part of partsOf(model)) {
    if (part.work === "consultation" && c?.via === "adviceLine") continue;
    const may = rolesOf(model, part);
    const worked = new Set<string>();
    for (const p of model.practitioners) if (may.includes(p.role)) for (const day of p.pattern) for (const h of day) if (h !== null) worked.add(h);
    const missing = model.clusters.filter((x) => !worked.has(x.id) && model.schools.some((s) => s.cluster === x.id)).map((x) => x.id);
    if (missing.length > 0) {
      out.push({ path: part.path, value: undefined, message: `no practitioner who may do ${part.what} works in cluster${missing.length > 1 ? "s" : ""} ${missing.slice(0, 6).join(", ")}${missing.length > 6 ? ", ..." : ""}: that work there is dropped at the end of each term` });
    }
  }
  return out;
}
