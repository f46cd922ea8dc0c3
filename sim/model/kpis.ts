/**
 * KPIs of one replication over the whole service, one team or one cluster: free functions
 * over the run's records. When the records come straight from `simulate`, the KPIs are read
 * from the run's columns (no record objects are built); otherwise from the record arrays.
 * Both paths fill the same tally, so they give the same numbers.
 */

import { CaseState, OutcomeCode } from "./cases.js";
import { CI, CODE_COUNT, COUNTS, finishKpis } from "./kpi-tally.js";
import { CF, F } from "./recorder.js";
import { ACTIVITIES, type RunRecords } from "./records.js";
import { COLUMNS, type RunColumns } from "./run-records.js";

/** Scope of a KPI computation: the whole service (empty), one team, or one cluster. */
export interface KpiScope {
  readonly team?: string;
  readonly cluster?: string;
}

interface Counting {
  counts: Float64Array;
  waits: number[];
  contacts: number;
  slots: Float64Array;
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
  const t = cols ? fromColumns(cols, scope) : fromRecords(records, scope);
  return finishKpis({ ...t, waits: Float64Array.from(t.waits) }, records.horizonDays);
}

function emptyTally(): Counting {
  return { counts: new Float64Array(COUNTS.length), waits: [], contacts: 0, slots: new Float64Array(ACTIVITIES.length) };
}

function fromRecords(records: RunRecords, scope: KpiScope): Counting {
  const inScope = (r: { team: string; cluster: string }) =>
    (scope.team === undefined || r.team === scope.team) && (scope.cluster === undefined || r.cluster === scope.cluster);
  const t = emptyTally();
  const k = t.counts;
  for (const c of records.cases) {
    if (!inScope(c)) continue;
    if (c.initial) k[CI.initialWaiting]++;
    else k[CI.referrals]++;
    if (!c.initial && c.consentDay !== null && c.outcome !== "declined") k[CI.accepted]++;
    if (c.firstContactDay !== null) {
      k[CI.started]++;
      t.waits.push(c.firstContactDay - c.referralDay);
    }
    const o = c.outcome;
    k[o === "waiting" ? CI.waitlistEnd : o === "inTriage" ? CI.inTriageEnd : o === "open" ? CI.openEnd : CI[o]]++;
  }
  for (const w of records.weeks) {
    if (!inScope(w)) continue;
    t.contacts += w.contacts;
    ACTIVITIES.forEach((a, i) => (t.slots[i] += w.slots[a]));
  }
  return t;
}

function fromColumns(cols: RunColumns, scope: KpiScope): Counting {
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
    if (initial) k[CI.initialWaiting]++;
    else k[CI.referrals]++;
    const s = c.state[i];
    if (!initial && c.consentDay[i] >= 0 && c.outcome[i] !== OutcomeCode.Declined) k[CI.accepted]++;
    if (c.firstDay[i] >= 0) {
      k[CI.started]++;
      t.waits.push(c.firstDay[i] - c.referralDay[i]);
    }
    if (s === CaseState.Closed) k[CODE_COUNT[c.outcome[i]]]++;
    else if (s === CaseState.Waiting) k[CI.waitlistEnd]++;
    else if (s === CaseState.Open) k[CI.openEnd]++;
    else k[CI.inTriageEnd]++;
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
