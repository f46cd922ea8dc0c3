import type { ServiceModel } from "../../sim/model/config.js";
import { roleConfig } from "../../sim/model/roles.js";
import type { ScenarioInput } from "../schema/index.js";
import type { RawIssue } from "./issues.js";
import { schoolWorkWarnings } from "./school-work-checks.js";

/**
 * Warnings about a scenario that loads: fields whose meaning changed in this version of the
 * format (a one-line migration message naming the field), and settings that cannot have the
 * effect they seem to ask for. Paths are document paths, as for errors.
 * @example scenarioWarningsOf(model, input) // [{ path: ["waitlist", "scope"], value: "practitioner", message: "..." }]
 */
export function scenarioWarningsOf(model: ServiceModel, input: ScenarioInput, written: unknown): RawIssue[] {
  const out: RawIssue[] = [];
  const doc = (written ?? {}) as Record<string, Record<string, unknown> | undefined>;
  if (doc.waitlist?.scope === "practitioner") {
    out.push({ path: ["waitlist", "scope"], value: "practitioner", message: "changed meaning: every practitioner working in a cluster now starts its children too (the named practitioner's list spans their clusters); write `cluster` for per-cluster lists" });
  }
  if (doc.casework?.caseloadCap !== undefined) {
    out.push({ path: ["casework", "caseloadCap"], value: doc.casework.caseloadCap, message: "changed meaning: the cap is now per full-time post across all its clusters (round(cap x fte)), no longer split per cluster by half-days" });
  }
  input.practitioners.forEach((p, i) => {
    const written = ((doc.practitioners as unknown as Record<string, unknown>[] | undefined)?.[i]?.training ?? {}) as Record<string, unknown>;
    if (written.phases !== undefined) {
      out.push({ path: ["practitioners", i, "training", "phases"], value: undefined, message: "changed meaning: phase weeks are now calendar weeks from the intake (they counted term weeks), and the course lasts training.courseWeeks (52)" });
    }
  });
  const seniors = doc.roles?.seniorClinician as Record<string, unknown> | undefined;
  if (model.practitioners.some((p) => p.role === "seniorClinician") && (seniors?.caseloadCap === undefined || seniors?.caseworkDays === undefined)) {
    const gen = input.practitioners.some((p) => p.role === "seniorClinician" && p.allocation && p.allocation.days === undefined) || (input.generate?.staff.seniorClinician ?? 0) > 0;
    const parts = [seniors?.caseloadCap === undefined ? `hold round(casework.caseloadCap / 2) = ${roleConfig(model, "seniorClinician").caseloadCap} cases` : "", seniors?.caseworkDays === undefined && gen ? "get 2.5 casework days a week where an allocation or template gives none" : ""].filter(Boolean);
    if (parts.length > 0) out.push({ path: ["roles", "seniorClinician"], value: undefined, message: `changed meaning: senior clinicians now ${parts.join(" and ")} (set roles.seniorClinician to choose)` });
  }
  const g = model.groups;
  if (g.enabled) {
    const most = new Map<string, number>();
    for (const p of model.practitioners) {
      const role = roleConfig(model, p.role);
      if (!role.delivers.includes("group")) continue;
      const half = role.slotsPerDay / 2;
      for (const day of p.pattern) {
        const segs = day[0] !== null && day[0] === day[1] ? [[day[0], 2]] as const : day.filter((x): x is string => x !== null).map((x) => [x, 1] as const);
        for (const [c, h] of segs) most.set(c, Math.max(most.get(c) ?? 0, Math.ceil(h * half - 1e-9)));
      }
    }
    model.clusters.forEach((c, i) => {
      if ((most.get(c.id) ?? 0) >= g.slotsPerSession) return;
      const path = i < input.clusters.length ? ["clusters", i] : ["generate"];
      out.push({ path, value: c.id, message: `can never host a group session: no practitioner segment there holds groups.slotsPerSession (${g.slotsPerSession}) slots; its group-suited children are offered 1:1 after groups.maxWaitWeeks (${g.maxWaitWeeks})` });
    });
  }
  out.push(...schoolWorkWarnings(model, written));
  return out;
}
