/**
 * {@link computeKpisByScope}'s reader of record arrays, for records without the run's columns
 * (a filtered copy, a test fixture, another simulator's records).
 */

import { CI, finishKpis, tallyStandard, WEEK_COUNTS } from "./kpi-tally.js";
import { ACTIVITIES, type RunRecords } from "./records.js";
import { NA, NK, NW, sums, type Resolved, type ScopeList, type ScopedKpis } from "./scoped-kpis.js";
import { waitBin } from "./wait-bins.js";

/** Teams and clusters named by the records, in order of first appearance. */
export function scopesOf(records: RunRecords): ScopeList {
  const teams = new Map<string, { id: string }>();
  const clusters = new Map<string, { id: string; team: string }>();
  for (const r of [...records.cases, ...records.weeks]) {
    if (!teams.has(r.team)) teams.set(r.team, { id: r.team });
    if (!clusters.has(r.cluster)) clusters.set(r.cluster, { id: r.cluster, team: r.team });
  }
  return { teams: [...teams.values()], clusters: [...clusters.values()] };
}

// Each record is added to its service, team and cluster tallies in record order, exactly as
// computeKpis's record path adds it to one scope's (so sums of fractional values match too).
export function fromRecords(records: RunRecords, o: Resolved, list: ScopeList): ScopedKpis {
  const teamIds = o.teams ? list.teams.map((t) => t.id) : [];
  const clusterIds = o.clusters ? list.clusters.map((c) => c.id) : [];
  const nT = teamIds.length;
  const teamAt = new Map(teamIds.map((id, i) => [id, 1 + i]));
  const clusterAt = new Map(clusterIds.map((id, i) => [id, 1 + nT + i]));
  const nS = 1 + nT + clusterIds.length;
  const s = sums(nS);
  const waits: number[][] = Array.from({ length: nS }, () => []);
  const kms: number[][] = Array.from({ length: nS }, () => []);
  const nb = o.bins + 1;
  const hist = new Float64Array((1 + clusterIds.length) * nb);
  const fromDay = 7 * o.warm;
  // Day the run ended: a copy with its warm-up dropped says how many days it left out.
  const runEnd = (records.warmupDays ?? 0) + records.horizonDays;
  const targets = (r: { team: string; cluster: string }) => {
    const out = [0];
    const t = teamAt.get(r.team);
    const c = clusterAt.get(r.cluster);
    if (t !== undefined) out.push(t);
    if (c !== undefined) out.push(c);
    return out;
  };
  for (const c of records.cases) {
    if (c.referralDay < fromDay) continue;
    const o2 = c.outcome;
    const end = o2 === "waiting" ? CI.waitlistEnd : o2 === "inTriage" ? CI.inTriageEnd : o2 === "open" ? CI.openEnd : CI[o2];
    const wait = c.firstContactDay === null ? null : c.firstContactDay - c.referralDay;
    const accepted = c.consentDay !== null && o2 !== "declined";
    for (const x of targets(c)) {
      const at = x * NK;
      s.counts[at + (c.initial ? CI.initialWaiting : CI.referrals)]++;
      if (!c.initial && accepted) s.counts[at + CI.accepted]++;
      const km = tallyStandard(s.counts, at, c.referralDay, c.standardDays, accepted, c.firstContactDay ?? -1, o2 === "waiting", c.endDay ?? -1, runEnd);
      if (km >= 0) kms[x].push(km);
      if (wait !== null) {
        s.counts[at + CI.started]++;
        s.concern[x] += c.firstContactDay! - c.concernDay;
        waits[x].push(wait);
      }
      s.counts[at + end]++;
    }
    if (wait !== null) {
      const b = waitBin(wait, o.bins);
      hist[b]++;
      const ci = clusterAt.get(c.cluster);
      if (ci !== undefined) hist[(ci - nT) * nb + b]++;
    }
  }
  for (const w of records.weeks) {
    if (w.week < o.warm) continue;
    for (const x of targets(w)) {
      s.contacts[x] += w.contacts;
      ACTIVITIES.forEach((a, j) => (s.slots[x * NA + j] += w.slots[a] ?? 0));
      WEEK_COUNTS.forEach((f, j) => (s.weekCounts[x * NW + j] += w[f] ?? 0));
    }
  }
  const nW = Math.max(0, Math.ceil(records.horizonDays / 7));
  const nF = o.fields.length;
  const weekly = new Float64Array((1 + clusterIds.length) * nF * nW);
  for (const w of records.weeks) {
    if (w.week < 0 || w.week >= nW) continue;
    const ci = clusterAt.get(w.cluster);
    o.fields.forEach((f, j) => {
      weekly[j * nW + w.week] += w[f];
      if (ci !== undefined) weekly[((ci - nT) * nF + j) * nW + w.week] += w[f];
    });
  }
  const horizon = Math.max(0, records.horizonDays - fromDay);
  const kpisOf = (x: number) =>
    finishKpis({ counts: s.counts.subarray(x * NK, (x + 1) * NK), waits: Float64Array.from(waits[x]), contacts: s.contacts[x], slots: s.slots.subarray(x * NA, (x + 1) * NA), km: Float64Array.from(kms[x]), concernWait: s.concern[x], weekCounts: s.weekCounts.subarray(x * NW, (x + 1) * NW), mechanisms: records.mechanisms }, horizon);
  return {
    service: kpisOf(0),
    teams: new Map(teamIds.map((id, i) => [id, kpisOf(1 + i)])),
    clusters: new Map(clusterIds.map((id, i) => [id, kpisOf(1 + nT + i)])),
    clusterIds,
    waitHistogram: { bins: o.bins, data: hist },
    weekly: { fields: o.fields, weeks: nW, data: weekly },
  };
}
