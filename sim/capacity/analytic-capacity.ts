/**
 * An analytic cross-check of a scenario, with the waiting-list formulas NHS analysts use: for
 * each cluster and team, demand and capacity in case slots per term week, their ratio, the
 * waiting list Little's law gives for the first-contact standard, and the extra weekly
 * capacity that brings the current list down to it within a number of weeks.
 */

import { NEEDS, type ServiceModel } from "../model/config.js";
import { buildCalendar } from "../model/calendar.js";
import { buildStructure } from "../model/structure.js";
import { buildTasks } from "../model/tasks.js";
import { distributionMean } from "../random/index.js";

/** One cluster's or team's figures, per term week unless said otherwise. */
export interface CapacityRow {
  readonly scope: "cluster" | "team";
  readonly id: string;
  /** Referrals expected per term week (seasonality averaged over the year's school days). */
  readonly referrals: number;
  /** Of them, accepted onto the waiting list (not signposted, consent given). */
  readonly accepted: number;
  /** Slots needed per term week: the accepted children's (1:1 with DNA rebooking, groups, MHST+) and `schoolWorkSlots`. */
  readonly demandSlots: number;
  /** Of the demand, consultations with school staff and whole-school requests on demand (slots per term week). */
  readonly schoolWorkSlots: number;
  /** Clinical slots per term week after supervision, admin, meetings and training. */
  readonly capacitySlots: number;
  /** Demand over capacity; null without capacity. */
  readonly ratio: number | null;
  /** Slots per accepted child, on average. */
  readonly slotsPerChild: number;
  /** Little's law: accepted per term week × the standard in weeks. */
  readonly standardList: number;
  /** The list on day 0 (`waitlist.initialPerCluster`). */
  readonly currentList: number;
  /** Extra slots per term week to bring the list to `standardList` within `clearWeeks` while meeting demand. */
  readonly extraSlots: number;
}

/** The analysis of a scenario. */
export interface CapacityAnalysis {
  readonly clearWeeks: number;
  /** School days in term over the horizon, divided by 5. */
  readonly termWeeks: number;
  readonly rows: readonly CapacityRow[];
  /** The simplifications, in words. */
  readonly assumptions: readonly string[];
}

/** The simplifications of {@link analyseCapacity}, printed with its table. */
export const CAPACITY_ASSUMPTIONS: readonly string[] = [
  "posts as staffed in their patterns: vacancies, turnover and university days are not counted",
  "a 1:1 case takes 1 + (sessions − 1) / (1 − dnaShare) slots: the first contact is attended, each DNA wastes a slot",
  "a group child takes slotsPerSession × weeks / ((minChildren + maxChildren) / 2) slots",
  "with an intervention catalogue, a child takes its route's slots (by need): a course's face-to-face sessions at slotsPerSession and its phone sessions at phoneSlots, a group's as above; an urgent child on a group route takes the fallback's",
    "consultations and whole-school requests on demand take their rate per school per term week × slots, in the school's cluster; consultations that become referrals add to the referrals",
  "the list the standard allows is accepted per term week × firstContactWeeks (Little's law); 'clearing' brings the list down to it",
];

/**
 * Demand, capacity and waiting-list figures per cluster and team.
 *
 * Cost: one calendar, structure and task build (as a run's set-up).
 * @throws RangeError when clearWeeks is not > 0.
 * @example analyseCapacity(model, 12).rows.find((r) => r.scope === "team")?.ratio
 */
export function analyseCapacity(model: ServiceModel, clearWeeks = 12): CapacityAnalysis {
  if (!(clearWeeks > 0)) throw new RangeError(`clearWeeks: ${clearWeeks} must be > 0`);
  const cal = buildCalendar(model.calendar);
  const st = buildStructure(model);
  const tasks = buildTasks(model, st, cal);
  const nC = model.clusters.length;
  let termDays = 0;
  let seasonDays = 0;
  for (const t of cal.terms) {
    termDays += t.days.length;
    seasonDays += t.days.length * (model.referrals.seasonality[t.name] ?? 1);
  }
  const termWeeks = termDays / 5;
  const season = termDays > 0 ? seasonDays / termDays : 1;

  // Capacity: segment slots, less the non-clinical time owed by each seat and the cluster's tasks.
  const half = model.casework.slotsPerDay / 2;
  const capacity = new Float64Array(nC);
  const seatCluster = new Int32Array(st.seatSupervision.length).fill(-1);
  for (let s = 0; s < st.segCluster.length; s++) {
    const c = st.segCluster[s];
    if (c < 0) continue;
    capacity[c] += st.segHalves[s] * half;
    if (st.segSeat[s] >= 0) seatCluster[st.segSeat[s]] = c;
  }
  seatCluster.forEach((c, k) => {
    if (c >= 0) capacity[c] -= st.seatSupervision[k] + st.seatAdmin[k];
  });
  for (let c = 0; c < nC; c++) {
    let slots = 0;
    for (let i = tasks.start[c]; i < tasks.start[c + 1]; i++) slots += tasks.slots[i];
    if (termWeeks > 0) capacity[c] -= slots / termWeeks;
  }

  // Demand: accepted children by route, times the slots each route takes.
  const r = model.referrals;
  const accept = (1 - model.triage.signpostShare) * (1 - model.triage.declineShare);
  const dna = Math.min(model.casework.dnaShare, 0.999);
  const perCase = (sessions: number) => 1 + Math.max(0, sessions - 1) / (1 - dna);
  const one = perCase(distributionMean(model.casework.sessions));
  const p = model.mhstPlus;
  const plus = perCase(distributionMean(p.assessmentSessions) + p.interventionShare * distributionMean(p.interventionSessions));
  const g = model.groups;
  const groupSlots = (g.slotsPerSession * g.weeks) / ((g.minChildren + g.maxChildren) / 2);
  const suited = g.enabled ? (1 - r.urgentShare) * NEEDS.reduce((s, n) => s + r.needMix[n] * (g.suitableShare[n] ?? 0), 0) : 0;
  // Slots an accepted child off the MHST+ pathway takes: by the catalogue's routes when it has one.
  const routine = model.interventions ? catalogueSlots(model, dna) : suited * groupSlots + (1 - suited) * one;
  const referrals = new Float64Array(nC);
  const schoolWork = new Float64Array(nC);
  const consult = model.consultations;
  const onDemand = model.wholeSchool?.onDemand;
  model.schools.forEach((s, i) => {
    const c = st.schoolCluster[i];
    // As the referral draws: a school's own rate, else the service's times its phase's multiplier.
    referrals[c] += (s.referralRate ?? r.ratePer1000PerWeek * (r.phaseRate?.[s.phase] ?? 1)) * (s.pupils / 1000) * season;
    // Consultations follow no seasonality (sim/model/school-work.ts); a share become referrals.
    if (consult) {
      referrals[c] += consult.ratePerSchoolPerWeek * consult.referralShare;
      schoolWork[c] += consult.ratePerSchoolPerWeek * consult.slots;
    }
    if (onDemand) schoolWork[c] += onDemand.ratePerSchoolPerWeek * onDemand.slots;
  });
  const stdWeeks = new Map(model.teams.map((t) => [t.id, t.firstContactWeeks ?? model.standards.firstContactWeeks]));
  const rowOf = (scope: CapacityRow["scope"], id: string, refs: number, work: number, cap: number, plusShare: number, list: number, weeks: number): CapacityRow => {
    const accepted = refs * accept;
    const slotsPerChild = plusShare * plus + (1 - plusShare) * routine;
    const demand = accepted * slotsPerChild + work;
    const standardList = accepted * weeks;
    const extra = Math.max(0, demand - cap + (Math.max(0, list - standardList) * slotsPerChild) / clearWeeks);
    return { scope, id, referrals: refs, accepted, demandSlots: demand, schoolWorkSlots: work, capacitySlots: cap, ratio: cap > 0 ? demand / cap : null, slotsPerChild, standardList, currentList: list, extraSlots: extra };
  };
  const plusShareOf = (team: number) => (p.enabled && st.teamHasPlus[team] ? r.mhstPlusShare : 0);
  const rows: CapacityRow[] = [];
  model.clusters.forEach((cl, c) => rows.push(rowOf("cluster", cl.id, referrals[c], schoolWork[c], capacity[c], plusShareOf(st.clusterTeam[c]), model.waitlist.initialPerCluster, stdWeeks.get(cl.team)!)));
  model.teams.forEach((t, k) => {
    const cs = [...st.teamClusters[k]];
    const sum = (a: ArrayLike<number>) => cs.reduce((s, c) => s + a[c], 0);
    rows.push(rowOf("team", t.id, sum(referrals), sum(schoolWork), sum(capacity), plusShareOf(k), cs.length * model.waitlist.initialPerCluster, stdWeeks.get(t.id)!));
  });
  return { clearWeeks, termWeeks, rows, assumptions: CAPACITY_ASSUMPTIONS };
}

/**
 * Slots an accepted child (not on MHST+) takes on average under the intervention catalogue:
 * need mix × route shares × each intervention's slots. A course of n sessions takes its first
 * contact's slotsPerSession, then (n − 1) sessions each divided by (1 − dnaShare), phone ones
 * (sessions 2, 4, …) at phoneSlots; a group child takes slotsPerSession × weeks over the mean
 * group size. An urgent child on a group route takes the fallback intervention.
 */
function catalogueSlots(model: ServiceModel, dna: number): number {
  const iv = model.interventions!;
  const r = model.referrals;
  const cost = iv.catalogue.map((x) => {
    if (x.form === "group") return (x.slotsPerSession * x.weeks) / ((x.minChildren + x.maxChildren) / 2);
    const n = distributionMean(x.sessions);
    const phone = Math.min(x.phoneSessions, Math.max(0, Math.floor(n / 2)));
    return x.slotsPerSession + ((Math.max(0, n - 1) - phone) * x.slotsPerSession + phone * x.phoneSlots) / (1 - dna);
  });
  const fb = Math.max(0, iv.catalogue.findIndex((x) => x.id === iv.fallback));
  return NEEDS.reduce((sum, need) => {
    const shares = iv.routes[need];
    if (!shares) return sum + r.needMix[need] * cost[fb];
    const slots = iv.catalogue.reduce((s, x, k) => {
      const share = shares[x.id] ?? 0;
      return s + share * (x.form === "group" ? (1 - r.urgentShare) * cost[k] + r.urgentShare * cost[fb] : cost[k]);
    }, 0);
    return sum + r.needMix[need] * slots;
  }, 0);
}
