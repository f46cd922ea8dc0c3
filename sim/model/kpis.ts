/**
 * KPIs of one replication over the whole service, one team or one cluster: free functions
 * over the flat records.
 */

import { ACTIVITIES, KPI_NAMES, type CaseRecord, type RunRecords, type WeekClusterRecord } from "./records.js";

/** Scope of a KPI computation: the whole service (empty), one team, or one cluster. */
export interface KpiScope {
  readonly team?: string;
  readonly cluster?: string;
}

/**
 * KPIs of one replication. Keys: every `KPI_NAMES` entry, `utilisation.<activity>` for each
 * activity, and the extra counts `initialWaiting`, `declined`, `inTriageEnd`, `openEnd`
 * (definitions in `KPI_DOCS`). Conservation: referrals + initialWaiting = signposted +
 * declined + started + withdrawn + waitlistEnd + inTriageEnd.
 *
 * Cost: O(cases + weeks in scope).
 * @example
 * computeKpis(simulate(model, { seed: 1, replication: 0 }), { cluster: "north" }).waitWeeksMedian;
 */
export function computeKpis(records: RunRecords, scope: KpiScope = {}): Record<string, number> {
  const inScope = (r: { team: string; cluster: string }) =>
    (scope.team === undefined || r.team === scope.team) && (scope.cluster === undefined || r.cluster === scope.cluster);
  const cases: CaseRecord[] = records.cases.filter(inScope);
  const weeks: WeekClusterRecord[] = records.weeks.filter(inScope);
  const out: Record<string, number> = {};
  for (const k of KPI_NAMES) out[k] = 0;
  let initial = 0;
  let declined = 0;
  let inTriage = 0;
  let open = 0;
  const waits: number[] = [];
  for (const c of cases) {
    if (c.initial) initial++;
    else out.referrals++;
    if (!c.initial && c.consentDay !== null && c.outcome !== "declined") out.accepted++;
    if (c.firstContactDay !== null) {
      out.started++;
      waits.push(c.firstContactDay - c.referralDay);
    }
    switch (c.outcome) {
      case "signposted": out.signposted++; break;
      case "declined": declined++; break;
      case "withdrawn": out.withdrawn++; break;
      case "completed": out.completed++; break;
      case "steppedUp": out.steppedUp++; break;
      case "waiting": out.waitlistEnd++; break;
      case "inTriage": inTriage++; break;
      case "open": open++; break;
    }
  }
  waits.sort((a, b) => a - b);
  const n = waits.length;
  out.waitWeeksMean = n ? waits.reduce((a, b) => a + b, 0) / n / 7 : NaN;
  out.waitWeeksMedian = n ? (n % 2 ? waits[(n - 1) / 2] : (waits[n / 2 - 1] + waits[n / 2]) / 2) / 7 : NaN;
  out.waitWeeksP90 = n ? waits[Math.max(0, Math.ceil(0.9 * n) - 1)] / 7 : NaN;
  out.pctStartedWithin4Weeks = n ? (100 * waits.filter((w) => w <= 28).length) / n : NaN;
  const nWeeks = records.horizonDays / 7;
  const slots: Record<string, number> = Object.fromEntries(ACTIVITIES.map((a) => [a, 0]));
  let contacts = 0;
  for (const w of weeks) {
    contacts += w.contacts;
    for (const a of ACTIVITIES) slots[a] += w.slots[a];
  }
  out.contactsPerWeek = nWeeks > 0 ? contacts / nWeeks : 0;
  const total = ACTIVITIES.reduce((s, a) => s + slots[a], 0);
  const clinical = slots.oneToOne + slots.group + slots.mhstPlus;
  const clinicalAvailable = clinical + slots.dna + slots.idle;
  out.utilisation = clinicalAvailable > 0 ? clinical / clinicalAvailable : 0;
  for (const a of ACTIVITIES) out[`utilisation.${a}`] = total > 0 ? slots[a] / total : 0;
  out.initialWaiting = initial;
  out.declined = declined;
  out.inTriageEnd = inTriage;
  out.openEnd = open;
  return out;
}
