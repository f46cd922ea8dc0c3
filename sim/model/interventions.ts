/**
 * The intervention catalogue as the simulation uses it (the `interventions` block; see
 * sim/model/README.md, "Interventions"). Triage routes each accepted child, by need, to one
 * intervention: a `oneToOne` course (sessions, slots per face-to-face session, phone sessions
 * that share a slot, interval between sessions, the roles that deliver it) or the `group`
 * programme the `groups` block runs. A child routed to a group who is urgent, or whom no group
 * takes within `groups.maxWaitWeeks`, gets the `fallback` oneToOne intervention instead.
 */

import { NEEDS, ROLES, type InterventionConfig, type Role, type ServiceModel } from "./config.js";
import { roleConfig } from "./roles.js";
import { roleBit } from "./tasks.js";

/** Form codes of {@link InterventionTable.form}. */
export const FORM_ONE = 0;
export const FORM_GROUP = 1;

/** The catalogue in typed arrays, indexed by intervention (catalogue order). */
export interface InterventionTable {
  readonly n: number;
  readonly ids: readonly string[];
  readonly form: Uint8Array;
  /** Slots a face-to-face session costs. */
  readonly slots: Int32Array;
  /** Sessions 2, 4, … up to `2 × phone` are by phone. */
  readonly phone: Int32Array;
  /** Slots a phone session costs (≤ 1). */
  readonly phoneSlots: Float64Array;
  readonly interval: Int32Array;
  /** Bit r set: role ROLES[r] delivers the intervention. */
  readonly roleMask: Int32Array;
  /** Per need (NEEDS order), the cumulative route shares over the catalogue; the last positive one is exactly 1. */
  readonly routeCum: readonly Float64Array[];
  /** Index of the fallback oneToOne intervention. */
  readonly fallback: number;
  /** Whether every oneToOne intervention costs one slot a face-to-face session. */
  readonly unitSlots: boolean;
}

/** One group programme: the `groups` block's, or a group intervention of the catalogue. */
export interface GroupProgramme {
  readonly slotsPerSession: number;
  readonly weeks: number;
  readonly minChildren: number;
  readonly maxChildren: number;
  /** Forms and meets out of term too (on virtual time). */
  readonly virtual: boolean;
  /** Children come from any cluster of the team (else from the segment's cluster). */
  readonly team: boolean;
  /** Bit r set: role ROLES[r] runs it. */
  readonly roleMask: number;
}

/**
 * The model's group programmes, and the programme of each intervention (-1 for oneToOne):
 * without a catalogue, the one programme of the `groups` block; with one, a programme for
 * each group intervention (the `groups` block gives their defaults and formation rules).
 */
export function groupProgrammes(model: ServiceModel): { readonly list: readonly GroupProgramme[]; readonly of: Int32Array } {
  const g = model.groups;
  const cat = model.interventions?.catalogue;
  const mask = (roles: readonly Role[]) => roles.reduce((m, r) => m | roleBit(r), 0);
  if (!cat) {
    const roles = ROLES.filter((r) => roleConfig(model, r).delivers.includes("group"));
    return { list: [{ slotsPerSession: g.slotsPerSession, weeks: g.weeks, minChildren: g.minChildren, maxChildren: g.maxChildren, virtual: g.virtual, team: false, roleMask: mask(roles) }], of: new Int32Array(0) };
  }
  const list: GroupProgramme[] = [];
  const of = new Int32Array(cat.length).fill(-1);
  cat.forEach((x, k) => {
    if (x.form !== "group") return;
    of[k] = list.length;
    list.push({ slotsPerSession: x.slotsPerSession, weeks: x.weeks, minChildren: x.minChildren, maxChildren: x.maxChildren, virtual: x.virtual, team: x.scope === "team", roleMask: mask(deliverersOf(model, x)) });
  });
  return { list, of };
}

/** Roles that deliver an intervention: those it lists, else every role whose work includes its form. */
export function deliverersOf(model: Pick<ServiceModel, "roles" | "casework" | "meetings">, iv: InterventionConfig): Role[] {
  const work = iv.form === "group" ? "group" : "oneToOne";
  return ROLES.filter((r) => (iv.deliveredBy === undefined || iv.deliveredBy.includes(r)) && roleConfig(model, r).delivers.includes(work));
}

/** Whether session `n` (1-based, counting attended sessions) of intervention k is by phone. */
export function isPhoneSession(tab: InterventionTable, k: number, n: number): boolean {
  return (n & 1) === 0 && n <= 2 * tab.phone[k];
}

/** Tables already built, per (frozen) model: the referral draws and each run read the same one. */
const tables = new WeakMap<ServiceModel, InterventionTable>();

/** The model's catalogue as typed arrays, or null when the scenario has no `interventions` block. */
export function interventionTable(model: ServiceModel): InterventionTable | null {
  const iv = model.interventions;
  if (!iv) return null;
  const known = tables.get(model);
  if (known) return known;
  const cat = iv.catalogue;
  const n = cat.length;
  const index = new Map(cat.map((x, i) => [x.id, i]));
  const fallback = index.get(iv.fallback) ?? 0;
  const routeCum = NEEDS.map((need) => {
    const shares = iv.routes[need];
    const cum = new Float64Array(n);
    if (!shares) {
      for (let k = fallback; k < n; k++) cum[k] = 1;
      return cum;
    }
    let sum = 0;
    let last = -1;
    for (let k = 0; k < n; k++) {
      const s = shares[cat[k].id] ?? 0;
      sum += s;
      cum[k] = sum;
      if (s > 0) last = k;
    }
    for (let k = Math.max(last, 0); k < n; k++) cum[k] = 1;
    return cum;
  });
  const roleMask = new Int32Array(n);
  cat.forEach((x, k) => {
    for (const r of deliverersOf(model, x)) roleMask[k] |= roleBit(r);
  });
  const table: InterventionTable = {
    n,
    ids: cat.map((x) => x.id),
    form: Uint8Array.from(cat, (x) => (x.form === "group" ? FORM_GROUP : FORM_ONE)),
    slots: Int32Array.from(cat, (x) => x.slotsPerSession),
    phone: Int32Array.from(cat, (x) => x.phoneSessions),
    phoneSlots: Float64Array.from(cat, (x) => x.phoneSlots),
    interval: Int32Array.from(cat, (x) => x.intervalDays),
    roleMask,
    routeCum,
    fallback,
    unitSlots: cat.every((x) => x.form === "group" || x.slotsPerSession === 1),
  };
  tables.set(model, table);
  return table;
}

/** The intervention a uniform draw `u` picks for need index `need`. */
export function routeOf(tab: InterventionTable, need: number, u: number): number {
  const cum = tab.routeCum[need];
  let k = 0;
  while (k < tab.n - 1 && u >= cum[k]) k++;
  return k;
}
