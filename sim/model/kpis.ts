/**
 * KPIs of one replication over the whole service, one team or one cluster: free functions
 * over the run's records. When the records come straight from `simulate`, the KPIs are read
 * from the run's columns (no record objects are built); otherwise from the record arrays.
 * Both paths fill the same tally, so they give the same numbers.
 */

import { CaseState, OutcomeCode } from "./cases.js";
import { CF, F } from "./recorder.js";
import { ACTIVITIES, KPI_NAMES, type RunRecords } from "./records.js";
import { COLUMNS, type RunColumns } from "./run-records.js";

/** Scope of a KPI computation: the whole service (empty), one team, or one cluster. */
export interface KpiScope {
  readonly team?: string;
  readonly cluster?: string;
}

const COUNTS = ["referrals", "initialWaiting", "signposted", "declined", "accepted", "started", "completed", "steppedUp", "withdrawn", "waitlistEnd", "inTriageEnd", "openEnd"] as const;
type Count = (typeof COUNTS)[number];

interface Tally {
  counts: Record<Count, number>;
  /** Waits (referral → first contact) of started cases, days. */
  waits: number[];
  contacts: number;
  slots: number[];
}

/**
 * KPIs of one replication. Keys: every `KPI_NAMES` entry, `utilisation.<activity>` for each
 * activity, and the extra counts `initialWaiting`, `declined`, `inTriageEnd`, `openEnd`
 * (definitions in `KPI_DOCS`). Conservation: referrals + initialWaiting = signposted +
 * declined + started + withdrawn + waitlistEnd + inTriageEnd.
 *
 * Cost: O(cases + weeks × clusters in scope).
 * @example
 * computeKpis(simulate(model, { seed: 1, replication: 0 }), { cluster: "north" }).waitWeeksMedian;
 */
export function computeKpis(records: RunRecords, scope: KpiScope = {}): Record<string, number> {
  const cols = (records as unknown as { [COLUMNS]?: RunColumns })[COLUMNS];
  return finish(cols ? fromColumns(cols, scope) : fromRecords(records, scope), records.horizonDays);
}

function emptyTally(): Tally {
  const counts = {} as Record<Count, number>;
  for (const k of COUNTS) counts[k] = 0;
  return { counts, waits: [], contacts: 0, slots: ACTIVITIES.map(() => 0) };
}

function fromRecords(records: RunRecords, scope: KpiScope): Tally {
  const inScope = (r: { team: string; cluster: string }) =>
    (scope.team === undefined || r.team === scope.team) && (scope.cluster === undefined || r.cluster === scope.cluster);
  const t = emptyTally();
  const k = t.counts;
  for (const c of records.cases) {
    if (!inScope(c)) continue;
    if (c.initial) k.initialWaiting++;
    else k.referrals++;
    if (!c.initial && c.consentDay !== null && c.outcome !== "declined") k.accepted++;
    if (c.firstContactDay !== null) {
      k.started++;
      t.waits.push(c.firstContactDay - c.referralDay);
    }
    const o = c.outcome;
    if (o === "waiting") k.waitlistEnd++;
    else if (o === "inTriage") k.inTriageEnd++;
    else if (o === "open") k.openEnd++;
    else k[o]++;
  }
  for (const w of records.weeks) {
    if (!inScope(w)) continue;
    t.contacts += w.contacts;
    ACTIVITIES.forEach((a, i) => (t.slots[i] += w.slots[a]));
  }
  return t;
}

const CODE_COUNT: Record<number, Count> = {
  [OutcomeCode.Signposted]: "signposted",
  [OutcomeCode.Declined]: "declined",
  [OutcomeCode.Withdrawn]: "withdrawn",
  [OutcomeCode.Completed]: "completed",
  [OutcomeCode.SteppedUp]: "steppedUp",
};

function fromColumns(cols: RunColumns, scope: KpiScope): Tally {
  const { model, cases: c, rec } = cols;
  const ok = new Uint8Array(model.clusters.length);
  model.clusters.forEach((cl, i) => {
    ok[i] = (scope.team === undefined || cl.team === scope.team) && (scope.cluster === undefined || cl.id === scope.cluster) ? 1 : 0;
  });
  const t = emptyTally();
  const k = t.counts;
  for (let i = 0; i < c.n; i++) {
    if (!ok[c.cluster[i]]) continue;
    const initial = c.initial[i] === 1;
    if (initial) k.initialWaiting++;
    else k.referrals++;
    const s = c.state[i];
    if (!initial && c.consentDay[i] >= 0 && c.outcome[i] !== OutcomeCode.Declined) k.accepted++;
    if (c.firstDay[i] >= 0) {
      k.started++;
      t.waits.push(c.firstDay[i] - c.referralDay[i]);
    }
    if (s === CaseState.Closed) k[CODE_COUNT[c.outcome[i]]]++;
    else if (s === CaseState.Waiting) k.waitlistEnd++;
    else if (s === CaseState.Open) k.openEnd++;
    else k.inTriageEnd++;
  }
  const a = rec.cw;
  for (let w = 0; w < rec.weeks; w++) {
    for (let cl = 0; cl < rec.nC; cl++) {
      if (!ok[cl]) continue;
      const o = (w * rec.nC + cl) * CF;
      t.contacts += a[o + F.contacts];
      for (let j = 0; j < ACTIVITIES.length; j++) t.slots[j] += a[o + F.SLOTS + j];
    }
  }
  return t;
}

function finish(t: Tally, horizonDays: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of KPI_NAMES) out[name] = 0;
  Object.assign(out, t.counts);
  const waits = Float64Array.from(t.waits).sort();
  const n = waits.length;
  let sum = 0;
  let within = 0;
  for (let i = 0; i < n; i++) {
    sum += waits[i];
    if (waits[i] <= 28) within++;
  }
  out.waitWeeksMean = n ? sum / n / 7 : NaN;
  out.waitWeeksMedian = n ? (n % 2 ? waits[(n - 1) / 2] : (waits[n / 2 - 1] + waits[n / 2]) / 2) / 7 : NaN;
  out.waitWeeksP90 = n ? waits[Math.max(0, Math.ceil(0.9 * n) - 1)] / 7 : NaN;
  // A share (0–1), so that targets read as in planning documents: `pctStartedWithin4Weeks >= 0.9`.
  out.pctStartedWithin4Weeks = n ? within / n : NaN;
  const nWeeks = horizonDays / 7;
  out.contactsPerWeek = nWeeks > 0 ? t.contacts / nWeeks : 0;
  const s = t.slots;
  const total = s.reduce((x, y) => x + y, 0);
  const at = (a: string) => s[ACTIVITIES.indexOf(a as never)];
  const clinical = at("oneToOne") + at("group") + at("mhstPlus");
  const clinicalAvailable = clinical + at("dna") + at("idle");
  out.utilisation = clinicalAvailable > 0 ? clinical / clinicalAvailable : 0;
  ACTIVITIES.forEach((a, i) => (out[`utilisation.${a}`] = total > 0 ? s[i] / total : 0));
  return out;
}
