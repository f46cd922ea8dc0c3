import { NEEDS, type ServiceModel } from "../../sim/model/config.js";
import { deliverersOf } from "../../sim/model/interventions.js";
import { roleConfig } from "../../sim/model/roles.js";
import { checkDistribution } from "./distribution-checks.js";
import type { DocPath, RawIssue } from "./issues.js";

/** Reports one problem at a document path. */
type Add = (path: DocPath, value: unknown, message: string) => void;

const EPS = 1e-6;

/** Ids of the interventions some need is routed to (a positive share), and the fallback. */
export function usedInterventions(model: ServiceModel): Set<string> {
  const iv = model.interventions;
  const used = new Set<string>();
  if (!iv) return used;
  used.add(iv.fallback);
  for (const need of NEEDS) {
    const r = iv.routes[need];
    if (!r) continue;
    for (const [id, share] of Object.entries(r)) if (share > 0) used.add(id);
  }
  return used;
}

/**
 * Errors of the `interventions` block: duplicate ids, routes naming unknown interventions or
 * whose shares do not sum to 1, a fallback that is not a oneToOne intervention, a group route
 * while groups are off, a `deliveredBy` role that does not do
 * the intervention's form of work, a session dearer than a day, and an intervention in use
 * that no practitioner of a team with schools can deliver.
 */
export function checkInterventions(model: ServiceModel, add: Add): void {
  const iv = model.interventions;
  if (!iv) return;
  const ids = new Map<string, number>();
  iv.catalogue.forEach((x, k) => {
    if (ids.has(x.id)) add(["interventions", "catalogue", k, "id"], x.id, `is used twice (also entry ${ids.get(x.id)}); intervention ids must be unique`);
    else ids.set(x.id, k);
  });
  for (const need of NEEDS) {
    const r = iv.routes[need];
    if (!r) continue;
    let sum = 0;
    for (const [id, share] of Object.entries(r)) {
      sum += share;
      if (!ids.has(id)) add(["interventions", "routes", need, id], share, `names no intervention of the catalogue (known: ${[...ids.keys()].join(", ")})`);
    }
    if (Math.abs(sum - 1) > EPS) add(["interventions", "routes", need], undefined, `shares sum to ${+sum.toFixed(6)}; they must sum to 1`);
  }
  const fb = ids.get(iv.fallback);
  if (fb === undefined || iv.catalogue[fb].form !== "oneToOne") {
    add(["interventions", "fallback"], iv.fallback || undefined, iv.catalogue.some((x) => x.form === "oneToOne")
      ? "must name a oneToOne intervention of the catalogue (for urgent children on a group route, and children no group takes in time)"
      : "needs a oneToOne intervention in the catalogue (for urgent children on a group route, and children no group takes in time)");
  }
  const used = usedInterventions(model);
  const withSchools = new Set(model.schools.map((s) => model.clusters.find((x) => x.id === s.cluster)?.team));
  iv.catalogue.forEach((x, k) => {
    const path: DocPath = ["interventions", "catalogue", k];
    const work = x.form === "group" ? "group" : "oneToOne";
    x.deliveredBy?.forEach((r, i) => {
      if (!roleConfig(model, r).delivers.includes(work)) add([...path, "deliveredBy", i], r, `does not deliver ${work} (see roles.${r}.delivers)`);
    });
    if (x.form === "group" && used.has(x.id) && !model.groups.enabled) add([...path, "form"], "group", "is routed to, but groups.enabled is false: those children would never be seen");
    if (!used.has(x.id)) return;
    const who = deliverersOf(model, x);
    const most = Math.max(0, ...who.map((r) => roleConfig(model, r).slotsPerDay));
    if (who.length > 0 && x.slotsPerSession > most) add([...path, "slotsPerSession"], x.slotsPerSession, `must be <= the slots a day of a role that delivers it (${most}) so a session fits in a day`);
    if (x.form === "oneToOne") checkDistribution([...path, "sessions"], x.sessions, add);
    else if (x.minChildren > x.maxChildren) add([...path, "minChildren"], x.minChildren, `must be <= maxChildren (${x.maxChildren})`);
    for (const team of model.teams) {
      if (!withSchools.has(team.id)) continue;
      if (model.practitioners.some((p) => p.team === team.id && who.includes(p.role))) continue;
      const field = x.deliveredBy ? [...path, "deliveredBy"] : path;
      add(field, x.deliveredBy ?? x.id, `cannot be delivered in team ${team.id}: none of its practitioners has a role that delivers it${who.length ? ` (${who.join(", ")})` : ""}`);
      break;
    }
  });
}

/**
 * Warnings: fields the catalogue makes inert (`groups.suitableShare`, `casework.sessions` when
 * every oneToOne intervention gives its own), phone settings of interventions without phone
 * sessions, and interventions nobody is routed to.
 */
export function interventionWarnings(model: ServiceModel, written: unknown): RawIssue[] {
  const iv = model.interventions;
  if (!iv) return [];
  const out: RawIssue[] = [];
  const doc = (written ?? {}) as {
    groups?: { suitableShare?: unknown };
    casework?: { sessions?: unknown; sessionIntervalDays?: unknown };
    interventions?: { catalogue?: Record<string, unknown>[] };
  };
  if (doc.groups?.suitableShare !== undefined) out.push({ path: ["groups", "suitableShare"], value: undefined, message: "has no effect with an interventions catalogue: interventions.routes decide who goes to a group" });
  const written_ = doc.interventions?.catalogue ?? [];
  const ones = iv.catalogue.map((x, k) => [x, written_[k]] as const).filter(([x]) => x.form === "oneToOne");
  if (doc.casework?.sessions !== undefined && ones.every(([, w]) => w?.sessions !== undefined)) {
    out.push({ path: ["casework", "sessions"], value: undefined, message: "has no effect: every oneToOne intervention of the catalogue gives its own sessions" });
  }
  if (doc.casework?.sessionIntervalDays !== undefined && ones.every(([, w]) => w?.intervalDays !== undefined) && !(model.mhstPlus.enabled && model.practitioners.some((p) => p.role === "mhstPlus"))) {
    out.push({ path: ["casework", "sessionIntervalDays"], value: model.casework.sessionIntervalDays, message: "has no effect: every oneToOne intervention of the catalogue gives its own intervalDays" });
  }
  const used = usedInterventions(model);
  const groupsDoc = (doc as { groups?: Record<string, unknown> }).groups ?? {};
  if (model.groups.enabled && !iv.catalogue.some((x) => x.form === "group" && used.has(x.id))) {
    for (const f of Object.keys(groupsDoc)) if (f !== "enabled" && f !== "suitableShare") out.push({ path: ["groups", f], value: groupsDoc[f], message: "has no effect: no intervention of the catalogue routes children to a group" });
  }
  iv.catalogue.forEach((x, k) => {
    const w = written_[k] ?? {};
    const path = ["interventions", "catalogue", k];
    if (!used.has(x.id)) out.push({ path, value: x.id, message: "is never routed to (no positive share in interventions.routes, and not the fallback): it has no effect" });
    if (x.form === "oneToOne" && x.phoneSessions === 0 && w.phoneSlots !== undefined) out.push({ path: [...path, "phoneSlots"], value: x.phoneSlots, message: "has no effect: the intervention has no phone sessions (phoneSessions is 0)" });
    const inert = x.form === "group" ? ["sessions", "intervalDays", "phoneSessions", "phoneSlots"] : ["weeks", "minChildren", "maxChildren", "virtual", "scope"];
    for (const f of inert) {
      if (w[f] !== undefined) out.push({ path: [...path, f], value: w[f], message: `has no effect on a ${x.form} intervention` });
    }
    if (x.form === "group" && x.virtual && model.calendar.virtualOutsideTermShare === 0 && used.has(x.id)) {
      out.push({ path: [...path, "virtual"], value: true, message: "has no effect: calendar.virtualOutsideTermShare is 0, so there is no time out of term for virtual groups" });
    }
  });
  return out;
}
