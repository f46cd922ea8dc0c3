/**
 * What each role does: case slots a day, caseload cap, the work it delivers and the
 * supervision it receives (supervision given: `supervision.supervisorRoles`). A scenario's
 * `roles` block sets any of these; the rest take the defaults below, which follow the
 * casework settings so that a scenario without a `roles` block means what it always did for
 * EMHPs and clinicians.
 *
 * | role | slots a day | caseload cap (full time) | casework days | delivers |
 * |---|---|---|---|---|
 * | emhp, clinician | casework.slotsPerDay | casework.caseloadCap | 5 | oneToOne, group, consultation, wholeSchool |
 * | seniorClinician | casework.slotsPerDay | round(casework.caseloadCap / 2) | 2.5 | the same |
 * | mhstPlus | casework.slotsPerDay | casework.caseloadCap (team-wide) | 5 | mhstPlus, consultation |
 * | educationalPsychologist | casework.slotsPerDay | 0 (holds no cases) | 5 | consultation, wholeSchool |
 *
 * Casework days are the clinical days a week of a full-time post where an allocation or a
 * team template does not give them. The supervisee roles (`supervision.superviseeRoles`, EMHPs
 * by default) receive meetings.supervisionSlotsPerWeek, the other roles half of it (assumption:
 * qualified clinicians' own supervision is fortnightly), unless a role sets its own. The senior clinicians' half week and half caseload (the rest of their
 * week goes to supervision, consultation and leading the team) and the educational
 * psychologist's empty caseload are assumptions (no published caseload, domain-figures "not found").
 */

import type { Role, RoleConfig, ServiceModel, Work } from "./config.js";

const CASEWORK: readonly Work[] = ["oneToOne", "group", "consultation", "wholeSchool"];

/** The role's settings in this model: what the scenario sets, else the defaults. */
export function roleConfig(model: Pick<ServiceModel, "roles" | "casework" | "meetings"> & { readonly supervision?: ServiceModel["supervision"] }, role: Role): RoleConfig {
  const c = model.casework;
  const set = model.roles?.[role] ?? {};
  const supervisee = (model.supervision?.superviseeRoles ?? ["emhp"]).includes(role);
  const cap = role === "seniorClinician" ? Math.round(c.caseloadCap * 0.5) : role === "educationalPsychologist" ? 0 : c.caseloadCap;
  const delivers = role === "mhstPlus" ? ["mhstPlus", "consultation"] as const : role === "educationalPsychologist" ? ["consultation", "wholeSchool"] as const : CASEWORK;
  return {
    slotsPerDay: set.slotsPerDay ?? c.slotsPerDay,
    caseloadCap: set.caseloadCap ?? cap,
    delivers: set.delivers ?? delivers,
    supervisionSlotsPerWeek: set.supervisionSlotsPerWeek ?? (supervisee ? 1 : 0.5) * model.meetings.supervisionSlotsPerWeek,
    caseworkDays: set.caseworkDays ?? (role === "seniorClinician" ? 2.5 : 5),
  };
}

/** Each practitioner's role settings, in model order. */
export function practitionerRoles(model: Pick<ServiceModel, "roles" | "casework" | "meetings" | "practitioners" | "supervision">): RoleConfig[] {
  const byRole = new Map<Role, RoleConfig>();
  return model.practitioners.map((p) => {
    let r = byRole.get(p.role);
    if (!r) byRole.set(p.role, (r = roleConfig(model, p.role)));
    return r;
  });
}
