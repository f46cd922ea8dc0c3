/**
 * Flat records the MHST simulation emits. Statistics, the CLI, the server, the charts and
 * the notebooks all read these and nothing else. Times are in days from the calendar's
 * day 0; a missing event is null.
 */

import type { Need } from "./config.js";

/** How a case left the service, or `waiting` / `open` when the run ended first. */
export type Outcome =
  | "signposted"
  | "declined"
  | "withdrawn"
  | "completed"
  | "steppedUp"
  | "open"
  | "waiting"
  | "inTriage";

/** The pathway a case followed after triage. */
export type Route = "oneToOne" | "group" | "mhstPlus" | "none";

/** One referral and everything that happened to it. */
export interface CaseRecord {
  readonly id: number;
  readonly school: string;
  readonly cluster: string;
  readonly team: string;
  readonly need: Need;
  readonly ageBand: string;
  readonly priority: "urgent" | "routine";
  readonly mhstPlusEligible: boolean;
  /** True for a case on the waiting list at day 0. */
  readonly initial: boolean;
  readonly referralDay: number;
  /**
   * Day the concern was raised in school: the referral day, except in link-meeting mode, where
   * a concern waits for the school's next link-worker meeting (may lie before day 0).
   */
  readonly concernDay: number;
  /** Days from referral to first contact that the child's team's standard allows. */
  readonly standardDays: number;
  readonly triageDay: number | null;
  readonly consentDay: number | null;
  /** First session (1:1 contact, group session or MHST+ assessment). */
  readonly firstContactDay: number | null;
  readonly endDay: number | null;
  readonly outcome: Outcome;
  readonly route: Route;
  /** Intervention of the scenario's catalogue the case was routed to (the fallback once a group route went 1:1); null without a catalogue and on MHST+. */
  readonly intervention: string | null;
  /** Practitioner who held the case, or null. */
  readonly practitioner: string | null;
  /** Sessions attended. */
  readonly sessions: number;
  /** Sessions lost to did-not-attend. */
  readonly dnas: number;
  /** Where a stepped-up case was stepped up: at triage, at assessment (after its first sessions) or at the end; null otherwise. */
  readonly stepUpAt: "triage" | "assessment" | "end" | null;
  /** MHST+: day the assessment ended with an intervention package to wait for, and day the package started. */
  readonly assessedDay: number | null;
  readonly interventionDay: number | null;
}

/** Activities that take case slots. */
export type Activity =
  | "oneToOne"
  | "group"
  | "mhstPlus"
  | "dna"
  | "linkMeeting"
  | "clusterMeeting"
  | "training"
  | "consultation"
  | "wholeSchool"
  | "supervision"
  | "admin"
  | "idle";

/** Every activity, in a fixed order. */
export const ACTIVITIES: readonly Activity[] = [
  "oneToOne",
  "group",
  "mhstPlus",
  "dna",
  "linkMeeting",
  "clusterMeeting",
  "training",
  "consultation",
  "wholeSchool",
  "supervision",
  "admin",
  "idle",
];

/** One cluster in one week (weeks count from 0 at day 0; week w covers days 7w..7w+6). */
export interface WeekClusterRecord {
  readonly week: number;
  readonly cluster: string;
  readonly team: string;
  readonly referrals: number;
  readonly signposted: number;
  readonly accepted: number;
  readonly declined: number;
  /** Cases waiting (consented, not started) at the end of the week. */
  readonly waitlistEnd: number;
  readonly started: number;
  readonly completed: number;
  readonly steppedUp: number;
  readonly withdrawn: number;
  /** Attended 1:1 and MHST+ contacts. */
  readonly contacts: number;
  readonly groupSessions: number;
  /** Consultations held with staff of the cluster's schools (completed that week; 0 without a `consultations` block). */
  readonly consultations: number;
  /** Consultations of the cluster's schools left unanswered when their term ended that week. */
  readonly consultationsUnanswered: number;
  /** Referrals that came from consultations (counted in `referrals` too), by the week they reached the team. */
  readonly consultationReferrals: number;
  /** Whole-school sessions completed that week, and those dropped at the end of their term that week (nobody could do them). */
  readonly wholeSchoolSessions: number;
  readonly wholeSchoolDropped: number;
  /** Slots spent on each activity in the cluster that week (idle = allocated but unused). */
  readonly slots: Readonly<Record<Activity, number>>;
}

/** One practitioner in one week: slots by activity, and slots lost to vacancy or university. */
export interface PractitionerWeekRecord {
  readonly week: number;
  readonly practitioner: string;
  readonly role: string;
  readonly team: string;
  readonly slots: Readonly<Record<Activity, number>>;
  readonly vacantSlots: number;
  readonly universitySlots: number;
}

/** Everything one replication produces. */
export interface RunRecords {
  readonly cases: readonly CaseRecord[];
  readonly weeks: readonly WeekClusterRecord[];
  readonly practitionerWeeks: readonly PractitionerWeekRecord[];
  /** Events the engine executed. */
  readonly events: number;
  /** Days simulated (kept, after any warm-up dropped by `warmupDays`). */
  readonly horizonDays: number;
  /** Days dropped as warm-up before the records start (default 0): the run ends on day warmupDays + horizonDays. */
  readonly warmupDays?: number;
  /**
   * Optional mechanisms the scenario has: their KPIs (consultation and whole-school counts and
   * slot shares) are reported only then, so results without them keep their keys. Absent: none.
   */
  readonly mechanisms?: Mechanisms;
}

/** Which optional mechanisms a run has (see {@link RunRecords.mechanisms}). */
export interface Mechanisms {
  readonly consultations: boolean;
  readonly wholeSchool: boolean;
}

/**
 * The stable KPI names. Each is a number for one replication, over the whole service or one
 * team or cluster. See `kpis.ts` for definitions.
 */
export const KPI_NAMES = [
  "shareSeenWithinStandard",
  "waitingBeyondStandardEnd",
  "waitWeeksMeanCensored",
  "referrals",
  "signposted",
  "accepted",
  "started",
  "completed",
  "steppedUp",
  "withdrawn",
  "waitlistEnd",
  "waitWeeksMean",
  "waitWeeksMedian",
  "waitWeeksP90",
  "pctStartedWithin4Weeks",
  "waitFromConcernWeeksMean",
  "contactsPerWeek",
  "utilisation",
] as const;

export type KpiName = (typeof KPI_NAMES)[number];
