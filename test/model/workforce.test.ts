import { describe, expect, it } from "vitest";
import { simulate, type ServiceModel } from "../../sim/model/index.js";
import { emhp, smallService, withPatch } from "./fixtures.js";
import { weekPatternSlots } from "./helpers.js";

const P1 = [["c1", "c1"], ["c1", "c1"], ["c2", "c2"], [null, null], [null, null]] as const;
const P2 = [[null, null], [null, null], [null, null], ["c2", "c3"], ["c3", "c3"]] as const;
const withPosts = (m: ServiceModel, p1: object, p2: object = {}, wf: object = {}) =>
  withPatch(m, {
    practitioners: [emhp("p1", P1 as never, p1), emhp("p2", P2 as never, p2)] as never,
    workforce: { ...m.workforce, ...wf },
  });
const perWeek = (out: ReturnType<typeof simulate>, p: string, f: "vacantSlots" | "universitySlots") =>
  out.practitionerWeeks.filter((r) => r.practitioner === p).map((r) => r[f]);
const base = smallService({ rate: 1 });

describe("workforce", () => {
  it("a post is vacant before its start date: exactly the pattern's slots of weeks 0–4 are lost", () => {
    const m = withPosts(base, { startDate: "2025-10-06" }); // Monday of week 5
    const out = simulate(m, { seed: 1, replication: 0 });
    const expected = [0, 1, 2, 3, 4].map((w) => weekPatternSlots(m, 0, w));
    expect(perWeek(out, "p1", "vacantSlots").slice(0, 6)).toEqual([...expected, 0]);
    expect(perWeek(out, "p1", "vacantSlots").slice(5).every((v) => v === 0)).toBe(true);
    expect(out.cases.filter((c) => c.practitioner === "p1").every((c) => c.firstContactDay! >= 35)).toBe(true);
  });

  it("after an end date the post is refilled after the recruitment lag (4 weeks), or stays vacant without refill", () => {
    const lag = withPosts(base, {}, { endDate: "2026-01-05" }, { recruitmentLagWeeks: { kind: "deterministic", value: 4 } });
    const v = perWeek(simulate(lag, { seed: 1, replication: 0 }), "p2", "vacantSlots");
    const vacantWeeks = v.map((x, w) => (x > 0 ? w : -1)).filter((w) => w >= 0);
    expect(vacantWeeks).toEqual([18, 19, 20, 21]);
    expect(v[18]).toBe(weekPatternSlots(lag, 1, 18));
    const never = withPosts(base, {}, { endDate: "2026-01-05" }, { refill: false });
    const out = simulate(never, { seed: 1, replication: 0 });
    const v2 = perWeek(out, "p2", "vacantSlots");
    for (let w = 18; w < 52; w++) expect(v2[w]).toBe(weekPatternSlots(never, 1, w));
    // Cases held by the post wait for it: no p2 contact after it falls vacant.
    expect(out.cases.filter((c) => c.practitioner === "p2").every((c) => c.firstContactDay! < 126)).toBe(true);
  });

  it("a trainee's university days come off the pattern from Monday in each phase week, then the trainee qualifies and leaves", () => {
    const m = withPosts(
      base,
      { training: { start: "2025-09-01", phases: [{ weeks: 2, universityDays: 5 }, { weeks: 3, universityDays: 2 }], courseWeeks: 6 } },
      {},
      { leaveAfterTrainingShare: 1, recruitmentLagWeeks: { kind: "deterministic", value: 2 } },
    );
    const out = simulate(m, { seed: 1, replication: 0 });
    // Week 0: Wednesday only in term (4); week 1 all (12); weeks 2–4: Mon+Tue (8 each); week 5 in placement.
    expect(perWeek(out, "p1", "universitySlots").slice(0, 7)).toEqual([4, 12, 8, 8, 8, 0, 0]);
    // Qualifies at the end of week 5 (6-week course), leaves, vacant for the 2-week lag.
    expect(perWeek(out, "p1", "vacantSlots").slice(4, 9)).toEqual([0, 0, 12, 12, 0]);
    const w3 = out.practitionerWeeks.find((r) => r.practitioner === "p1" && r.week === 3)!;
    expect(w3.slots.oneToOne + w3.slots.dna + w3.slots.idle).toBe(4); // Wednesday in c2 still worked
  });

  it("phase weeks are calendar weeks: a half-term week counts as a course week", () => {
    const m = withPosts(base, { training: { start: "2025-10-20", phases: [{ weeks: 2, universityDays: 5 }], courseWeeks: 52 } });
    const uni = perWeek(simulate(m, { seed: 1, replication: 0 }), "p1", "universitySlots");
    // Week 7 (20 Oct) is the first course week; week 8 (half-term) the second; then placement.
    expect(uni.slice(6, 11)).toEqual([0, 12, 0, 0, 0]);
  });

  it("a trainee holds half the caseload cap during the course, the full cap after qualifying", () => {
    const busy = withPatch(smallService({ rate: 6 }), { casework: { caseloadCap: 8 } });
    const m = withPosts(busy, { training: { start: "2025-09-01", phases: [{ weeks: 1, universityDays: 0 }], courseWeeks: 20 } });
    const out = simulate(m, { seed: 3, replication: 0 });
    const openOn = (day: number) => out.cases.filter((c) => c.practitioner === "p1" && c.firstContactDay !== null && c.firstContactDay <= day && (c.endDay === null || c.endDay > day)).length;
    const during = Math.max(...Array.from({ length: 130 }, (_, d) => openOn(d)));
    const after = Math.max(...Array.from({ length: 150 }, (_, d) => openOn(150 + d)));
    expect(during).toBe(4);
    expect(after).toBe(8);
  });

  it("turnover: qualified holders leave at the annual rate and posts are refilled; none leave at rate 0", () => {
    const churn = withPatch(smallService({ rate: 1, years: 3 }), { workforce: { ...base.workforce, annualTurnover: 0.6 } });
    let vacant = 0;
    for (let r = 0; r < 5; r++) vacant += simulate(churn, { seed: 3, replication: r }).practitionerWeeks.reduce((s, x) => s + x.vacantSlots, 0);
    expect(vacant).toBeGreaterThan(0);
    const stable = simulate(smallService({ rate: 1, years: 3 }), { seed: 3, replication: 0 });
    expect(stable.practitionerWeeks.reduce((s, x) => s + x.vacantSlots, 0)).toBe(0);
    const a = simulate(churn, { seed: 3, replication: 0 });
    expect(a.cases.map((c) => c.referralDay)).toEqual(stable.cases.map((c) => c.referralDay));
  });
});

describe("training that began before the run", () => {
  it("counts the course's calendar weeks before day 0 (34 from 6 January to 1 September), then the rest", () => {
    const m = withPosts(base, { training: { start: "2025-01-06", phases: [{ weeks: 35, universityDays: 5 }, { weeks: 2, universityDays: 1 }], courseWeeks: 52 } });
    const uni = perWeek(simulate(m, { seed: 1, replication: 0 }), "p1", "universitySlots");
    // Week 0 is the block's last week (only Wednesday is in term), weeks 1–2 lose Mondays, then placement.
    expect(uni.slice(0, 4)).toEqual([4, 4, 4, 0]);
    expect(uni.reduce((a, b) => a + b, 0)).toBe(12);
  });
});
