/**
 * Definitions of the KPIs that {@link computeKpis} returns: the stable names other
 * modules, the CLI, the server and the notebooks rely on.
 */

import { ACTIVITIES } from "./records.js";

/** A KPI's label, unit and plain-words definition. */
export interface KpiDoc {
  readonly label: string;
  readonly unit: string;
  readonly description: string;
}

const base: Record<string, KpiDoc> = {
  shareSeenWithinStandard: {
    label: "Seen within the standard",
    unit: "share (0–1)",
    description:
      "Among accepted children (consented, the initial list included) whose deadline — referral day + the team's standard (standards.firstContactWeeks, default 4 weeks) — fell within the run, the share first seen on or before it. A child still waiting past the deadline, or who withdrew unseen, counts as a miss. NaN when no deadline fell within the run.",
  },
  waitingBeyondStandardEnd: {
    label: "Waiting beyond the standard at end",
    unit: "cases",
    description: "Children on a waiting line at the end of the run who were referred more than the standard before it (still waiting, already past the deadline).",
  },
  waitWeeksMeanCensored: {
    label: "Mean wait (still-waiting included)",
    unit: "weeks",
    description:
      "Mean wait from referral to first contact over every accepted child, where a child still waiting at the end counts the days waited so far (a child who withdrew unseen, the days to withdrawing). Unlike the started-only mean it cannot fall because children are left waiting; it is a lower bound of their eventual mean wait. NaN with no accepted child.",
  },
  standardDue: { label: "Deadlines within the run", unit: "cases", description: "Accepted children whose first-contact deadline (referral + standard) fell within the run: the denominator of shareSeenWithinStandard." },
  seenWithinStandard: { label: "Seen by the deadline", unit: "cases", description: "Of standardDue, the children first seen on or before their deadline: the numerator of shareSeenWithinStandard." },
  waitFromConcernWeeksMean: {
    label: "Mean wait from concern (started only)",
    unit: "weeks",
    description: "Mean of (first contact day − concern day) / 7 over started cases. In link-meeting mode the concern is raised in school before the termly meeting refers it, so this wait includes the weeks held for the meeting; otherwise it equals waitWeeksMean. NaN when none started.",
  },
  referrals: { label: "Referrals", unit: "cases", description: "New referrals reaching the team during the run (the initial waiting list is not counted; see initialWaiting)." },
  initialWaiting: { label: "Initial waiting list", unit: "cases", description: "Cases already on the waiting list at day 0." },
  signposted: { label: "Signposted", unit: "cases", description: "Referrals signposted to other services at triage." },
  declined: { label: "Declined consent", unit: "cases", description: "Triaged referrals whose family declined consent." },
  accepted: { label: "Accepted", unit: "cases", description: "Referrals that passed triage and gained consent during the run (joined a waiting line)." },
  started: { label: "Started", unit: "cases", description: "Cases with a first contact (1:1 session, first group session or MHST+ assessment), initial waiting list included." },
  completed: { label: "Completed", unit: "cases", description: "Started cases that finished their sessions and were discharged." },
  steppedUp: { label: "Stepped up", unit: "cases", description: "Started cases that finished and were stepped up to specialist services." },
  withdrawn: { label: "Withdrawn", unit: "cases", description: "Waiting cases whose family withdrew when their patience ran out." },
  waitlistEnd: { label: "Waiting at end", unit: "cases", description: "Cases on a waiting line (consented, not started) at the end of the run (with a warm-up: of the cases referred after it, like every count, so the counts still add up)." },
  inTriageEnd: { label: "In triage at end", unit: "cases", description: "Referrals still in triage or awaiting consent at the end of the run (with a warm-up: of the cases referred after it, like every count, so the counts still add up)." },
  openEnd: { label: "Open at end", unit: "cases", description: "Started cases still open at the end of the run (with a warm-up: of the cases referred after it, like every count, so the counts still add up)." },
  waitWeeksMean: { label: "Mean wait (started only)", unit: "weeks", description: "Started cases only (children still waiting are not counted; see waitWeeksMeanCensored). Mean of (first contact day − referral day) / 7 over started cases; NaN when none started." },
  waitWeeksMedian: { label: "Median wait (started only)", unit: "weeks", description: "Median wait (referral to first contact) over started cases; NaN when none started." },
  waitWeeksP90: { label: "90th percentile wait (started only)", unit: "weeks", description: "90th percentile (nearest rank) of the wait over started cases; NaN when none started." },
  pctStartedWithin4Weeks: {
    label: "Started within 4 weeks (started only)",
    unit: "share (0–1)",
    description:
      "Share (0–1) of started cases whose first contact came within 28 days of referral (wait ≤ 28 days): the trailblazer four-week waiting-time standard. Cases never started are not in the denominator; NaN when none started.",
  },
  contactsPerWeek: { label: "Contacts per week", unit: "contacts/week", description: "Attended 1:1 and MHST+ contacts per simulated week (group sessions excluded; see WeekClusterRecord.groupSessions)." },
  utilisation: {
    label: "Clinical utilisation",
    unit: "share (0–1)",
    description: "Slots used for clinical work (1:1, group, MHST+) divided by the slots available for it (available slots minus meetings, training, supervision and admin; DNA and idle slots count as available but unused).",
  },
  consultations: {
    label: "Consultations held",
    unit: "consultations",
    description: "Consultations with school staff (at visits or on the advice line) whose slots were all given during the run; each opens no case. Counted for the school's cluster. Reported only when the scenario has a `consultations` block.",
  },
  consultationsUnanswered: {
    label: "Consultations unanswered",
    unit: "consultations",
    description: "Consultations no answering practitioner had time for before their term ended (dropped, not carried into the holiday). Reported only with a `consultations` block.",
  },
  consultationReferrals: {
    label: "Referrals from consultations",
    unit: "cases",
    description: "Referrals that came from consultations (`consultations.referralShare`); they are counted in `referrals` too. Reported only with a `consultations` block.",
  },
  consultationSlots: {
    label: "Consultation slots",
    unit: "slots",
    description: "Case slots spent on consultations (the time of `utilisation.consultation`), booked to the cluster whose segment gave them. Reported only with a `consultations` block.",
  },
  wholeSchoolSessions: {
    label: "Whole-school sessions delivered",
    unit: "sessions",
    description: "Whole-school sessions (assemblies, workshops, staff training, health fairs, requests on demand) whose slots were all given during the run. Reported only when the scenario has a `wholeSchool` block.",
  },
  wholeSchoolDropped: {
    label: "Whole-school sessions dropped",
    unit: "sessions",
    description: "Whole-school sessions still not delivered when their term ended: no practitioner of a role that delivers them had the time in the cluster. Reported only with a `wholeSchool` block.",
  },
  wholeSchoolSlots: {
    label: "Whole-school slots",
    unit: "slots",
    description: "Case slots spent on whole-school work (the time of `utilisation.wholeSchool`). Reported only with a `wholeSchool` block.",
  },
};

for (const a of ACTIVITIES) {
  base[`utilisation.${a}`] = {
    label: `Share of slots: ${a}`,
    unit: "share (0–1)",
    description: `Slots spent on ${a} divided by all available slots (vacant and university slots excluded). Over all activities these shares sum to 1.${a === "consultation" ? " Reported only with a `consultations` block." : a === "wholeSchool" ? " Reported only with a `wholeSchool` block." : ""}`,
  };
}

/** Every KPI name with its label, unit and definition. */
export const KPI_DOCS: Readonly<Record<string, KpiDoc>> = base;
