/**
 * The static MHST service model: what a scenario file becomes once it has been parsed,
 * filled with defaults, validated and frozen. The simulation reads it and never changes it;
 * runtime state lives elsewhere.
 *
 * Units: time in days from the calendar's start date (day 0), unless a field name says
 * weeks; capacity in case slots (one slot = one case contact of 30–60 minutes).
 */

/** School phase: `alternativeProvision` (pupil referral units and other AP) and `college` (further education) take ages up to 21. */
export type Phase = "primary" | "secondary" | "special" | "alternativeProvision" | "college";

/**
 * Practitioner role. `mhstPlus` is a specialist autism / learning disability practitioner;
 * `educationalPsychologist` holds no cases by default (staff training, whole-school work, consultation).
 */
export type Role = "emhp" | "clinician" | "seniorClinician" | "mhstPlus" | "educationalPsychologist";

/** Presenting need of a referral. */
export type Need = "lowMood" | "anxiety" | "behaviour" | "sleep";

/** Every need, in a fixed order used by records and random draws. */
export const NEEDS: readonly Need[] = ["lowMood", "anxiety", "behaviour", "sleep"];

/** Every role, in a fixed order. */
export const ROLES: readonly Role[] = ["emhp", "clinician", "seniorClinician", "mhstPlus", "educationalPsychologist"];

/** Every phase, in a fixed order. */
export const PHASES: readonly Phase[] = ["primary", "secondary", "special", "alternativeProvision", "college"];

/**
 * Work a role may be given: `oneToOne` casework, `group` work, the `mhstPlus` pathway (a
 * team-wide caseload), `consultation` with school staff and `wholeSchool` work.
 */
export type Work = "oneToOne" | "group" | "mhstPlus" | "consultation" | "wholeSchool";

/** Every kind of work, in a fixed order. */
export const WORK: readonly Work[] = ["oneToOne", "group", "mhstPlus", "consultation", "wholeSchool"];

/** What a role does as a scenario sets it; absent fields take the role's defaults (sim/model/roles.ts). */
export type RoleSettings = Partial<RoleConfig>;

/** What a role does, after defaults (see sim/model/roles.ts). */
export interface RoleConfig {
  /** Case slots in one allocated day. */
  readonly slotsPerDay: number;
  /** Open cases a full-time post of the role holds at once (0: holds no cases). */
  readonly caseloadCap: number;
  /** Work the role delivers. */
  readonly delivers: readonly Work[];
  /** Slots a term week the role spends receiving supervision. */
  readonly supervisionSlotsPerWeek: number;
  /**
   * Clinical days a week of a full-time post, where an `allocation` (or a team template)
   * does not say: fte × caseworkDays days are shared among its clusters.
   */
  readonly caseworkDays: number;
}

/**
 * A probability distribution of a non-negative quantity (sessions, days, weeks).
 * `sim/random` draws from it; each kind's parameters follow the usual textbook meaning.
 */
export type Distribution =
  | { kind: "deterministic"; value: number }
  | { kind: "uniform"; min: number; max: number }
  | { kind: "triangular"; min: number; mode: number; max: number }
  | { kind: "exponential"; mean: number }
  | { kind: "normal"; mean: number; sd: number; min?: number; max?: number }
  | { kind: "lognormal"; mean: number; sd: number }
  | { kind: "gamma"; shape: number; scale: number }
  | { kind: "poisson"; mean: number }
  | { kind: "discrete"; values: readonly number[]; weights: readonly number[] };

/** One term of the template school year (ISO dates, inclusive). */
export interface Term {
  readonly name: string;
  readonly start: string;
  readonly end: string;
  /** Half-term holiday inside the term (inclusive dates). */
  readonly halfTerm?: { readonly start: string; readonly end: string };
}

/** The school calendar. */
export interface CalendarConfig {
  /** Day 0 of the simulation (ISO date). Usually the first day of the first term's week. */
  readonly startDate: string;
  /** School years simulated; the template year repeats, shifted by 364 days (52 weeks) a year. */
  readonly years: number;
  /**
   * Days simulated from day 0, a whole number of weeks (a pilot of 26 weeks, one term). Default
   * `years` × 364. The terms repeat for `years` years as without it; the run stops at the horizon.
   */
  readonly horizonDays?: number;
  /** Terms of the first school year, in order. */
  readonly terms: readonly Term[];
  /** Extra closed weekdays (bank holidays, training days), ISO dates in the first year. */
  readonly closures: readonly string[];
  /** Work outside term: virtual contacts at a share of the in-term slots (0 = none). */
  readonly virtualOutsideTermShare: number;
}

/** A team serves a set of clusters. */
export interface Team {
  readonly id: string;
  readonly name: string;
  /** This team's first-contact standard in weeks, instead of `standards.firstContactWeeks`. */
  readonly firstContactWeeks?: number;
}

/** A cluster of schools that shares a practitioner's allocated days. */
export interface Cluster {
  readonly id: string;
  readonly name: string;
  readonly team: string;
}

/** A school or college. */
export interface School {
  readonly id: string;
  readonly name: string;
  readonly phase: Phase;
  readonly pupils: number;
  readonly cluster: string;
  /** Overrides the service's referral rate for this school (referrals per 1,000 pupils per term week). */
  readonly referralRate?: number;
}

/**
 * A practitioner's weekly pattern: for each weekday Monday..Friday (index 0..4) the
 * half-days (morning, afternoon), each a cluster id, or null for a day that is not
 * clinical (team day, admin, not working).
 */
export type WeekPattern = readonly (readonly [string | null, string | null])[];

/** Trainee EMHP's training year. */
export interface Training {
  /** First day of the course (ISO date; intakes are in January and September). */
  readonly start: string;
  /**
   * Phases in order from the intake: for `weeks` calendar weeks the trainee spends
   * `universityDays` days a week at university (5 = a full-time block); after the last phase
   * the trainee is in placement until qualifying. University days come off the pattern from
   * Monday on.
   */
  readonly phases: readonly { readonly weeks: number; readonly universityDays: number }[];
  /** Weeks from the first day of the course to qualification (a one-year course: 52). */
  readonly courseWeeks: number;
}

/** A practitioner post. */
export interface Practitioner {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly team: string;
  /** Full-time equivalent, 0 < fte <= 1; 1 = five days a week. */
  readonly fte: number;
  /** The weekly pattern (of clusters); with a cycle, its first week. */
  readonly pattern: WeekPattern;
  /**
   * A cycle of two or more weekly patterns: week w of the run (days 7w..7w+6) follows
   * cycle[w mod length]. Absent: every week follows `pattern`.
   */
  readonly cycle?: readonly WeekPattern[];
  /**
   * The school named for each half-day, parallel to the cycle (or to `pattern`): a school id
   * where the half-day is spent at that school (its cluster is in the pattern), else null.
   * Absent: no school is named.
   */
  readonly visits?: readonly WeekPattern[];
  /** Post filled from (ISO date); before that it is vacant. Default: the calendar start. */
  readonly startDate?: string;
  /** Post holder leaves on this date (ISO); the post is then vacant. */
  readonly endDate?: string;
  /** Present when the post holder is a trainee EMHP. */
  readonly training?: Training;
  /** Whether the post is filled again when its holder leaves; absent: `workforce.refill`. */
  readonly refill?: boolean;
}

/** Age bands of a phase with their shares. */
export type AgeBands = readonly { readonly label: string; readonly share: number }[];

/** How referrals reach the team. */
export interface ReferralConfig {
  /** Referrals per 1,000 pupils per term week (assumption: no published figure). */
  readonly ratePer1000PerWeek: number;
  /** Multiplier by term name (missing terms: 1), for seasonal referral patterns. */
  readonly seasonality: Readonly<Record<string, number>>;
  /**
   * `continuous`: referrals arrive on school days through term; `linkMeeting`: a school's
   * referrals are held and brought to the next termly link-worker meeting (and to any
   * extra meetings a term has, see {@link MeetingConfig.linkMeetingsPerTerm}).
   */
  readonly mode: "continuous" | "linkMeeting";
  /** Shares of each need; they sum to 1. */
  readonly needMix: Readonly<Record<Need, number>>;
  /** Referral-rate multiplier by phase (a school's own referralRate is used as written). Absent: 1. */
  readonly phaseRate?: Readonly<Partial<Record<Phase, number>>>;
  /**
   * Age bands with shares (labels like "5-10"): for primary schools, for any phase with its own
   * list, and `other` for the rest.
   */
  readonly ageBands: Readonly<Record<"primary" | "other", AgeBands>> & Readonly<Partial<Record<Exclude<Phase, "primary">, AgeBands>>>;
  /** Share of referrals given clinical priority (they go ahead of routine ones). */
  readonly urgentShare: number;
  /** Share eligible for MHST+ (autism or learning disability, or on an assessment waiting list). */
  readonly mhstPlusShare: number;
}

/** Triage and consent. */
export interface TriageConfig {
  /** Days from referral to the triage decision. */
  readonly triageDays: Distribution;
  /** Share signposted to other services at triage (they leave the MHST). */
  readonly signpostShare: number;
  /** Days from an accepted triage to parental consent. */
  readonly consentDays: Distribution;
  /** Share of families who decline consent (they leave). */
  readonly declineShare: number;
}

/** The waiting list. */
export interface WaitlistConfig {
  /**
   * Who may start whom (see sim/model/README.md): `cluster`, a list per cluster that every
   * practitioner working there starts from; `team`, one list across the team's clusters that
   * any of its practitioners starts from; `practitioner`, a list per named practitioner across
   * the clusters they are named for (others working in a cluster start its children too).
   */
  readonly scope: "cluster" | "team" | "practitioner";
  /** Weeks a case waits before its family withdraws; absent = nobody withdraws. */
  readonly patienceWeeks?: Distribution;
  /** Cases already waiting at day 0, per cluster (they arrive with routine priority). */
  readonly initialPerCluster: number;
}

/** One-to-one casework. */
export interface CaseworkConfig {
  /** Case contacts a practitioner can see in one allocated day (Ealing: 3–4). */
  readonly slotsPerDay: number;
  /** Sessions a case needs (LI-CBT: typically 6–8). */
  readonly sessions: Distribution;
  /** Days between a case's sessions (weekly: 7). */
  readonly sessionIntervalDays: number;
  /**
   * Open cases a full-time practitioner may hold at once; a post holds round(cap × fte), and a
   * running group counts as `groups.slotsPerSession` cases.
   */
  readonly caseloadCap: number;
  /** Share of the caseload cap a trainee EMHP holds during the course (default 0.5). */
  readonly traineeCaseloadShare: number;
  /** Share of booked sessions the child does not attend: the slot is lost and the session rebooked. */
  readonly dnaShare: number;
  /** Share of finished courses stepped up to specialist services instead of completing. */
  readonly stepUpShare: number;
  /** Share of triaged (not signposted) referrals stepped up at triage; absent: 0. */
  readonly stepUpAtTriageShare?: number;
  /** Share of 1:1 cases stepped up after `stepUpEarlyAfterSessions` sessions; absent: 0. */
  readonly stepUpEarlyShare?: number;
  readonly stepUpEarlyAfterSessions?: number;
}

/** Group work. */
export interface GroupConfig {
  readonly enabled: boolean;
  /** Case slots a group session costs on the day it runs (Ealing: 2–3). */
  readonly slotsPerSession: number;
  /** Weekly sessions in a group programme. */
  readonly weeks: number;
  /** `planned`: per cluster per term; `whenEnough`: formed once enough suitable cases wait. */
  readonly formation: "planned" | "whenEnough";
  /** Groups per cluster per term when planned. */
  readonly perClusterPerTerm: number;
  /** Children needed to start a group, and the most it takes. */
  readonly minChildren: number;
  readonly maxChildren: number;
  /** Share of accepted cases (by need) suited to group work instead of 1:1. */
  readonly suitableShare: Readonly<Record<Need, number>>;
  /** Virtual groups (parenting groups) run outside school and outside term too. */
  readonly virtual: boolean;
  /**
   * Weeks from referral a group-suited child waits for a group at most; then the child is
   * offered 1:1 instead (keeping their place by referral date).
   */
  readonly maxWaitWeeks: number;
}

/** Non-clinical work that takes case slots. */
export interface MeetingConfig {
  /** Slots for each school's termly link-worker meeting. */
  readonly linkMeetingSlots: number;
  /** Link-worker meetings per school per term. */
  readonly linkMeetingsPerTerm: number;
  /** Slots for the termly joint cluster meeting. */
  readonly clusterMeetingSlots: number;
  /** Slots to prepare and to deliver each cluster's termly training session. */
  readonly trainingPrepSlots: number;
  readonly trainingDeliverySlots: number;
  /**
   * Slots per practitioner per term week for receiving supervision and for admin, taken from
   * each of the practitioner's clusters in proportion to the time given to it.
   */
  readonly supervisionSlotsPerWeek: number;
  readonly adminSlotsPerWeek: number;
}

/** Who supervises whom, and what it costs the supervisor. */
export interface SupervisionConfig {
  /** Roles that receive supervision from a supervisor in their team. */
  readonly superviseeRoles: readonly Role[];
  /** Roles that give it. */
  readonly supervisorRoles: readonly Role[];
  /** Most supervisees one supervisor takes. */
  readonly maxSuperviseesPerSupervisor: number;
  /** Supervisor's slots per supervisee per term week. */
  readonly supervisorSlotsPerSupervisee: number;
}

/** Waiting-time standards. */
export interface StandardsConfig {
  /** Weeks from referral to first contact (the piloted four-week standard, seed 002). */
  readonly firstContactWeeks: number;
}

/** Workforce events beyond each post's own dates. */
export interface WorkforceConfig {
  /** Weeks from a post falling vacant to a new holder starting (advert to start: about 17). */
  readonly recruitmentLagWeeks: Distribution;
  /** Probability that a trainee leaves when training ends (the post is then re-advertised). */
  readonly leaveAfterTrainingShare: number;
  /** Annual probability that a qualified post holder leaves (assumption). */
  readonly annualTurnover: number;
  /** Whether a vacated post is re-advertised and filled after the recruitment lag. */
  readonly refill: boolean;
}

/** MHST+ specialist pathway for children with autism or a learning disability. */
export interface MhstPlusConfig {
  readonly enabled: boolean;
  /** Sessions of the specialist assessment. */
  readonly assessmentSessions: Distribution;
  /** Share offered an intervention package after assessment (they wait again for it). */
  readonly interventionShare: number;
  /** Sessions of the intervention package (CBT, VIG or a behaviour intervention). */
  readonly interventionSessions: Distribution;
}

/** A whole service: the frozen, validated form of a scenario file. */
export interface ServiceModel {
  readonly name: string;
  readonly description: string;
  readonly calendar: CalendarConfig;
  readonly teams: readonly Team[];
  readonly clusters: readonly Cluster[];
  readonly schools: readonly School[];
  readonly practitioners: readonly Practitioner[];
  readonly referrals: ReferralConfig;
  readonly triage: TriageConfig;
  readonly waitlist: WaitlistConfig;
  readonly casework: CaseworkConfig;
  readonly groups: GroupConfig;
  readonly meetings: MeetingConfig;
  readonly supervision: SupervisionConfig;
  /** What each role does, where the scenario sets it (defaults: sim/model/roles.ts). */
  readonly roles?: Readonly<Partial<Record<Role, RoleSettings>>>;
  readonly standards: StandardsConfig;
  readonly workforce: WorkforceConfig;
  readonly mhstPlus: MhstPlusConfig;
  /** Consultations with school staff, at visits and on an advice line; absent: none. */
  readonly consultations?: ConsultationConfig;
  /** Whole-school work (assemblies, workshops, staff training, health fairs); absent: none. */
  readonly wholeSchool?: WholeSchoolConfig;
  /** The intervention catalogue and triage's routes by need; absent: one casework course (and groups by suitableShare). */
  readonly interventions?: InterventionsConfig;
}

/** One intervention of the catalogue, after defaults. */
export interface InterventionConfig {
  readonly id: string;
  readonly label?: string;
  /** `oneToOne`: a course of booked sessions; `group`: a group programme as the `groups` block runs it. */
  readonly form: "oneToOne" | "group";
  /** Sessions a child needs (oneToOne). */
  readonly sessions: Distribution;
  /** Slots a face-to-face session costs (oneToOne). */
  readonly slotsPerSession: number;
  /** Sessions 2, 4, 6, … up to this many are by phone (oneToOne). */
  readonly phoneSessions: number;
  /** Slots a phone session costs (at most 1: phone sessions share a slot). */
  readonly phoneSlots: number;
  /** Days between sessions (oneToOne). */
  readonly intervalDays: number;
  /** Roles that deliver it; absent: every role that delivers its form of work (sim/model/roles.ts). */
  readonly deliveredBy?: readonly Role[];
  /** Group programme (form group): weekly sessions, children to start and at most, virtual, and the children's scope. */
  readonly weeks: number;
  readonly minChildren: number;
  readonly maxChildren: number;
  readonly virtual: boolean;
  readonly scope: "cluster" | "team";
}

/** The intervention catalogue: what triage may route a child to, by need. */
export interface InterventionsConfig {
  readonly catalogue: readonly InterventionConfig[];
  /** Per need, the share routed to each intervention id (summing to 1); a need left out goes to the fallback. */
  readonly routes: Readonly<Partial<Record<Need, Readonly<Record<string, number>>>>>;
  /** oneToOne intervention for urgent children on a group route and for children no group takes in time. */
  readonly fallback: string;
}

/**
 * Consultations: school staff ask a practitioner's advice about a child or a class. Each one
 * takes `slots` of an answering practitioner's time in term and opens no case; a share of them
 * becomes referrals. Drawn up front per school and term (a Poisson count, days uniform over the
 * term's in-term days), so they do not depend on staffing.
 */
export interface ConsultationConfig {
  /** Consultations per school per term week (Poisson). */
  readonly ratePerSchoolPerWeek: number;
  /**
   * `visit`: held when a practitioner works in the school's cluster (like a cluster task);
   * `adviceLine`: answered by any answering practitioner of the school's team in any of their
   * segments; `both`: a `visitShare` of them at visits, the rest on the advice line.
   */
  readonly via: "visit" | "adviceLine" | "both";
  /** Share held at visits when `via` is `both`. */
  readonly visitShare: number;
  /** Slots one consultation takes. */
  readonly slots: number;
  /** Roles that answer; absent: every role whose work includes `consultation` (sim/model/roles.ts). */
  readonly roles?: readonly Role[];
  /** Share of consultations that become referrals (on the consultation day, or at the next link meeting in link-meeting mode). */
  readonly referralShare: number;
}

/** One kind of whole-school work scheduled every term. */
export interface WholeSchoolItem {
  /** What it is (assembly, workshop, staff training, health fair): a label. */
  readonly kind: string;
  /** Held for each school, or once for each cluster. */
  readonly per: "school" | "cluster";
  /** Sessions per school (or cluster) per term. */
  readonly perTerm: number;
  /** Slots one session takes. */
  readonly slots: number;
  /** Roles that deliver it; absent: every role whose work includes `wholeSchool`. */
  readonly roles?: readonly Role[];
}

/** Whole-school work: items on the calendar, and requests from schools on demand. */
export interface WholeSchoolConfig {
  readonly items: readonly WholeSchoolItem[];
  /** Requests per school per term week (Poisson, drawn up front), each `slots` slots. */
  readonly onDemand?: {
    readonly ratePerSchoolPerWeek: number;
    readonly slots: number;
    readonly roles?: readonly Role[];
  };
}
