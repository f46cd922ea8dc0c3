import { describe, expect, it } from "vitest";
import { buildCalendar, computeKpis, simulate, type Practitioner, type ServiceModel, type WholeSchoolConfig } from "../../sim/model/index.js";
import { errorsOf, MINIMAL } from "../scenarios/fixtures.js";
import { emhp, smallService } from "./fixtures.js";
import { slotSum } from "./helpers.js";

const withWork = (m: ServiceModel, w: WholeSchoolConfig, extra: Practitioner[] = []): ServiceModel => ({ ...m, wholeSchool: w, practitioners: [...m.practitioners, ...extra] });
/** An educational psychologist at 0.4 WTE: Monday in c1, Tuesday morning in c2 and afternoon in c3. */
const ep: Practitioner = { ...emhp("ep", [["c1", "c1"], ["c2", "c3"], [null, null], [null, null], [null, null]]), role: "educationalPsychologist", fte: 0.4 };
const assembly = { kind: "assembly", per: "school" as const, perTerm: 1, slots: 2 };
const total = (out: ReturnType<typeof simulate>, who: string, a: "wholeSchool" | "oneToOne") => out.practitionerWeeks.filter((w) => w.practitioner === who).reduce((s, w) => s + w.slots[a], 0);

describe("whole-school work", () => {
  const base = smallService({ rate: 1 });

  it("an educational psychologist at 0.4 WTE delivers it and holds no cases", () => {
    const out = simulate(withWork(base, { items: [{ ...assembly, roles: ["educationalPsychologist"] }] }, [ep]), { seed: 2, replication: 0 });
    const k = computeKpis(out);
    // Six schools, three terms, one 2-slot assembly each.
    expect(k.wholeSchoolSessions).toBe(18);
    expect(k.wholeSchoolDropped).toBe(0);
    expect(k.wholeSchoolSlots).toBe(36);
    expect(total(out, "ep", "wholeSchool")).toBe(36);
    expect(total(out, "p1", "wholeSchool") + total(out, "p2", "wholeSchool")).toBe(0);
    expect(total(out, "ep", "oneToOne")).toBe(0);
    expect(out.cases.some((c) => c.practitioner === "ep")).toBe(false);
    expect(k.started).toBeGreaterThan(0);
  });

  it("work a cluster's practitioners may not do is left for one who may, and dropped at term end when nobody comes", () => {
    const onlyC1 = { ...ep, fte: 0.2, pattern: [["c1", "c1"], [null, null], [null, null], [null, null], [null, null]] } as Practitioner;
    const k = computeKpis(simulate(withWork(base, { items: [{ ...assembly, roles: ["educationalPsychologist"] }] }, [onlyC1]), { seed: 2, replication: 0 }));
    // The EMHPs of c2 and c3 do not do it: those four schools' sessions are dropped, c1's two schools' delivered.
    expect(k.wholeSchoolSessions).toBe(6);
    expect(k.wholeSchoolDropped).toBe(12);
  });

  it("takes practitioner time: the waits rise, and each practitioner-week still holds the same slots", () => {
    const loaded = smallService({ rate: 1.2 });
    const heavy = withWork(loaded, { items: [{ ...assembly, perTerm: 3, slots: 3 }, { kind: "staff training", per: "cluster", perTerm: 2, slots: 4 }] });
    const reps = [0, 1, 2];
    const wait = (m: ServiceModel) => reps.reduce((s, r) => s + computeKpis(simulate(m, { seed: 8, replication: r })).waitWeeksMeanCensored, 0);
    expect(wait(heavy)).toBeGreaterThan(wait(loaded));
    const a = simulate(loaded, { seed: 8, replication: 0 });
    const b = simulate(heavy, { seed: 8, replication: 0 });
    expect(b.practitionerWeeks.map(slotSum)).toEqual(a.practitionerWeeks.map(slotSum));
    const k = computeKpis(b);
    // 6 schools × 3 + 3 clusters × 2 sessions a term, 3 terms; EMHPs (roles default) do them.
    expect(k.wholeSchoolSessions + k.wholeSchoolDropped).toBe(3 * (6 * 3 + 3 * 2));
    expect(k.wholeSchoolSlots).toBeGreaterThanOrEqual(3 * (6 * 3 * 3 + 3 * 2 * 4) - 4 * k.wholeSchoolDropped);
  });

  it("requests on demand come at about rate × term weeks × schools", () => {
    const weeks = buildCalendar(base.calendar).terms.reduce((s, t) => s + t.days.length, 0) / 5;
    const n = [0, 1, 2, 3].map((r) => {
      const k = computeKpis(simulate(withWork(base, { items: [], onDemand: { ratePerSchoolPerWeek: 0.5, slots: 1 } }), { seed: 4, replication: r }));
      return k.wholeSchoolSessions + k.wholeSchoolDropped;
    });
    const mean = n.reduce((a, b) => a + b, 0) / n.length;
    expect(mean).toBeGreaterThan(0.85 * 0.5 * weeks * 6);
    expect(mean).toBeLessThan(1.15 * 0.5 * weeks * 6);
  });
});

describe("bad whole-school input is refused with one line naming the field", () => {
  const file = (block: string) => `${MINIMAL}wholeSchool: ${block}\n`;

  it("work no role on a team can deliver, a role that does not deliver it, an unknown `per`", () => {
    const none = errorsOf(file("{ items: [{ kind: assembly, roles: [educationalPsychologist] }] }"));
    expect(none).toHaveLength(1);
    expect(none[0]).toMatch(/^bad\.yaml:9: wholeSchool\.items\[0\]\.roles: \["educationalPsychologist"\] cannot be delivered in team t: none of its practitioners has a role that does whole-school work "assembly"/);
    const mhst = errorsOf(file("{ items: [{ kind: assembly, roles: [mhstPlus] }] }"));
    expect(mhst[0]).toMatch(/wholeSchool\.items\[0\]\.roles\[0\]: "mhstPlus" does not deliver wholeSchool/);
    expect(errorsOf(file("{ items: [{ kind: fair, per: town }] }"))).toEqual(['bad.yaml:9: wholeSchool.items[0].per: "town" must be one of school, cluster']);
    expect(errorsOf(file("{ onDemand: { ratePerSchoolPerWeek: -2 } }"))).toEqual(["bad.yaml:9: wholeSchool.onDemand.ratePerSchoolPerWeek: -2 must be >= 0"]);
    // EMHPs deliver whole-school work by default.
    expect(errorsOf(file("{ items: [{ kind: assembly }], onDemand: { ratePerSchoolPerWeek: 0.1 } }"))).toEqual([]);
    const off = errorsOf(file("{ items: [{ kind: assembly }] }"), ["roles.emhp.delivers=[oneToOne, group]"]);
    expect(off[0]).toMatch(/wholeSchool\.items\[0\]: .*cannot be delivered in team t/);
  });
});
