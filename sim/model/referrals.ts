/**
 * The referral stream: every case of the run, drawn up front so that the referrals (days,
 * schools, needs, priorities) and each case's own later draws (triage, consent, patience,
 * group suitability, sessions) are identical whatever the staffing: common random numbers.
 * Draws are keyed by position (see KeyedStream): a school's referrals in a term by (school,
 * term), and each referral's own draws by (school, term, its number in that term), so that
 * neither a label, nor a list's length, nor another school's numbers can shift them.
 *
 * Arrivals: for each term and school, a Poisson count with mean
 * rate × pupils/1000 × (in-term days / 5) × seasonality[term], spread uniformly over the
 * term's in-term days (a Poisson process on school days): the concern day. In `linkMeeting`
 * mode a case is referred at its school's next link-worker meeting on or after its concern day
 * (the concern day is kept: the wait from concern is measured too; cases after the
 * last meeting within the horizon never reach the team); the first meeting also brings the
 * referrals of the term before day 0, so the service starts in its steady pattern. The initial waiting list comes
 * first: initialPerCluster routine cases per cluster at day 0, schools weighted by pupils
 * (stream "initial"). Drawn delays are rounded to whole days and session counts to whole
 * numbers of at least 1; patience weeks become whole days.
 */

import { NEEDS, type AgeBands, type ServiceModel } from "./config.js";
import { YEAR_DAYS, type SchoolCalendar } from "./calendar.js";
import { CaseTable, upToFar } from "./cases.js";
import { FORM_GROUP, interventionTable, routeOf } from "./interventions.js";
import { discrete, sampler, type Stream, type Streams } from "./draws.js";
import { consultationStream, CONSULTATION_KEY, type SchoolWork } from "./school-work.js";
import type { Structure } from "./structure.js";
import { poissonDraw, type Sampler } from "../random/index.js";
import { handBack, scratchInt32, ScratchUse } from "./scratch.js";

/** Cases of one run with the age-band labels their `age` codes index. */
export interface Referrals {
  readonly cases: CaseTable;
  readonly ageLabels: readonly string[];
  /** 1 for each case (by id) that came from a consultation; null without consultations. */
  readonly fromConsultation: Uint8Array | null;
  /** The cases' later draws (consent, course), made when the run needs them. */
  readonly draws: CaseDraws;
}

/** Growable columns of drawn referrals before they are put in day order. */
class RawReferrals {
  n = 0;
  /** Days (referral, concern) in 16 bits: they lie within a year of the horizon (see FAR in cases.ts). */
  day: Int16Array;
  school: Int32Array;
  need: Uint8Array;
  age: Uint8Array;
  urgent: Uint8Array;
  plus: Uint8Array;
  concern: Int16Array;
  keyA: Int32Array;
  keyB: Int32Array;

  constructor(capacity = 1024) {
    const m = Math.max(1024, capacity);
    this.day = new Int16Array(m);
    this.school = new Int32Array(m);
    this.need = new Uint8Array(m);
    this.age = new Uint8Array(m);
    this.urgent = new Uint8Array(m);
    this.plus = new Uint8Array(m);
    this.concern = new Int16Array(m);
    this.keyA = new Int32Array(m);
    this.keyB = new Int32Array(m);
  }

  push(day: number, concern: number, school: number, need: number, age: number, urgent: number, plus: number, keyA: number, keyB: number): void {
    if (this.n === this.day.length) this.grow();
    const i = this.n++;
    this.day[i] = day;
    this.concern[i] = concern;
    this.keyA[i] = keyA;
    this.keyB[i] = keyB;
    this.school[i] = school;
    this.need[i] = need;
    this.age[i] = age;
    this.urgent[i] = urgent;
    this.plus[i] = plus;
  }

  /** Hands the columns' memory back once nothing reads them (see `handBack`). */
  handBack(): void {
    handBack(...this.columns());
  }

  private columns(): ArrayBufferView[] {
    return [this.day, this.school, this.need, this.age, this.urgent, this.plus, this.concern, this.keyA, this.keyB];
  }

  private grow(): void {
    const old = this.columns();
    const m = this.day.length * 2;
    const i32 = (a: Int32Array) => { const b = new Int32Array(m); b.set(a); return b; };
    const i16 = (a: Int16Array) => { const b = new Int16Array(m); b.set(a); return b; };
    const u8 = (a: Uint8Array) => { const b = new Uint8Array(m); b.set(a); return b; };
    this.day = i16(this.day);
    this.school = i32(this.school);
    this.need = u8(this.need);
    this.age = u8(this.age);
    this.urgent = u8(this.urgent);
    this.plus = u8(this.plus);
    this.concern = i16(this.concern);
    this.keyA = i32(this.keyA);
    this.keyB = i32(this.keyB);
    handBack(...old);
  }
}

type Term = SchoolCalendar["terms"][number];

/**
 * What a model's referral draws need that does not change between replications: the samplers
 * (stateless, so one serves every replication), each school's referral mean per week, each
 * term's scale, and scratch columns that the next replication reuses (a thread runs its
 * replications one after another). Built on a model's first run.
 */
interface ReferralPlan {
  readonly cal: SchoolCalendar;
  readonly st: Structure;
  /** Age labels: primary's, then other's, then each phase's own list (age codes index this list). */
  readonly ageLabels: readonly string[];
  /** Age sampler of each school (its phase's bands). */
  readonly schoolAge: readonly Sampler[];
  readonly needOf: Sampler;
  /** Per cluster: the school picker of its initial list (null when it has none). */
  readonly initialPick: readonly (Sampler | null)[];
  /** rate × pupils / 1000 of each school. */
  readonly rate: Float64Array;
  /** (in-term days / 5) × seasonality of each calendar term. */
  readonly termScale: Float64Array;
  /** The term before day 0 whose referrals the first link meeting brings (link-meeting mode), and its scale. */
  readonly before: Term | undefined;
  readonly beforeScale: number;
  readonly urgentShare: number;
  readonly plusShare: number;
  /** Scratch columns kept for the next replication (null: the last run's were too large to keep). */
  raw: RawReferrals | null;
  /** Referrals the last replication drew (the next one's scratch size). */
  lastCount: number;
}

/** Scratch columns up to this many referrals (about 3 MB) are kept between replications. */
const KEEP_SCRATCH = 1 << 17;

// Models are immutable (frozen by the scenario loader), so the object is a safe cache key.
const plans = new WeakMap<ServiceModel, ReferralPlan>();

function planOf(model: ServiceModel, st: Structure, cal: SchoolCalendar): ReferralPlan {
  const known = plans.get(model);
  if (known && known.cal === cal && known.st === st) return known;
  const r = model.referrals;
  const ageLabels: string[] = [];
  const bandsOf = new Map<AgeBands, Sampler>();
  const ages = (bands: AgeBands) => {
    let f = bandsOf.get(bands);
    if (!f) {
      const first = ageLabels.length;
      ageLabels.push(...bands.map((b) => b.label));
      bandsOf.set(bands, (f = discrete(bands.map((_, i) => first + i), bands.map((b) => b.share))));
    }
    return f;
  };
  ages(r.ageBands.primary);
  ages(r.ageBands.other);
  const seasonality = new Map(Object.entries(r.seasonality));
  const scaleOf = (t: Term) => (t.days.length / 5) * (seasonality.get(t.name) ?? 1);
  const before = r.mode === "linkMeeting" ? cal.terms[cal.termBeforeStart] ?? lastTermOfFirstYear(cal) : undefined;
  const plan: ReferralPlan = {
    cal,
    st,
    ageLabels,
    schoolAge: model.schools.map((x) => ages(x.phase === "primary" ? r.ageBands.primary : r.ageBands[x.phase] ?? r.ageBands.other)),
    needOf: discrete(NEEDS.map((_, i) => i), NEEDS.map((n) => r.needMix[n])),
    initialPick: model.clusters.map((_, c) => {
      const schools = st.clusterSchools[c];
      if (schools.length === 0 || model.waitlist.initialPerCluster === 0) return null;
      return discrete(schools, schools.map((i) => model.schools[i].pupils));
    }),
    rate: Float64Array.from(model.schools, (x) => (x.referralRate ?? r.ratePer1000PerWeek * (r.phaseRate?.[x.phase] ?? 1)) * (x.pupils / 1000)),
    termScale: Float64Array.from(cal.terms, scaleOf),
    before,
    beforeScale: before ? scaleOf(before) : 0,
    urgentShare: r.urgentShare,
    plusShare: r.mhstPlusShare,
    raw: null,
    lastCount: 0,
  };
  plans.set(model, plan);
  return plan;
}

/**
 * Draws one referral's own attributes from its position's stream and adds it to the plan's
 * scratch columns. Each referral takes the same number of uniforms (a one-value list draws one too).
 */
function drawOne(p: ReferralPlan, raw: RawReferrals, s: Stream, day: number, concern: number, school: number, initial: boolean, a: number, b: number): void {
  const need = p.needOf(s);
  const age = p.schoolAge[school](s);
  const urgent = s.next() < p.urgentShare && !initial ? 1 : 0;
  raw.push(day, concern, school, need, age, urgent, s.next() < p.plusShare ? 1 : 0, a, b);
}

/**
 * Draws every school's referrals of one term. `before` marks the term before day 0 (see
 * `drawReferrals`): its days are a year back, and a referral that one of that term's own
 * meetings (also a year back) took in never reaches this run.
 */
function drawTerm(p: ReferralPlan, raw: RawReferrals, K: Streams["keyed"], t: Term, scale: number, before: boolean, termKey: number, link: boolean, meetings: readonly Int32Array[]): void {
  const n = t.days.length;
  if (n === 0) return;
  const shift = before ? YEAR_DAYS : 0;
  const rate = p.rate;
  for (let i = 0; i < rate.length; i++) {
    const mean = rate[i] * scale;
    if (!(mean > 0)) continue;
    const s = K.referrals.at(i, termKey);
    const count = poissonDraw(mean, s);
    for (let j = 0; j < count; j++) {
      const concern = t.days[Math.floor(s.next() * n)] - shift;
      let day = concern;
      if (link) day = before && meetingInTerm(meetings[i], t, concern + shift) ? -1 : nextMeeting(meetings[i], concern);
      drawOne(p, raw, s, day, concern, i, false, i, termKey * 65536 + j);
    }
  }
}

/**
 * Draws every referral of the run and its per-case attributes. Consultations that become
 * referrals (`work`, drawn by school-work.ts) join after the ordinary ones: referred on the
 * consultation day, or at the school's next link-worker meeting in link-meeting mode, with their
 * attributes from the consultation's own stream, so the ordinary draws are unchanged.
 *
 * With `partOf` (the part of each cluster, for a run of several parts: sim/model/parts.ts) the
 * table holds each part's cases together, in referral order within the part, so that a part's
 * run touches only its own stretch of every column; each case keeps its service-wide number
 * as `serial`, by which everything that could tell the order apart goes.
 */
export function drawReferrals(model: ServiceModel, st: Structure, cal: SchoolCalendar, rs: Streams, meetings: readonly Int32Array[], work: SchoolWork | null = null, partOf: Int32Array | null = null): Referrals {
  const K = rs.keyed;
  const p = planOf(model, st, cal);
  // A modest run's scratch columns serve the next replication; a large run's go with the run,
  // so that a thread does not hold them between runs, and the next starts at the size needed.
  // A new one is made 5 % larger than the last run's count (the next replication of a model
  // draws about as many), so that it seldom grows, which copies every column.
  const raw = p.raw ?? new RawReferrals(Math.ceil(p.lastCount * 1.05));
  raw.n = 0;
  // Each loop over referrals is in a function of its own (see putInDayOrder below).
  drawInitial(p, raw, K, model.waitlist.initialPerCluster);
  const nInitial = raw.n;
  const link = model.referrals.mode === "linkMeeting";
  // In link-meeting mode the first meeting also brings what schools gathered after their last
  // meeting of the term before day 0 (the template's last term, a year back), as a running
  // service's would; without it the first term would start short of referrals.
  if (link && p.before) drawTerm(p, raw, K, p.before, p.beforeScale, true, 0, link, meetings);
  for (let k = 0; k < cal.terms.length; k++) drawTerm(p, raw, K, cal.terms[k], p.termScale[k], false, k + 1, link, meetings);
  const nOrdinary = raw.n;
  if (work) drawFromConsultations(p, raw, rs, work, link, meetings);
  // Counting sort by day (stable: same-day referrals keep their draw order); initial cases first.
  // Each loop is a function of its own, optimised as a whole: a loop in this function would be
  // optimised while it runs, before the code after it has run in this replication, and that
  // code would deoptimise on reaching the rest (every replication, as it runs once in each).
  const H = cal.horizonDays;
  const perDay = new Int32Array(H + 1);
  const kept = countByDay(raw, nInitial, H, perDay);
  const cases = new CaseTable(kept, model.waitlist.patienceWeeks !== undefined);
  const fromConsultation = work ? new Uint8Array(kept) : null;
  putInDayOrder(cases, raw, st, nInitial, H, perDay, fromConsultation, nOrdinary, partOf);
  p.lastCount = raw.n;
  p.raw = raw.day.length <= KEEP_SCRATCH ? raw : null;
  if (p.raw === null) raw.handBack();
  drawCaseAttributes(model, cases, rs);
  return { cases, ageLabels: p.ageLabels, fromConsultation, draws: new CaseDraws(model, cases, rs) };
}

/** The initial waiting list: `perCluster` cases per cluster, from its own keyed stream. */
function drawInitial(p: ReferralPlan, raw: RawReferrals, K: Streams["keyed"], perCluster: number): void {
  for (let c = 0; c < p.initialPick.length; c++) {
    const pick = p.initialPick[c];
    if (pick === null) continue;
    for (let i = 0; i < perCluster; i++) {
      const s = K.initial.at(c, i);
      drawOne(p, raw, s, 0, 0, pick(s), true, -1 - c, i);
    }
  }
}

/** Consultations that become referrals, each from the consultation's own stream (see {@link drawReferrals}). */
function drawFromConsultations(p: ReferralPlan, raw: RawReferrals, rs: Streams, work: SchoolWork, link: boolean, meetings: readonly Int32Array[]): void {
  for (let i = 0; i < work.day.length; i++) {
    if (!work.referral[i]) continue;
    const school = work.school[i];
    const concern = work.day[i];
    drawOne(p, raw, consultationStream(rs, school, work.key[i]), link ? nextMeeting(meetings[school], concern) : concern, concern, school, false, school, CONSULTATION_KEY + work.key[i]);
  }
}

/**
 * Counts the drawn referrals of each day of the horizon (after the initial ones) into
 * perDay[day + 1], then makes perDay[d] the number before day d; returns the cases kept
 * (the initial ones and those referred within the horizon).
 */
function countByDay(raw: RawReferrals, nInitial: number, H: number, perDay: Int32Array): number {
  let kept = nInitial;
  for (let i = nInitial; i < raw.n; i++) {
    const d = raw.day[i];
    if (d >= 0 && d < H) {
      perDay[d + 1]++;
      kept++;
    }
  }
  for (let d = 0; d < H; d++) perDay[d + 1] += perDay[d];
  return kept;
}

/**
 * Numbers the initial cases first, then the kept referrals in day order (see {@link countByDay}):
 * the case's serial. Without `partOf` the serial is the table index; with it each part's cases
 * take consecutive indices, in serial order. Marks those drawn from nOrdinary on as from
 * consultations.
 */
function putInDayOrder(cases: CaseTable, raw: RawReferrals, st: Structure, nInitial: number, H: number, perDay: Int32Array, fromConsultation: Uint8Array | null, nOrdinary: number, partOf: Int32Array | null): void {
  // With parts, each loop is a function of its own (see drawReferrals).
  if (partOf === null) {
    for (let i = 0; i < nInitial; i++) put(cases, raw, st, i, i, i, 1);
    for (let i = nInitial; i < raw.n; i++) {
      const d = raw.day[i];
      if (d < 0 || d >= H) continue;
      const id = nInitial + perDay[d]++;
      put(cases, raw, st, i, id, id, 0);
      if (fromConsultation && i >= nOrdinary) fromConsultation[id] = 1;
    }
    return;
  }
  // Serials in draw order, then table indices in serial order (each part's next index), then
  // the copy in draw order again: the columns drawn are read one after another, not at random.
  const serialOf = scratchInt32(ScratchUse.SerialOf, raw.n);
  const partOfDrawn = scratchInt32(ScratchUse.PartOfDrawn, raw.n);
  const drawn = scratchInt32(ScratchUse.Drawn, cases.n);
  const next = numberInDayOrder(raw, st, nInitial, H, perDay, partOf, serialOf, partOfDrawn, drawn);
  const idOf = indexInSerialOrder(drawn, partOfDrawn, next, raw.n);
  copyInDrawOrder(cases, raw, st, nInitial, H, fromConsultation, nOrdinary, serialOf, idOf);
}

/** The table index of each drawn referral: its part's next index (`next`, advanced), taken in serial order. */
function indexInSerialOrder(drawn: Int32Array, partOfDrawn: Int32Array, next: Int32Array, n: number): Int32Array {
  const idOf = scratchInt32(ScratchUse.IdOf, n);
  for (let s = 0; s < drawn.length; s++) {
    const i = drawn[s];
    idOf[i] = next[partOfDrawn[i]]++;
  }
  return idOf;
}

/**
 * The serial and part of each kept drawn referral into serialOf and partOfDrawn (draw order),
 * the drawn referral of each serial into `drawn`; returns the first table index of each part
 * (parts in order).
 */
function numberInDayOrder(raw: RawReferrals, st: Structure, nInitial: number, H: number, perDay: Int32Array, partOf: Int32Array, serialOf: Int32Array, partOfDrawn: Int32Array, drawn: Int32Array): Int32Array {
  let parts = 0;
  for (let c = 0; c < partOf.length; c++) if (partOf[c] + 1 > parts) parts = partOf[c] + 1;
  const start = new Int32Array(parts + 1);
  for (let i = 0; i < raw.n; i++) {
    let s = i;
    if (i >= nInitial) {
      const d = raw.day[i];
      if (d < 0 || d >= H) continue;
      s = nInitial + perDay[d]++;
    }
    const part = partOf[st.schoolCluster[raw.school[i]]];
    serialOf[i] = s;
    partOfDrawn[i] = part;
    drawn[s] = i;
    start[part + 1]++;
  }
  for (let k = 0; k < parts; k++) start[k + 1] += start[k];
  return start.subarray(0, parts);
}

/** Copies the kept drawn referrals into the table at idOf, numbered serialOf (see {@link putInDayOrder}). */
function copyInDrawOrder(cases: CaseTable, raw: RawReferrals, st: Structure, nInitial: number, H: number, fromConsultation: Uint8Array | null, nOrdinary: number, serialOf: Int32Array, idOf: Int32Array): void {
  for (let i = 0; i < raw.n; i++) {
    if (i >= nInitial && (raw.day[i] < 0 || raw.day[i] >= H)) continue;
    put(cases, raw, st, i, idOf[i], serialOf[i], i < nInitial ? 1 : 0);
    if (fromConsultation && i >= nOrdinary) fromConsultation[idOf[i]] = 1;
  }
}

/** Copies drawn referral `i` into case `id` of the table, numbered `serial` in referral order. */
function put(cases: CaseTable, raw: RawReferrals, st: Structure, i: number, id: number, serial: number, initial: number): void {
  const school = raw.school[i];
  const cluster = st.schoolCluster[school];
  cases.school[id] = school;
  cases.cluster[id] = cluster;
  cases.need[id] = raw.need[i];
  cases.age[id] = raw.age[i];
  cases.urgent[id] = raw.urgent[i];
  cases.plusEligible[id] = raw.plus[i];
  cases.initial[id] = initial;
  cases.referralDay[id] = raw.day[i];
  cases.concernDay[id] = raw.concern[i];
  cases.keyA[id] = raw.keyA[i];
  cases.keyB[id] = raw.keyB[i];
  cases.serial[id] = serial;
}

function lastTermOfFirstYear(cal: SchoolCalendar): Term | undefined {
  let last: Term | undefined;
  for (const t of cal.terms) if (t.year === 0) last = t;
  return last;
}

/** Whether a school has a meeting in term t on or after `day` (same year as the term). */
function meetingInTerm(days: Int32Array, t: Term, day: number): boolean {
  for (let i = 0; i < days.length; i++) if (days[i] >= day && days[i] >= t.startDay && days[i] <= t.endDay) return true;
  return false;
}

function nextMeeting(days: Int32Array, day: number): number {
  for (let i = 0; i < days.length; i++) if (days[i] >= day) return days[i];
  return -1;
}

/** A drawn delay or count rounded to a whole number of at least `min`, as its 16-bit column keeps it (see FAR in cases.ts). */
const whole = (x: number, min: number) => upToFar(Math.max(min, Math.round(x)));

/** Triage's draws for every case: one keyed stream per mechanism, at the case's own position. */
function drawCaseAttributes(model: ServiceModel, c: CaseTable, rs: Streams): void {
  const K = rs.keyed;
  const tr = model.triage;
  const triageDays = drawPlanOf(model).triageDays;
  const triageUp = model.casework.stepUpAtTriageShare ?? 0;
  const earlyUp = model.casework.stepUpEarlyShare ?? 0;
  for (let i = 0; i < c.n; i++) {
    const ka = c.keyA[i];
    const kb = c.keyB[i];
    // Shares first, then distributions (whose samplers may take a variable number of uniforms).
    const tri = K.triage.at(ka, kb);
    c.signpost[i] = tri.next() < tr.signpostShare ? 1 : 0;
    c.triageDelay[i] = whole(triageDays(tri), 0);
    if (triageUp > 0 || earlyUp > 0) {
      const up = K.stepUp.at(ka, kb);
      c.stepUpTriage[i] = up.next() < triageUp ? 1 : 0;
      c.stepUpEarly[i] = up.next() < earlyUp ? 1 : 0;
    }
  }
}

/**
 * What a model's case draws need that does not change between replications: the
 * samplers (stateless, so one serves every replication and its call sites stay
 * monomorphic), the group-suitability share of each need and the catalogue.
 */
interface DrawPlan {
  readonly triageDays: Sampler;
  readonly consentDays: Sampler;
  readonly patience: Sampler | null;
  readonly sessions: Sampler;
  readonly assess: Sampler;
  readonly intervention: Sampler;
  readonly suit: Float64Array;
  readonly tab: ReturnType<typeof interventionTable>;
  readonly courses: readonly Sampler[];
}

// Models are immutable (frozen by the scenario loader), so the object is a safe cache key.
const drawPlans = new WeakMap<ServiceModel, DrawPlan>();

function drawPlanOf(model: ServiceModel): DrawPlan {
  let plan = drawPlans.get(model);
  if (plan) return plan;
  const tab = interventionTable(model);
  plan = {
    triageDays: sampler(model.triage.triageDays, "triage.triageDays"),
    consentDays: sampler(model.triage.consentDays, "triage.consentDays"),
    patience: model.waitlist.patienceWeeks ? sampler(model.waitlist.patienceWeeks, "waitlist.patienceWeeks") : null,
    sessions: sampler(model.casework.sessions, "casework.sessions"),
    assess: sampler(model.mhstPlus.assessmentSessions, "mhstPlus.assessmentSessions"),
    intervention: sampler(model.mhstPlus.interventionSessions, "mhstPlus.interventionSessions"),
    suit: Float64Array.from(NEEDS, (n) => model.groups.suitableShare[n] ?? 0),
    tab,
    // With a catalogue, sessions come from the routed intervention (a group route's from the fallback, for a move to 1:1).
    courses: tab ? model.interventions!.catalogue.map((x, k) => sampler(x.sessions, `interventions.catalogue[${k}].sessions`)) : [],
  };
  drawPlans.set(model, plan);
  return plan;
}

/**
 * A case's later draws, made when the run first needs them: the consent decision once triage
 * accepts the case, and the course (patience, route, sessions) once it joins a waiting line.
 * Each comes from the case's own keyed positions, so its values are the same whenever they are
 * drawn; cases that leave at triage or decline never draw what they would not use, and only
 * a case on the MHST+ route draws its MHST+ session counts.
 */
export class CaseDraws {
  private readonly c: CaseTable;
  private readonly K: Streams["keyed"];
  private readonly model: ServiceModel;
  private readonly consentDays: Sampler;
  private readonly patience: Sampler | null;
  private readonly sessions: Sampler;
  private readonly assess: Sampler;
  private readonly intervention: Sampler;
  private readonly suit: Float64Array;
  private readonly tab: ReturnType<typeof interventionTable>;
  private readonly courses: readonly Sampler[];

  constructor(model: ServiceModel, cases: CaseTable, rs: Streams) {
    this.c = cases;
    this.K = rs.keyed;
    this.model = model;
    const plan = drawPlanOf(model);
    this.consentDays = plan.consentDays;
    this.patience = plan.patience;
    this.sessions = plan.sessions;
    this.assess = plan.assess;
    this.intervention = plan.intervention;
    this.suit = plan.suit;
    this.tab = plan.tab;
    this.courses = plan.courses;
  }

  /** Draws case i's consent decision and delay (`decline`, `consentDelay`). */
  consent(i: number): void {
    const c = this.c;
    const con = this.K.consent.at(c.keyA[i], c.keyB[i]);
    c.decline[i] = con.next() < this.model.triage.declineShare ? 1 : 0;
    c.consentDelay[i] = whole(this.consentDays(con), 0);
  }

  /**
   * Draws case i's course: patience, intervention and group suitability, step-up and session
   * counts, and when `plus` (the case goes on the MHST+ route) its MHST+ session counts, which
   * no other route reads (each comes from a position of its own, so the rest are the same
   * either way).
   */
  course(i: number, plus: boolean): void {
    const c = this.c;
    const K = this.K;
    const m = this.model;
    const ka = c.keyA[i];
    const kb = c.keyB[i];
    c.patience[i] = this.patience ? whole(this.patience(K.withdrawal.at(ka, kb)) * 7, 0) : -1;
    let course = this.sessions;
    const tab = this.tab;
    if (tab) {
      const k = routeOf(tab, c.need[i], K.route.at(ka, kb).next());
      c.intervention[i] = k;
      c.suitable[i] = tab.form[k] === FORM_GROUP ? 1 : 0;
      course = this.courses[tab.form[k] === FORM_GROUP ? tab.fallback : k];
    } else c.suitable[i] = K.groups.at(ka, kb).next() < this.suit[c.need[i]] ? 1 : 0;
    const ses = K.sessions.at(ka, kb);
    c.stepUp[i] = ses.next() < m.casework.stepUpShare ? 1 : 0;
    const more = ses.next() < m.mhstPlus.interventionShare;
    c.needed[i] = whole(course(ses), 1);
    if (!plus) return;
    c.plusAssessment[i] = whole(this.assess(K.sessions.at(ka, kb + 0x40000000)), 1);
    c.plusNeeded[i] = upToFar(c.plusAssessment[i] + (more ? whole(this.intervention(K.sessions.at(ka, kb ^ 0x20000000)), 1) : 0));
  }
}
