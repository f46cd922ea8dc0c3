import { describe, expect, it } from "vitest";
import { buildCalendar, simulate } from "../../sim/model/index.js";
import { emhp, smallService, withPatch } from "./fixtures.js";
import { slotSum, weekPatternSlots } from "./helpers.js";

const quiet = (m = smallService()) => withPatch(m, { referrals: { ratePer1000PerWeek: 0 }, waitlist: { initialPerCluster: 0 } });

describe("slots and capacity", () => {
  it("closed form: with no referrals every slot is idle and each cluster gets exactly its pattern's slots", () => {
    // In-term weekdays (see calendar test): Mon 38, Tue 39, Wed 39, Thu 39, Fri 39; 4 slots a day.
    // c1 = p1 Mon+Tue = 4·(38+39); c2 = p1 Wed + p2 Thu am = 4·39 + 2·39; c3 = p2 Thu pm + Fri = 2·39 + 4·39.
    const out = simulate(quiet(), { seed: 1, replication: 0 });
    const total = (c: string) => out.weeks.filter((w) => w.cluster === c).reduce((s, w) => s + slotSum(w), 0);
    const idle = (c: string) => out.weeks.filter((w) => w.cluster === c).reduce((s, w) => s + w.slots.idle, 0);
    expect([total("c1"), total("c2"), total("c3")]).toEqual([308, 234, 234]);
    expect([idle("c1"), idle("c2"), idle("c3")]).toEqual([308, 234, 234]);
    expect(out.cases.length).toBe(0);
  });

  it("outside term only the virtual share is available (exact: 0.5 of every out-of-term weekday)", () => {
    // Out-of-term weekdays: Mon 14, Tue 13, Wed 13, Thu 13, Fri 13.
    const m = withPatch(quiet(), { calendar: { virtualOutsideTermShare: 0.5 } });
    const out = simulate(m, { seed: 1, replication: 0 });
    const total = (c: string) => out.weeks.filter((w) => w.cluster === c).reduce((s, w) => s + slotSum(w), 0);
    expect([total("c1"), total("c2"), total("c3")]).toEqual([308 + 2 * 27, 234 + 2 * 13 + 13, 234 + 13 + 2 * 13]);
  });

  it("in every practitioner week, slots by activity + vacant + university = the pattern's slots (to within the carried fractions)", () => {
    for (const share of [0, 0.3]) {
      const m = withPatch(smallService({ rate: 2, years: 2 }), { calendar: { virtualOutsideTermShare: share } });
      const out = simulate(m, { seed: 3, replication: 1 });
      for (const r of out.practitionerWeeks) {
        const p = m.practitioners.findIndex((x) => x.id === r.practitioner);
        const used = slotSum(r) + r.vacantSlots + r.universitySlots;
        if (share === 0) expect(used).toBe(weekPatternSlots(m, p, r.week));
        // Each of the post's clusters carries less than one slot's fraction from week to week.
        else expect(Math.abs(used - weekPatternSlots(m, p, r.week))).toBeLessThan(new Set(m.practitioners[p].pattern.flat().filter((x) => x !== null)).size);
      }
    }
  });

  it("no slots at all in holiday weeks when there is no virtual share", () => {
    const out = simulate(smallService({ rate: 2 }), { seed: 2, replication: 0 });
    const cal = buildCalendar(smallService().calendar);
    for (const w of out.weeks) if (!cal.termWeek[7 * w.week]) expect(slotSum(w)).toBe(0);
  });

  it("fractional slots are carried from segment to segment of a cluster: each cluster gets its exact share", () => {
    const m = withPatch(quiet(), {
      casework: { slotsPerDay: 3 },
      practitioners: [emhp("p1", [["c1", "c1"], ["c1", null], [null, "c1"], ["c1", "c2"], [null, null]])] as never,
    });
    const out = simulate(m, { seed: 1, replication: 0 });
    // Week 1 is a full term week of 6 half-days × 1.5 = 9 slots: c1's five half-days give
    // 3 + 1 + 2 + 1 with the half slot carried from week 0, and c2's one gives 1.5 + 0.5 = 2.
    const w1 = (c: string) => slotSum(out.weeks.find((w) => w.week === 1 && w.cluster === c)!);
    expect(w1("c1")).toBe(7);
    expect(w1("c2")).toBe(2);
    const cal = buildCalendar(m.calendar);
    for (const c of ["c1", "c2"]) {
      let halves = 0;
      for (let d = 0; d < cal.horizonDays; d++) if (cal.inTerm[d] && cal.weekday[d] < 5) halves += m.practitioners[0]!.pattern[cal.weekday[d]]!.filter((x) => x === c).length;
      const total = out.weeks.filter((w) => w.cluster === c).reduce((s, r) => s + slotSum(r), 0);
      expect(total, c).toBe(Math.floor(halves * 1.5 + 1e-9));
    }
  });
});
