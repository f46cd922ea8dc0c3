import { horizonDaysOf } from "../model/calendar.js";
import type { ServiceModel, Term } from "../model/config.js";

/** Days a simulated school year takes (the model repeats the year every 364 days). */
const YEAR_DAYS = 364;
/** Segments a practitioner's day is cut into (five days of two half-days, per slot row). */
const SEGMENTS_PER_DAY = 10;

/** What a run of one scenario costs, in the units the simulator spends its time on. */
export interface WorkEstimate {
  /**
   * Expected referrals in one replication: rate × phase multiplier × pupils/1000 × in-term weeks ×
   * seasonality, × years (with a horizon, the in-term weeks inside it), plus the referrals that
   * consultations bring.
   */
  readonly referralsPerReplication: number;
  /** Children on the waiting lists at day 0: `waitlist.initialPerCluster` × clusters. */
  readonly initialCases: number;
  /** Simulated days: `calendar.horizonDays`, by default `calendar.years` × 364. */
  readonly horizonDays: number;
  /** Practitioner day segments: practitioners × 10 × horizon days. */
  readonly practitionerSegments: number;
  /** The sum of the four above: work units of one replication. */
  readonly perReplication: number;
  /** Replications × evaluations (a solve evaluates several grid points). */
  readonly runs: number;
  /** Work units of the whole run: `perReplication` × `runs`. */
  readonly total: number;
  /** The scenario field (or `replications`) that makes the run big, with its value and what it gives. */
  readonly driver: { readonly field: string; readonly value: number; readonly gives: string };
}

/** Days since 1970-01-01 of an ISO date. */
const dayNum = (a: string): number => Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10)) / 86_400_000;

/** Weekdays from `a` to `b` inclusive (ISO dates). */
function weekdays(a: string, b: string): number {
  return weekdaysBetween(dayNum(a), dayNum(b));
}

/** Weekdays from day number `from` to `to` inclusive. */
function weekdaysBetween(from: number, to: number): number {
  if (!(to >= from)) return 0;
  const days = to - from + 1;
  let n = Math.floor(days / 7) * 5;
  // 1970-01-01 was a Thursday: day d is a weekday when (d + 3) mod 7 < 5 (Monday = 0).
  for (let d = from + Math.floor(days / 7) * 7; d <= to; d++) if ((((d + 3) % 7) + 7) % 7 < 5) n++;
  return n;
}

/**
 * In-term weeks (weekdays outside half-term, / 5) of one template term over `years` years,
 * each year shifted 364 days, inside days 0..horizon−1 from day number `day0`.
 */
function termWeeksInside(t: Term, day0: number, horizon: number, years: number): number {
  const last = day0 + horizon - 1;
  const [start, end] = [dayNum(t.start), dayNum(t.end)];
  const [hs, he] = t.halfTerm ? [dayNum(t.halfTerm.start), dayNum(t.halfTerm.end)] : [0, -1];
  const full = weekdaysBetween(start, end) - weekdaysBetween(hs, he);
  let n = 0;
  for (let y = 0; y < years; y++) {
    const off = y * YEAR_DAYS;
    const a = Math.max(day0, start + off);
    const b = Math.min(last, end + off);
    if (b < a) continue;
    // A year wholly inside the horizon counts the whole term (364 days keep the weekdays).
    if (a === start + off && b === end + off) n += full;
    else n += weekdaysBetween(a, b) - weekdaysBetween(Math.max(a, hs + off), Math.min(b, he + off));
  }
  return Math.max(0, n) / 5;
}

const own = (o: Readonly<Record<string, number>>, k: string) => (Object.hasOwn(o, k) ? o[k] : 1);

/** "3.1e15" for big numbers, plain below a million. */
export const roughly = (x: number): string => (!Number.isFinite(x) ? String(x) : Math.abs(x) < 1e6 ? String(Math.round(x)) : x.toExponential(1).replace("e+", "e"));

/**
 * Estimates the work of running a frozen scenario `replications` times (× `evaluations`, the
 * grid points a solve visits), and names the field that drives it: the one furthest above a
 * typical value among the factors of the largest term. Pure; cost O(schools + terms).
 * @example estimateWork(model, 20).total // about 5.2e5 for trailblazer-team
 */
export function estimateWork(model: ServiceModel, replications: number, evaluations = 1): WorkEstimate {
  const r = model.referrals;
  const termWeeks = model.calendar.terms.map((t) => {
    const half = t.halfTerm ? weekdays(t.halfTerm.start, t.halfTerm.end) : 0;
    return { name: t.name, weeks: Math.max(0, weekdays(t.start, t.end) - half) / 5, factor: own(r.seasonality, t.name) };
  });
  const cal = model.calendar;
  const years = cal.years;
  const horizonDays = horizonDaysOf(cal);
  // With a horizon, the in-term weeks inside it (referrals drawn past its end are never simulated).
  const weeksInRun = cal.horizonDays === undefined
    ? termWeeks.reduce((s, t) => s + t.weeks * t.factor, 0) * years
    : cal.terms.reduce((s, t, i) => s + termWeeksInside(t, dayNum(cal.startDate), horizonDays, years) * termWeeks[i].factor, 0);
  let referrals = 0;
  let top = { i: -1, amount: -1 };
  const consultationsPerSchool = (model.consultations?.ratePerSchoolPerWeek ?? 0) * weeksInRun;
  const referralShare = model.consultations?.referralShare ?? 0;
  model.schools.forEach((s, i) => {
    // The phase multiplier as the model draws them; consultations add the referrals they bring.
    const amount = (s.referralRate ?? r.ratePer1000PerWeek * (r.phaseRate?.[s.phase] ?? 1)) * (s.pupils / 1000) * weeksInRun + consultationsPerSchool * referralShare;
    referrals += amount;
    if (amount > top.amount) top = { i, amount };
  });
  const initialCases = model.waitlist.initialPerCluster * model.clusters.length;
  const practitionerSegments = model.practitioners.length * SEGMENTS_PER_DAY * horizonDays;
  // Each consultation is a task of its own as well.
  const perReplication = referrals + initialCases + horizonDays + practitionerSegments + consultationsPerSchool * model.schools.length;
  const runs = replications * evaluations;

  // Each candidate: a field, its value, and how far above a typical value it sits.
  const candidates: { field: string; value: number; ratio: number; gives: string }[] = [];
  const per = (x: number, noun: string) => `about ${roughly(x)} ${noun} per replication`;
  const biggest = Math.max(referrals, initialCases, practitionerSegments, horizonDays);
  if (biggest === referrals && top.i >= 0) {
    const s = model.schools[top.i];
    const gives = per(referrals, "referrals");
    if (s.referralRate !== undefined) candidates.push({ field: `schools[${s.id}].referralRate`, value: s.referralRate, ratio: s.referralRate / 5, gives });
    else candidates.push({ field: "referrals.ratePer1000PerWeek", value: r.ratePer1000PerWeek, ratio: r.ratePer1000PerWeek / 5, gives });
    candidates.push({ field: `schools[${s.id}].pupils`, value: s.pupils, ratio: s.pupils / 3000, gives });
    candidates.push({ field: "schools", value: model.schools.length, ratio: model.schools.length / 20_000, gives });
    for (const t of termWeeks) candidates.push({ field: `referrals.seasonality.${t.name}`, value: t.factor, ratio: t.factor / 3, gives });
  } else if (biggest === initialCases) {
    candidates.push({ field: "waitlist.initialPerCluster", value: model.waitlist.initialPerCluster, ratio: model.waitlist.initialPerCluster / 100, gives: per(initialCases, "children on the initial lists") });
    candidates.push({ field: "clusters", value: model.clusters.length, ratio: model.clusters.length / 5000, gives: per(initialCases, "children on the initial lists") });
  } else {
    candidates.push({ field: "practitioners", value: model.practitioners.length, ratio: model.practitioners.length / 5000, gives: per(practitionerSegments, "practitioner day segments") });
  }
  const horizonGives = `${roughly(horizonDays)} days, ${per(perReplication, "work units")}`;
  if (cal.horizonDays === undefined) candidates.push({ field: "calendar.years", value: years, ratio: years / 5, gives: horizonGives });
  else candidates.push({ field: "calendar.horizon", value: horizonDays / 7, ratio: horizonDays / YEAR_DAYS / 5, gives: `${roughly(horizonDays / 7)} weeks, ${horizonGives}` });
  candidates.push({ field: "replications", value: replications, ratio: runs / 1000, gives: `about ${roughly(perReplication * runs)} work units (${roughly(perReplication)} per replication × ${runs} replications)` });
  const driver = candidates.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  return {
    referralsPerReplication: referrals,
    initialCases,
    horizonDays,
    practitionerSegments,
    perReplication,
    runs,
    total: perReplication * runs,
    driver: { field: driver.field, value: driver.value, gives: driver.gives },
  };
}

/**
 * Refuses a run whose estimated work is beyond `limit`, with one line naming the field that
 * drives it: `referrals.ratePer1000PerWeek: 1e12 gives about 3.1e15 referrals per replication;
 * the run is about 6.2e16 work units, limit 5e9`.
 * @throws RangeError when `estimate.total` exceeds `limit` (or is not finite).
 */
export function checkWork(estimate: WorkEstimate, limit: number): void {
  if (estimate.total <= limit) return;
  const d = estimate.driver;
  throw new RangeError(`${d.field}: ${roughly(d.value)} gives ${d.gives}; the run is about ${roughly(estimate.total)} work units, limit ${roughly(limit)}`);
}

/** Default limit of {@link checkWork}: about ten times the model benchmarks (national-2025, 3 years × 10 replications, is about 4.7e8). */
export const DEFAULT_MAX_RUN_WORK = 5e9;
