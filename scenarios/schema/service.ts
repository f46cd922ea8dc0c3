import { z } from "zod";
import { distribution } from "./distribution.js";
import { perNeed, role, share } from "./primitives.js";

const band = z.strictObject({ label: z.string().min(1), share });

/** How referrals reach the team. */
export const referrals = z
  .strictObject({
    ratePer1000PerWeek: z
      .number()
      .min(0)
      .default(1)
      .describe("Referrals per 1,000 pupils per term week. Default 1 (assumption: no published figure, domain-figures 'not found')."),
    seasonality: z
      .record(z.string(), z.number().min(0))
      .default({})
      .describe("Referral multiplier by term name (missing terms: 1). Default none (assumption: no published figure)."),
    mode: z
      .enum(["continuous", "linkMeeting"])
      .default("continuous")
      .describe(
        "`continuous`: referrals on school days; `linkMeeting`: held for the school's termly link-worker " +
          "meeting (Ealing seed 000). Default continuous (LLR seed 001: referred by the mental health lead).",
      ),
    needMix: perNeed(
      { lowMood: 0.3, anxiety: 0.45, behaviour: 0.15, sleep: 0.1 },
      "Shares of each need, summing to 1 (needs from seeds 000 and 001). Default 0.3/0.45/0.15/0.1 (assumption).",
    ),
    phaseRate: z
      .strictObject({
        primary: z.number().min(0).default(1),
        secondary: z.number().min(0).default(1),
        special: z.number().min(0).default(1),
        alternativeProvision: z.number().min(0).default(2),
        college: z.number().min(0).default(1),
      })
      .prefault({})
      .describe(
        "Referral-rate multiplier by school phase (a school's own referralRate is used as written). Default 1, and 2 for " +
          "alternative provision (assumption: no published MHST rate by phase; prevalence is higher at 11-16 than at 8-10, " +
          "22.6 % against 15.7 %, NHS England wave 4 2023, and higher again among excluded pupils).",
      ),
    ageBands: z
      .strictObject({
        primary: z
          .array(band)
          .min(1)
          .default([
            { label: "5-7", share: 0.4 },
            { label: "8-11", share: 0.6 },
          ])
          .describe("Bands for primary schools. Default 5-7: 0.4, 8-11: 0.6 (assumption)."),
        other: z
          .array(band)
          .min(1)
          .default([
            { label: "11-13", share: 0.45 },
            { label: "14-16", share: 0.4 },
            { label: "17-18", share: 0.15 },
          ])
          .describe("Bands for the phases without their own list. Default 11-13: 0.45, 14-16: 0.4, 17-18: 0.15 (assumption; LLR seed 001: up to 18)."),
        secondary: z.array(band).min(1).optional().describe("Bands for secondary schools. Default: `other`."),
        special: z.array(band).min(1).optional().describe("Bands for special schools. Default: `other`."),
        alternativeProvision: z
          .array(band)
          .min(1)
          .default([
            { label: "11-13", share: 0.3 },
            { label: "14-16", share: 0.7 },
          ])
          .describe("Bands for alternative provision. Default 11-13: 0.3, 14-16: 0.7 (assumption: most pupils in AP are in key stage 4)."),
        college: z
          .array(band)
          .min(1)
          .default([
            { label: "16-18", share: 0.85 },
            { label: "19-21", share: 0.15 },
          ])
          .describe("Bands for further-education colleges. Default 16-18: 0.85, 19-21: 0.15 (assumption: most students are 16-18; some to 21, or 25 with an EHC plan)."),
      })
      .prefault({})
      .describe("Age bands with shares (each list sums to 1); ages 4-21 (LLR seed 001: 5-18; colleges and special schools to 21). Default shares: assumption."),
    urgentShare: share.default(0.1).describe("Share given clinical priority (Ealing seed 000). Default 0.1 (assumption)."),
    mhstPlusShare: share
      .default(0)
      .describe("Share eligible for MHST+ (Ealing seed 000). Default 0: only services with MHST+ set it (assumption)."),
  })
  .prefault({})
  .describe("How referrals reach the team.");

/** Triage and consent. */
export const triage = z
  .strictObject({
    triageDays: distribution
      .default({ kind: "triangular", min: 2, mode: 5, max: 10 })
      .describe("Days from referral to triage decision. Default triangular 2/5/10 (assumption)."),
    signpostShare: share
      .default(0.25)
      .describe("Share signposted elsewhere at triage (seeds 000, 001: signposting). Default 0.25 (assumption: not published)."),
    consentDays: distribution
      .default({ kind: "triangular", min: 1, mode: 3, max: 10 })
      .describe("Days from triage to parental consent (LLR seed 001: consent before consultation). Default triangular 1/3/10 (assumption)."),
    declineShare: share.default(0.05).describe("Share of families declining consent. Default 0.05 (assumption)."),
  })
  .prefault({})
  .describe("Triage and consent.");

/** The waiting list. */
export const waitlist = z
  .strictObject({
    scope: z
      .enum(["cluster", "team", "practitioner"])
      .default("cluster")
      .describe(
        "Who may start whom (sim/model/README.md). `cluster`: a list per cluster, started by every practitioner working there; " +
          "`team`: one list across the team's clusters, started by any of its practitioners; `practitioner`: a list per named " +
          "practitioner across their clusters (Ealing seed 000: 'the practitioner will have a small waiting list'), others " +
          "working in a cluster start its children too. Default cluster (assumption).",
      ),
    patienceWeeks: distribution
      .optional()
      .describe("Weeks a case waits before the family withdraws. Default: nobody withdraws (assumption)."),
    initialPerCluster: z.int().min(0).default(0).describe("Cases waiting at day 0 per cluster. Default 0 (assumption)."),
  })
  .prefault({})
  .describe("The waiting list (referral order unless clinical need prioritises: Ealing seed 000).");

/** One-to-one casework. */
export const casework = z
  .strictObject({
    slotsPerDay: z
      .number()
      .gt(0)
      .default(4)
      .describe("Case contacts per allocated day. Default 4 (Ealing seed 000: 'able to see 3-4 cases per day')."),
    sessions: distribution
      .default({ kind: "triangular", min: 6, mode: 7, max: 8 })
      .describe("Sessions a case needs. Default triangular 6/7/8 (domain-figures: LI-CBT 6–8 sessions)."),
    sessionIntervalDays: z
      .int()
      .min(1)
      .default(7)
      .describe("Days between sessions. Default 7 (domain-figures: 6–8 sessions over about 9–12 weeks, weekly)."),
    caseloadCap: z
      .int()
      .min(1)
      .default(18)
      .describe(
        "Open cases a full-time practitioner holds at once, across all their clusters (a post holds round(cap x fte); a running " +
          "group counts as groups.slotsPerSession cases). Default 18 (assumption: no published caseload; about a week of clinical slots at 4 a day).",
      ),
    traineeCaseloadShare: share
      .default(0.5)
      .describe("Share of the caseload cap a trainee EMHP holds during the course. Default 0.5 (assumption)."),
    dnaShare: share.default(0.1).describe("Share of booked sessions not attended. Default 0.1 (assumption)."),
    stepUpShare: share
      .default(0.05)
      .describe("Share of courses that end in a step-up to specialist services (decided at the end of the course). Default 0.05 (assumption)."),
    stepUpAtTriageShare: share
      .default(0)
      .describe("Share of referrals not signposted that triage steps up to specialist services at once (they leave). Default 0 (assumption: no published rate)."),
    stepUpEarlyShare: share
      .default(0)
      .describe("Share of 1:1 cases stepped up at assessment, after stepUpEarlyAfterSessions sessions (the rest of the course is freed). Default 0 (assumption)."),
    stepUpEarlyAfterSessions: z
      .int()
      .min(1)
      .default(2)
      .describe("Sessions after which an early step-up is decided (assessment in the first sessions). Default 2 (assumption)."),
  })
  .prefault({})
  .describe("One-to-one casework (1:1 LI-CBT, LLR seed 001).");

/** Group work. */
export const groups = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Whether groups run (seeds 000, 001). Default true."),
    slotsPerSession: z
      .int()
      .min(1)
      .default(3)
      .describe("Case slots a group session costs. Default 3 (Ealing seed 000: 'will count as 2-3 cases')."),
    weeks: z.int().min(1).default(6).describe("Weekly sessions in a programme. Default 6 (assumption)."),
    formation: z
      .enum(["planned", "whenEnough"])
      .default("whenEnough")
      .describe(
        "`planned`: perClusterPerTerm groups a term per cluster, each starting on its planned day (or the first day after it with " +
          "the slots) with the group-suited children waiting, however few (Ealing seed 000: 'one group per cluster per term'); " +
          "`whenEnough`: a group starts whenever minChildren wait. Default whenEnough (assumption).",
      ),
    perClusterPerTerm: z.int().min(0).default(1).describe("Planned groups per cluster per term. Default 1 (assumption)."),
    minChildren: z.int().min(1).default(4).describe("Children needed to start a group. Default 4 (assumption)."),
    maxChildren: z.int().min(1).default(8).describe("Most children a group takes. Default 8 (assumption)."),
    suitableShare: perNeed(
      { lowMood: 0.2, anxiety: 0.3, behaviour: 0.3, sleep: 0.2 },
      "Share of accepted cases, by need, suited to a group. Default 0.2/0.3/0.3/0.2 (assumption).",
    ),
    virtual: z
      .boolean()
      .default(false)
      .describe("Virtual groups run outside school and term (LLR seed 001: parenting groups 'offered virtually'). Default false."),
    maxWaitWeeks: z
      .number()
      .min(0)
      .default(6)
      .describe(
        "Weeks from referral a group-suited child waits for a group at most; then 1:1 is offered, keeping their place. " +
          "Default 6 (assumption: no published figure).",
      ),
  })
  .prefault({})
  .describe("Group work.");

/** Non-clinical work that takes case slots. */
export const meetings = z
  .strictObject({
    linkMeetingSlots: z.int().min(0).default(1).describe("Slots per link-worker meeting. Default 1 (assumption)."),
    linkMeetingsPerTerm: z
      .int()
      .min(0)
      .default(1)
      .describe("Link-worker meetings per school per term. Default 1 (Ealing seed 000: 'once a term')."),
    clusterMeetingSlots: z
      .int()
      .min(0)
      .default(2)
      .describe("Slots for the termly joint cluster meeting (Ealing seed 000). Default 2 (assumption)."),
    trainingPrepSlots: z
      .int()
      .min(0)
      .default(2)
      .describe("Slots to prepare a cluster's termly training session (Ealing seed 000). Default 2 (assumption)."),
    trainingDeliverySlots: z
      .int()
      .min(0)
      .default(2)
      .describe("Slots to deliver it (Ealing seed 000: 'one training session a term'). Default 2 (assumption)."),
    supervisionSlotsPerWeek: z
      .int()
      .min(0)
      .default(1)
      .describe("Supervision slots per practitioner per week (London report seed 003: effective supervision). Default 1 (assumption)."),
    adminSlotsPerWeek: z.int().min(0).default(2).describe("Admin slots per practitioner per week. Default 2 (assumption)."),
  })
  .prefault({})
  .describe("Non-clinical work that takes case slots.");

/** Who supervises whom. */
export const supervision = z
  .strictObject({
    superviseeRoles: z
      .array(role)
      .default(["emhp"])
      .describe("Roles supervised by a supervisor in their team. Default emhp (seed 003: effective clinical supervision for EMHPs)."),
    supervisorRoles: z
      .array(role)
      .default(["seniorClinician"])
      .describe("Roles that supervise. Default seniorClinician (domain-figures: standard team of EMHPs and senior clinicians)."),
    maxSuperviseesPerSupervisor: z
      .int()
      .min(1)
      .default(4)
      .describe("Most supervisees one supervisor takes. Default 4 (assumption: no published ratio)."),
    supervisorSlotsPerSupervisee: z
      .number()
      .min(0)
      .default(1)
      .describe("Supervisor's slots per supervisee per term week (one-to-one supervision). Default 1 (assumption)."),
  })
  .prefault({})
  .describe(
    "Supervision given: supervisees are shared in turn among their team's supervisors; the supervisor's time comes first " +
      "from the non-clinical part of their week, then from their cluster time.",
  );

const WORK = ["oneToOne", "group", "mhstPlus", "consultation", "wholeSchool"] as const;

/** One role's settings; each absent field takes the role's default (scenarios/README.md, "Roles"). */
const roleSettings = (what: string) =>
  z
    .strictObject({
      slotsPerDay: z
        .number()
        .gt(0)
        .optional()
        .describe("Case contacts per allocated day. Default casework.slotsPerDay (Ealing seed 000: 3-4 a day)."),
      caseloadCap: z
        .int()
        .min(0)
        .optional()
        .describe("Open cases a full-time post holds at once; 0 holds no cases. Default: see the role."),
      delivers: z
        .array(z.enum(WORK))
        .optional()
        .describe("Work the role delivers: oneToOne, group, mhstPlus, consultation, wholeSchool. Default: see the role."),
      supervisionSlotsPerWeek: z
        .number()
        .min(0)
        .optional()
        .describe("Slots a term week spent receiving supervision. Default meetings.supervisionSlotsPerWeek for the supervisee roles, half of it for the others (assumption: qualified clinicians' own supervision is fortnightly)."),
      caseworkDays: z
        .number()
        .min(0)
        .max(5)
        .optional()
        .describe("Clinical days a week of a full-time post where an allocation or team template does not say (fte x caseworkDays). Default 5; senior clinicians 2.5 (assumption)."),
    })
    .optional()
    .describe(what);

/** What each role does. */
export const roles = z
  .strictObject({
    emhp: roleSettings(
      "EMHPs: casework.caseloadCap; deliver oneToOne, group, consultation and wholeSchool (seed 001: EMHPs deliver LI-CBT and groups and liaise with schools).",
    ),
    clinician: roleSettings(
      "Clinicians: casework.caseloadCap; deliver oneToOne, group, consultation and wholeSchool (seed 001: a multi-disciplinary team).",
    ),
    seniorClinician: roleSettings(
      "Senior clinicians: half of casework.caseloadCap, rounded, over 2.5 casework days a week (assumption: the rest of their week goes to supervision, consultation and leading the team); deliver oneToOne, group, consultation and wholeSchool.",
    ),
    mhstPlus: roleSettings(
      "MHST+ practitioners: casework.caseloadCap across the team; deliver mhstPlus and consultation (seed 000: specialist assessment and intervention).",
    ),
    educationalPsychologist: roleSettings(
      "Educational psychologists: hold no cases (caseloadCap 0); deliver consultation and wholeSchool (assumption: staff training and whole-school work; seed 002: MHSTs supplement educational psychology).",
    ),
  })
  .prefault({})
  .describe("What each role does: slots a day, caseload cap, the work it delivers, supervision received. Supervision given: `supervision.supervisorRoles`.");

/** Waiting-time standards. */
export const standards = z
  .strictObject({
    firstContactWeeks: z
      .number()
      .gt(0)
      .default(4)
      .describe("Weeks from referral to first contact (seed 002: twelve teams piloting a four-week waiting time). Default 4."),
  })
  .prefault({})
  .describe("Waiting-time standards the KPIs measure against (a team may set its own firstContactWeeks).");

/** Workforce events. */
export const workforce = z
  .strictObject({
    recruitmentLagWeeks: distribution
      .default(17)
      .describe("Weeks from vacancy to a new holder starting. Default 17 (domain-figures: about 4 months advert to start)."),
    leaveAfterTrainingShare: share
      .default(0.25)
      .describe("Probability a trainee leaves on qualifying (seed 003: 'losing staff once training is completed'). Default 0.25 (assumption)."),
    annualTurnover: share
      .default(0)
      .describe("Annual probability a qualified holder leaves. Default 0 (assumption: no published rate)."),
    refill: z
      .boolean()
      .default(true)
      .describe("Whether vacated posts are re-advertised and filled (seed 003: posts re-advertised); a post's own practitioners[].refill overrides it. Default true."),
  })
  .prefault({})
  .describe("Workforce events beyond each post's own dates.");

/** MHST+ specialist pathway. */
export const mhstPlus = z
  .strictObject({
    enabled: z.boolean().default(false).describe("Whether MHST+ runs (Ealing seed 000). Default false."),
    assessmentSessions: distribution
      .default({ kind: "triangular", min: 2, mode: 3, max: 4 })
      .describe("Sessions of the specialist assessment. Default triangular 2/3/4 (assumption)."),
    interventionShare: share
      .default(0.6)
      .describe(
        "Share offered an intervention after assessment (seed 000: 'may offer'); they wait again, on the team's MHST+ intervention line. Default 0.6 (assumption).",
      ),
    interventionSessions: distribution
      .default({ kind: "triangular", min: 6, mode: 8, max: 10 })
      .describe("Sessions of the intervention (CBT, VIG, behaviour; seed 000). Default triangular 6/8/10 (assumption)."),
  })
  .prefault({})
  .describe("MHST+ specialist pathway for children with autism or a learning disability (Ealing seed 000).");

/** Consultations with school staff, at visits and on an advice line. */
export const consultations = z
  .strictObject({
    ratePerSchoolPerWeek: z
      .number()
      .min(0)
      .default(0.5)
      .describe("Consultations per school per term week (a Poisson count each term). Default 0.5, one a fortnight (assumption: no published figure; seed 001: the mental health lead discusses concerns with the MHST)."),
    via: z
      .enum(["visit", "adviceLine", "both"])
      .default("visit")
      .describe(
        "`visit`: held when a practitioner works in the school's cluster; `adviceLine`: answered by any answering practitioner of the school's team in any of their segments; `both`: a visitShare at visits, the rest on the advice line. Default visit (seeds 000 and 001: discussion with the school's link worker or mental health lead).",
      ),
    visitShare: share
      .default(0.5)
      .describe("Share held at visits when via is both. Default 0.5 (assumption)."),
    slots: z
      .int()
      .min(1)
      .default(1)
      .describe("Case slots one consultation takes. Default 1 (assumption: one 30-60 minute slot)."),
    roles: z
      .array(role)
      .min(1)
      .optional()
      .describe("Roles that answer; each must deliver consultation. Default: every role that delivers consultation (see `roles`)."),
    referralShare: share
      .default(0)
      .describe(
        "Share of consultations that become referrals, on the consultation day (or at the school's next link meeting in link-meeting mode), on top of referrals.ratePer1000PerWeek. Default 0 (assumption: the referral rate already holds the referrals that follow a discussion with school staff, seed 001).",
      ),
  })
  .optional()
  .describe("Consultations with school staff: practitioner time that opens no case (seed 001: advice and signposting; referral after discussion with the MHST). Absent: none.");

const wholeSchoolRoles = z
  .array(role)
  .min(1)
  .optional()
  .describe("Roles that deliver it; each must deliver wholeSchool. Default: every role that delivers wholeSchool (see `roles`).");

/** Whole-school work: items on the calendar every term, and requests on demand. */
export const wholeSchool = z
  .strictObject({
    items: z
      .array(
        z.strictObject({
          kind: z.string().min(1).describe("What it is: assembly, workshop, staff training, health fair (a label)."),
          per: z.enum(["school", "cluster"]).default("school").describe("Held for each school, or once for each cluster (open to its schools, seed 000). Default school."),
          perTerm: z.int().min(0).default(1).describe("Sessions per school (or cluster) per term. Default 1 (assumption)."),
          slots: z.int().min(1).default(2).describe("Case slots one session takes, preparation included. Default 2 (assumption)."),
          roles: wholeSchoolRoles,
        }),
      )
      .default([])
      .describe("Scheduled items (seed 001: staff training, whole-school assemblies, workshops and health fairs). Default none."),
    onDemand: z
      .strictObject({
        ratePerSchoolPerWeek: z.number().min(0).describe("Requests per school per term week (a Poisson count each term)."),
        slots: z.int().min(1).default(2).describe("Case slots one request takes. Default 2 (assumption)."),
        roles: wholeSchoolRoles,
      })
      .optional()
      .describe("Whole-school work schools ask for during term. Absent: none."),
  })
  .optional()
  .describe("Whole-school work by the roles that deliver wholeSchool, scheduled per school or cluster each term, or on demand (seed 001: the 'Whole School and College Approach'). Absent: none.");
