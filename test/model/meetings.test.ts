import { describe, expect, it } from "vitest";
import { buildCalendar, simulate, type Activity } from "../../sim/model/index.js";
import { smallService, withPatch } from "./fixtures.js";
import { slotSum } from "./helpers.js";

const meetings = { linkMeetingSlots: 1, linkMeetingsPerTerm: 1, clusterMeetingSlots: 2, trainingPrepSlots: 2, trainingDeliverySlots: 1, supervisionSlotsPerWeek: 1, adminSlotsPerWeek: 1 };
const quiet = withPatch(smallService(), { referrals: { ratePer1000PerWeek: 0 }, waitlist: { initialPerCluster: 0 }, meetings });
const out = simulate(quiet, { seed: 1, replication: 0 });
const cal = buildCalendar(quiet.calendar);
const total = (a: Activity, f: (w: (typeof out.weeks)[number]) => boolean = () => true) => out.weeks.filter(f).reduce((s, w) => s + w.slots[a], 0);

describe("non-clinical time", () => {
  it("closed form per cluster and year: 2 schools × 1 link slot, 2 cluster-meeting and 3 training slots, 3 terms", () => {
    for (const c of ["c1", "c2", "c3"]) {
      const inC = (w: (typeof out.weeks)[number]) => w.cluster === c;
      expect([total("linkMeeting", inC), total("clusterMeeting", inC), total("training", inC)]).toEqual([6, 6, 9]);
    }
  });

  it("supervision and admin: one slot each per term week, shared between clusters by the time given to each", () => {
    const pw = (p: string, a: Activity) => out.practitionerWeeks.filter((r) => r.practitioner === p).reduce((s, r) => s + r.slots[a], 0);
    const cw = (c: string, a: Activity) => out.weeks.filter((r) => r.cluster === c).reduce((s, r) => s + r.slots[a], 0);
    // 40 term weeks. p1 gives c1 four half-days and c2 two: c1 owes 2/3 of a slot a week
    // (26.7 over the year), c2 1/3 plus a quarter of p2's (p2: c2 one half-day, c3 three).
    // A few owed slots fall in weeks whose owing cluster has no in-term day, so are not taken.
    for (const a of ["supervision", "admin"] as const) {
      expect(pw("p1", a)).toBeGreaterThanOrEqual(38);
      expect(pw("p1", a)).toBeLessThanOrEqual(40);
      expect(Math.abs(cw("c1", a) - (40 * 4) / 6)).toBeLessThanOrEqual(1.7);
      expect(cw("c2", a)).toBeGreaterThan(0);
      expect(pw("p2", a)).toBeGreaterThanOrEqual(38);
      expect(pw("p2", a)).toBeLessThanOrEqual(40);
    }
    expect(out.practitionerWeeks.filter((r) => !cal.termWeek[7 * r.week]).every((r) => r.slots.supervision === 0)).toBe(true);
  });

  it("meetings fall early in term and training mid-term; slots still add up to the pattern's", () => {
    for (const t of cal.terms) {
      const weekOf = (d: number) => Math.floor(d / 7);
      const inTerm = (w: (typeof out.weeks)[number]) => w.week >= weekOf(t.startDay) && w.week <= weekOf(t.endDay);
      const meetWeeks = out.weeks.filter((w) => inTerm(w) && w.slots.linkMeeting + w.slots.clusterMeeting > 0).map((w) => w.week);
      const trainWeeks = out.weeks.filter((w) => inTerm(w) && w.slots.training > 0).map((w) => w.week);
      expect(Math.max(...meetWeeks) - weekOf(t.days[0])).toBeLessThanOrEqual(2);
      const mid = weekOf(t.days[Math.floor(t.days.length / 2)]);
      for (const w of trainWeeks) expect(Math.abs(w - mid)).toBeLessThanOrEqual(2);
    }
    const all = out.weeks.reduce((s, w) => s + slotSum(w), 0);
    expect(all).toBe(308 + 234 + 234);
  });

  it("meetings take slots from casework: more meeting time means fewer contacts", () => {
    const busy = smallService({ rate: 3 });
    const heavy = withPatch(busy, { meetings: { ...meetings, supervisionSlotsPerWeek: 3, adminSlotsPerWeek: 3 } });
    const contacts = (m: typeof busy) => simulate(m, { seed: 9, replication: 0 }).weeks.reduce((s, w) => s + w.contacts, 0);
    expect(contacts(heavy)).toBeLessThan(contacts(busy));
  });
});
