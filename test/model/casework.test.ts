import { describe, expect, it } from "vitest";
import { buildCalendar, simulate } from "../../sim/model/index.js";
import { mondayService } from "./fixtures.js";

/** One cluster, one practitioner on Mondays (4 slots), caseload room for 4, 8 cases waiting at day 0. */
function mondays(extra: { dnaShare?: number; stepUpShare?: number } = {}) {
  return mondayService(8, {
    // cap 20 for a full week → round(20 · 2/10) = 4 for one day a week.
    casework: { caseloadCap: 20, sessions: { kind: "deterministic", value: 6 }, dnaShare: extra.dnaShare ?? 0, stepUpShare: extra.stepUpShare ?? 0 },
  });
}

describe("1:1 casework, closed form", () => {
  const cal = buildCalendar(mondays().calendar);
  const inTermMondays = Array.from(cal.inTerm.keys()).filter((d) => cal.inTerm[d] && cal.weekday[d] === 0);

  it("starts 4 cases on the first in-term Monday, the next 4 on the 7th, each ending after its 6th weekly session", () => {
    const out = simulate(mondays(), { seed: 1, replication: 0 });
    expect(inTermMondays.length).toBe(38);
    const first = out.cases.map((c) => c.firstContactDay).sort((a, b) => a! - b!);
    expect(first).toEqual([0, 0, 0, 0, 6, 6, 6, 6].map((i) => inTermMondays[i]));
    const ends = out.cases.map((c) => c.endDay).sort((a, b) => a! - b!);
    expect(ends).toEqual([5, 5, 5, 5, 11, 11, 11, 11].map((i) => inTermMondays[i]));
    expect(out.cases.every((c) => c.outcome === "completed" && c.sessions === 6 && c.dnas === 0)).toBe(true);
    const sum = (a: "oneToOne" | "idle" | "dna") => out.weeks.reduce((s, w) => s + w.slots[a], 0);
    expect(sum("oneToOne")).toBe(48);
    expect(sum("idle")).toBe(4 * 38 - 48);
    expect(out.weeks.reduce((s, w) => s + w.contacts, 0)).toBe(48);
  });

  it("a DNA wastes the slot and the session is rebooked a week on (dnaShare 1: only first contacts attend)", () => {
    const out = simulate(mondays({ dnaShare: 1 }), { seed: 1, replication: 0 });
    const sum = (a: "oneToOne" | "dna") => out.weeks.reduce((s, w) => s + w.slots[a], 0);
    expect(sum("oneToOne")).toBe(4);
    expect(sum("dna")).toBe(4 * 37);
    expect(out.cases.filter((c) => c.outcome === "open").every((c) => c.sessions === 1 && c.dnas === 37)).toBe(true);
    expect(out.cases.filter((c) => c.outcome === "waiting").length).toBe(4);
  });

  it("stepUpShare 1 steps every finished case up", () => {
    const out = simulate(mondays({ stepUpShare: 1 }), { seed: 1, replication: 0 });
    expect(out.cases.map((c) => c.outcome)).toEqual(Array(8).fill("steppedUp"));
  });
});
