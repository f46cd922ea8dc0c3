/**
 * The referral stream: every case of the run, drawn up front so that the referrals (days,
 * schools, needs, priorities) and each case's own later draws (triage, consent, patience,
 * group suitability, sessions) are identical whatever the staffing: common random numbers.
 *
 * Arrivals: for each term and school, a Poisson count with mean
 * rate × pupils/1000 × (in-term days / 5) × seasonality[term], spread uniformly over the
 * term's in-term days (a Poisson process on school days). In `linkMeeting` mode a case is
 * referred at its school's next link-worker meeting on or after that day (cases after the
 * last meeting within the horizon never reach the team). The initial waiting list comes
 * first: initialPerCluster routine cases per cluster at day 0, schools weighted by pupils.
 */

import { NEEDS, type ServiceModel } from "./config.js";
import type { SchoolCalendar } from "./calendar.js";
import { CaseTable } from "./cases.js";
import { discrete, poisson, sampler, type Streams } from "./draws.js";
import type { Structure } from "./structure.js";

/** Cases of one run with the age-band labels their `age` codes index. */
export interface Referrals {
  readonly cases: CaseTable;
  readonly ageLabels: readonly string[];
}

interface Raw {
  day: number;
  school: number;
  need: number;
  age: number;
  urgent: number;
  plus: number;
  initial: number;
}

/** Draws every referral of the run and its per-case attributes. */
export function drawReferrals(model: ServiceModel, st: Structure, cal: SchoolCalendar, rs: Streams, meetings: readonly Int32Array[]): Referrals {
  const r = model.referrals;
  const s = rs.referrals;
  const primary = r.ageBands.primary;
  const other = r.ageBands.other;
  const ageLabels = [...primary.map((b) => b.label), ...other.map((b) => b.label)];
  const agePrimary = discrete(primary.map((_, i) => i), primary.map((b) => b.share));
  const ageOther = discrete(other.map((_, i) => primary.length + i), other.map((b) => b.share));
  const needOf = discrete(NEEDS.map((_, i) => i), NEEDS.map((n) => r.needMix[n]));
  const raw: Raw[] = [];
  const attrs = (day: number, school: number, initial: number) => {
    const phase = model.schools[school].phase;
    raw.push({
      day,
      school,
      initial,
      need: needOf(s),
      age: phase === "primary" ? agePrimary(s) : ageOther(s),
      urgent: s.next() < r.urgentShare && !initial ? 1 : 0,
      plus: s.next() < r.mhstPlusShare ? 1 : 0,
    });
  };
  model.clusters.forEach((_, c) => {
    const schools = st.clusterSchools[c];
    if (schools.length === 0) return;
    const pick = discrete(schools, schools.map((i) => model.schools[i].pupils));
    for (let i = 0; i < model.waitlist.initialPerCluster; i++) attrs(0, pick(s), 1);
  });
  const nInitial = raw.length;
  for (const t of cal.terms) {
    const n = t.days.length;
    const season = r.seasonality[t.name] ?? 1;
    model.schools.forEach((sc, i) => {
      const mean = (sc.referralRate ?? r.ratePer1000PerWeek) * (sc.pupils / 1000) * (n / 5) * season;
      const count = n > 0 ? poisson(mean)(s) : 0;
      for (let j = 0; j < count; j++) {
        let day = t.days[Math.floor(s.next() * n)];
        if (r.mode === "linkMeeting") day = nextMeeting(meetings[i], day);
        attrs(day, i, 0);
      }
    });
  }
  const arrivals = raw.slice(nInitial).filter((x) => x.day >= 0 && x.day < cal.horizonDays);
  // Stable: same-day referrals keep their draw order.
  arrivals.sort((a, b) => a.day - b.day);
  const all = raw.slice(0, nInitial).concat(arrivals);
  const cases = new CaseTable(all.length);
  all.forEach((x, id) => {
    cases.school[id] = x.school;
    cases.cluster[id] = st.schoolCluster[x.school];
    cases.team[id] = st.clusterTeam[cases.cluster[id]];
    cases.need[id] = x.need;
    cases.age[id] = x.age;
    cases.urgent[id] = x.urgent;
    cases.plusEligible[id] = x.plus;
    cases.initial[id] = x.initial;
    cases.referralDay[id] = x.day;
  });
  drawCaseAttributes(model, cases, rs);
  return { cases, ageLabels };
}

function nextMeeting(days: Int32Array, day: number): number {
  for (let i = 0; i < days.length; i++) if (days[i] >= day) return days[i];
  return -1;
}

const whole = (x: number, min: number) => Math.max(min, Math.round(x));

/** Each case's own draws, one stream per mechanism, in case order. */
function drawCaseAttributes(model: ServiceModel, c: CaseTable, rs: Streams): void {
  const tr = model.triage;
  const triageDays = sampler(tr.triageDays, "triage.triageDays");
  const consentDays = sampler(tr.consentDays, "triage.consentDays");
  const patience = model.waitlist.patienceWeeks ? sampler(model.waitlist.patienceWeeks, "waitlist.patienceWeeks") : null;
  const sessions = sampler(model.casework.sessions, "casework.sessions");
  const assess = sampler(model.mhstPlus.assessmentSessions, "mhstPlus.assessmentSessions");
  const intervention = sampler(model.mhstPlus.interventionSessions, "mhstPlus.interventionSessions");
  const suit = NEEDS.map((n) => model.groups.suitableShare[n] ?? 0);
  for (let i = 0; i < c.n; i++) {
    c.triageDelay[i] = whole(triageDays(rs.triage), 0);
    c.signpost[i] = rs.triage.next() < tr.signpostShare ? 1 : 0;
    c.consentDelay[i] = whole(consentDays(rs.consent), 0);
    c.decline[i] = rs.consent.next() < tr.declineShare ? 1 : 0;
    c.patience[i] = patience ? whole(patience(rs.withdrawal) * 7, 0) : -1;
    c.suitable[i] = rs.groups.next() < suit[c.need[i]] ? 1 : 0;
    c.needed[i] = whole(sessions(rs.sessions), 1);
    c.stepUp[i] = rs.sessions.next() < model.casework.stepUpShare ? 1 : 0;
    const a = whole(assess(rs.sessions), 1);
    const more = rs.sessions.next() < model.mhstPlus.interventionShare;
    const b = whole(intervention(rs.sessions), 1);
    c.plusNeeded[i] = a + (more ? b : 0);
  }
}
