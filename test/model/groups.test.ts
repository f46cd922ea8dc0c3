import { describe, expect, it } from "vitest";
import { buildCalendar, simulate, type GroupConfig } from "../../sim/model/index.js";
import { mondayService, smallService, withPatch } from "./fixtures.js";

/** One cluster, one practitioner on Mondays (4 slots, caseload room 4), 10 group-suited cases at day 0. */
function groupService(g: Partial<GroupConfig> = {}) {
  return mondayService(10, {
    casework: { caseloadCap: 20, dnaShare: 0, stepUpShare: 0 },
    groups: {
      enabled: true, slotsPerSession: 3, weeks: 4, formation: "whenEnough", perClusterPerTerm: 1, minChildren: 4, maxChildren: 6,
      suitableShare: { lowMood: 1, anxiety: 1, behaviour: 1, sleep: 1 }, virtual: false, maxWaitWeeks: 52, ...g,
    },
  });
}
const cal = buildCalendar(smallService().calendar);
const mondays = Array.from(cal.inTerm.keys()).filter((d) => cal.inTerm[d] && cal.weekday[d] === 0);
const springMonday = mondays.find((d) => cal.termName(d) === "spring")!;

describe("groups", () => {
  it("whenEnough: 6 children start together, end at the 4th session; the next 4 form once caseload and slots allow", () => {
    const out = simulate(groupService(), { seed: 1, replication: 0 });
    const byStart = [...out.cases].sort((a, b) => a.firstContactDay! - b.firstContactDay!);
    expect(byStart.every((c) => c.route === "group" && c.outcome === "completed" && c.sessions === 4)).toBe(true);
    expect(byStart.map((c) => c.firstContactDay)).toEqual([...Array(6).fill(mondays[0]), ...Array(4).fill(mondays[4])]);
    expect(byStart.map((c) => c.endDay)).toEqual([...Array(6).fill(mondays[3]), ...Array(4).fill(mondays[7])]);
    // The group ends on Monday #3 leaving 1 free slot: not enough to form the next (3 slots).
    const groupSessions = out.weeks.reduce((s, w) => s + w.groupSessions, 0);
    const groupSlots = out.weeks.reduce((s, w) => s + w.slots.group, 0);
    expect(groupSessions).toBe(8);
    expect(groupSlots).toBe(3 * 8);
    for (const w of out.weeks) expect(w.slots.group).toBe(3 * w.groupSessions);
  });

  it("does not form a group below minChildren", () => {
    const out = simulate(groupService({ minChildren: 11 }), { seed: 1, replication: 0 });
    expect(out.cases.every((c) => c.outcome === "waiting" && c.route === "group")).toBe(true);
  });

  it("a child for whom no group starts within maxWaitWeeks of referral starts 1:1 instead, on the first free slot after", () => {
    const out = simulate(groupService({ minChildren: 11, maxWaitWeeks: 2 }), { seed: 1, replication: 0 });
    // Ten children at day 0, too few for a group: on day 14 they move to the 1:1 line; the
    // Monday practitioner (4 slots) starts them in order from the next Monday on.
    const starts = out.cases.map((c) => c.firstContactDay!).sort((a, b) => a - b);
    expect(out.cases.every((c) => c.route === "oneToOne")).toBe(true);
    expect(starts.slice(0, 4)).toEqual(Array(4).fill(mondays.find((d) => d >= 14)));
    expect(starts.every((d) => d >= 14)).toBe(true);
  });

  it("planned: at most perClusterPerTerm groups a term — the second forms on the first spring Monday", () => {
    const out = simulate(groupService({ formation: "planned", perClusterPerTerm: 1 }), { seed: 1, replication: 0 });
    const starts = [...new Set(out.cases.map((c) => c.firstContactDay))].sort((a, b) => a! - b!);
    expect(starts).toEqual([mondays[0], springMonday]);
  });

  it("cases not suited to groups take the 1:1 route; groups disabled sends everyone 1:1", () => {
    const mixed = simulate(withPatch(smallService({ rate: 1.5 }), { groups: { ...groupService().groups, maxWaitWeeks: 52, suitableShare: { lowMood: 0, anxiety: 0.5, behaviour: 0, sleep: 0 } } }), { seed: 2, replication: 0 });
    const routes = (need: string) => new Set(mixed.cases.filter((c) => c.need === need && c.consentDay !== null && c.outcome !== "declined").map((c) => c.route));
    expect(routes("lowMood")).toEqual(new Set(["oneToOne"]));
    expect(routes("anxiety")).toEqual(new Set(["oneToOne", "group"]));
    // Urgent children on a group route are offered 1:1 at once.
    expect(mixed.cases.some((c) => c.priority === "urgent" && c.route === "group")).toBe(false);
    const off = simulate(smallService({ rate: 1.5 }), { seed: 2, replication: 0 });
    expect(off.cases.some((c) => c.route === "group")).toBe(false);
  });

  it("in-school groups pause outside term; virtual groups also run in holidays", () => {
    const busy = (virtual: boolean) =>
      withPatch(smallService({ rate: 2 }), {
        calendar: { virtualOutsideTermShare: 1 },
        groups: { ...groupService().groups, minChildren: 3, virtual, suitableShare: { lowMood: 0.5, anxiety: 0.5, behaviour: 0.5, sleep: 0.5 } },
      });
    const outside = (virtual: boolean) =>
      simulate(busy(virtual), { seed: 4, replication: 0 }).weeks.filter((w) => !cal.termWeek[7 * w.week]).reduce((s, w) => s + w.groupSessions, 0);
    expect(outside(false)).toBe(0);
    expect(outside(true)).toBeGreaterThan(0);
  });
});
