/**
 * Who supervises whom. In each team the practitioners whose role is a supervisee role are
 * shared out in turn (model order) among the team's supervisors; each supervisee costs their
 * supervisor `supervisorSlotsPerSupervisee` slots a term week. A supervisor gives supervision
 * first in the non-clinical part of their week (the half-days their FTE allows beyond the
 * cluster days), and only what does not fit there comes out of their cluster time. A team with
 * supervisees but no supervisor is supervised from outside the team (no cost in the model).
 */

import type { ServiceModel } from "./config.js";
import { practitionerRoles } from "./roles.js";

/** The supervision each post gives and receives. */
export interface SupervisionPlan {
  /** Supervisor index of each practitioner, or -1. */
  readonly supervisorOf: Int32Array;
  /** Supervisees of each practitioner. */
  readonly supervisees: Int32Array;
  /** Slots a term week each practitioner gives. */
  readonly givenSlots: Float64Array;
  /** Of those, slots that do not fit in the non-clinical part of the week. */
  readonly fromClinical: Float64Array;
  /** Slots a term week of each practitioner's whole FTE (fte × 10 half-days × slotsPerDay / 2). */
  readonly weekSlots: Float64Array;
}

/** Half-days of a practitioner's pattern that name a cluster (a week on average over a cycle). */
export function clinicalHalfDays(pattern: ServiceModel["practitioners"][number]["pattern"], cycle?: ServiceModel["practitioners"][number]["cycle"]): number {
  const weeks = cycle ?? [pattern];
  let n = 0;
  for (const week of weeks) for (const day of week) for (const h of day) if (h !== null) n++;
  return n / weeks.length;
}

/**
 * Builds the supervision plan of a service. Cost: O(practitioners).
 * @example supervisionPlan(model).givenSlots[2] // slots a week the third post spends supervising
 */
export function supervisionPlan(model: ServiceModel): SupervisionPlan {
  const n = model.practitioners.length;
  const s = model.supervision;
  const roles = practitionerRoles(model);
  const supervisorOf = new Int32Array(n).fill(-1);
  const supervisees = new Int32Array(n);
  const givenSlots = new Float64Array(n);
  const fromClinical = new Float64Array(n);
  const weekSlots = Float64Array.from(model.practitioners, (p, i) => Math.round(p.fte * 10) * (roles[i].slotsPerDay / 2));
  const byTeam = new Map<string, { sup: number[]; ees: number[] }>();
  model.practitioners.forEach((p, i) => {
    let t = byTeam.get(p.team);
    if (!t) byTeam.set(p.team, (t = { sup: [], ees: [] }));
    if (s.supervisorRoles.includes(p.role)) t.sup.push(i);
    else if (s.superviseeRoles.includes(p.role)) t.ees.push(i);
  });
  for (const { sup, ees } of byTeam.values()) {
    if (sup.length === 0) continue;
    ees.forEach((e, j) => {
      const k = sup[j % sup.length];
      supervisorOf[e] = k;
      supervisees[k]++;
    });
  }
  model.practitioners.forEach((p, i) => {
    givenSlots[i] = supervisees[i] * s.supervisorSlotsPerSupervisee;
    const spare = Math.max(0, Math.round(p.fte * 10) - clinicalHalfDays(p.pattern, p.cycle)) * (roles[i].slotsPerDay / 2);
    fromClinical[i] = Math.max(0, givenSlots[i] - spare);
  });
  return { supervisorOf, supervisees, givenSlots, fromClinical, weekSlots };
}
