import { z } from "zod";
import { distribution } from "./distribution.js";
import { id, role, share } from "./primitives.js";

/** One entry of the intervention catalogue. */
export const intervention = z
  .strictObject({
    id: id.describe("Intervention id, used in routes, overrides and case records (e.g. liCbt, brief, parentLedCbt)."),
    label: z.string().optional().describe("Name shown in reports. Default: the id."),
    form: z
      .enum(["oneToOne", "group"])
      .default("oneToOne")
      .describe(
        "`oneToOne`: a course of sessions with one practitioner (booked every intervalDays); `group`: the children join a group " +
          "programme run as the `groups` block says. Default oneToOne.",
      ),
    sessions: distribution
      .optional()
      .describe("Sessions (contacts) a child needs, for oneToOne. Default casework.sessions."),
    slotsPerSession: z
      .int()
      .min(1)
      .max(8)
      .optional()
      .describe("Case slots a face-to-face session costs: for oneToOne default 1 (one 30-60 minute contact, domain-figures: LI-CBT); for a group, a group session, default groups.slotsPerSession."),
    phoneSessions: z
      .int()
      .min(0)
      .default(0)
      .describe(
        "Of the sessions, how many are by phone: sessions 2, 4, 6, ... up to this many (the first contact is always face to face). " +
          "Default 0. Parent-led CBT: 4 of 8 (domain-figures: Thirlwall et al. 2013).",
      ),
    phoneSlots: z
      .number()
      .gt(0)
      .max(1)
      .default(0.5)
      .describe("Case slots a phone session costs: phone sessions share a slot (0.5: two a slot). Default 0.5 (assumption: 'brief phone sessions', no published length)."),
    intervalDays: z
      .int()
      .min(1)
      .optional()
      .describe("Days between sessions. Default casework.sessionIntervalDays (weekly)."),
    weeks: z.int().min(1).optional().describe("Weekly sessions of a group programme. Default groups.weeks."),
    minChildren: z.int().min(1).optional().describe("Children needed to start a group. Default groups.minChildren."),
    maxChildren: z.int().min(1).optional().describe("Most children a group takes. Default groups.maxChildren."),
    virtual: z
      .boolean()
      .optional()
      .describe("A virtual group also forms and meets out of term, on virtual time (LLR seed 001: parenting groups 'offered virtually'). Default groups.virtual."),
    scope: z
      .enum(["cluster", "team"])
      .default("cluster")
      .describe("Where a group's children come from: the practitioner's cluster (in school), or any cluster of the team (a virtual group open across the team's clusters). Default cluster."),
    deliveredBy: z
      .array(role)
      .min(1)
      .optional()
      .describe("Roles that deliver it; each must deliver oneToOne (or group, for a group). Default: every role that does (see `roles`)."),
  })
  .describe("One intervention a child may be routed to at triage.");

/** Route shares of one need: intervention id → share of the need's accepted children. */
const routeShares = z.record(z.string(), share).describe("Share of the need's accepted children routed to each intervention id; the shares sum to 1.");

/** The intervention catalogue and the routes triage assigns. */
export const interventions = z
  .strictObject({
    catalogue: z
      .array(intervention)
      .min(1)
      .describe("Interventions offered (domain-figures: 1:1 LI-CBT 6-8 sessions; parent-led CBT 4 face-to-face and 4 phone sessions)."),
    routes: z
      .strictObject({ lowMood: routeShares.optional(), anxiety: routeShares.optional(), behaviour: routeShares.optional(), sleep: routeShares.optional() })
      .describe("Route shares by need; a need left out goes to the first oneToOne intervention of the catalogue."),
    fallback: z
      .string()
      .optional()
      .describe(
        "oneToOne intervention given to a child routed to a group who is urgent, or for whom no group starts within groups.maxWaitWeeks. " +
          "Default: the first oneToOne intervention of the catalogue.",
      ),
  })
  .optional()
  .describe(
    "An intervention catalogue in place of the single casework course: triage routes each accepted child, by need, to one of its interventions " +
      "(MHST+ children stay on the MHST+ pathway). Absent: every child gets casework.sessions, or a group as groups.suitableShare says.",
  );
