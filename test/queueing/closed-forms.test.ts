import { describe, expect, it } from "vitest";
import { cobham, erlangC, exactQueue, md1, mg1Wait, mm1, mmc, queueModel } from "../../sim/queueing/index.js";

/** Erlang C straight from its factorial definition, as a check on the recursion. */
function erlangCDirect(c: number, a: number): number {
  let fact = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    if (k > 0) fact *= k;
    sum += a ** k / fact;
  }
  const top = a ** c / (fact * c) / (1 - a / c);
  return top / (sum + top);
}

describe("closed forms", () => {
  it("M/M/1 textbook values", () => {
    const m = mm1(0.8, 1);
    expect(m.rho).toBe(0.8);
    expect(m.wq).toBeCloseTo(4, 12);
    expect(m.w).toBeCloseTo(5, 12);
    expect(m.l).toBeCloseTo(4, 12);
    expect(m.lq).toBeCloseTo(3.2, 12);
    expect(mm1(0.5, 2).wq).toBeCloseTo(1 / 6, 12); // ρ = 0.25: 0.25 / (2 · 0.75)
  });

  it("Erlang C: c = 4, λ = 3.6, μ = 1 waits 1.96938 on average", () => {
    expect(erlangC(4, 3.6)).toBeCloseTo(0.787_753, 5);
    expect(mmc(4, 3.6, 1).wq).toBeCloseTo(1.969_38, 5);
    expect(mmc(10, 9, 1).wq).toBeCloseTo(0.668_73, 4);
    for (const [c, a] of [[1, 0.5], [2, 1.5], [4, 3.6], [10, 9], [25, 20]] as const) {
      expect(erlangC(c, a)).toBeCloseTo(erlangCDirect(c, a), 12);
    }
    expect(mmc(1, 0.9, 1).wq).toBeCloseTo(mm1(0.9, 1).wq, 12);
    expect(erlangC(500, 480)).toBeGreaterThan(0); // no overflow for many servers
  });

  it("M/D/1 by Pollaczek–Khinchine is half the M/M/1 wait", () => {
    expect(md1(0.8, 1).wq).toBeCloseTo(2, 12);
    expect(md1(0.9, 2).wq).toBeCloseTo(mm1(0.9, 2).wq / 2, 12);
    expect(mg1Wait(0.8, 1, 2)).toBeCloseTo(4, 12); // exponential: E[S²] = 2/μ²
  });

  it("Cobham's formula: textbook two-class values and the conservation law", () => {
    const [w0, w1] = cobham(0.8, 1, [0.3, 0.7]);
    // W₀ = ρ/μ = 0.8; W₁ = 0.8/(1 − 0.24) = 1.0526; W₂ = 0.8/((1 − 0.24)(1 − 0.8)) = 5.2632.
    expect(w0).toBeCloseTo(0.8 / 0.76, 12);
    expect(w1).toBeCloseTo(0.8 / (0.76 * 0.2), 12);
    // Work conservation: the share-weighted mean equals the FIFO wait.
    expect(0.3 * w0 + 0.7 * w1).toBeCloseTo(mm1(0.8, 1).wq, 12);
    const c4 = cobham(3.6, 1, [0.2, 0.3, 0.5], { servers: 4 });
    expect(0.2 * c4[0] + 0.3 * c4[1] + 0.5 * c4[2]).toBeCloseTo(mmc(4, 3.6, 1).wq, 12);
    expect(cobham(3.6, 1, [1], { servers: 4 })[0]).toBeCloseTo(mmc(4, 3.6, 1).wq, 12);
    const det = cobham(0.8, 1, [0.5, 0.5], { service: "det" });
    expect(0.5 * det[0] + 0.5 * det[1]).toBeCloseTo(md1(0.8, 1).wq, 12);
  });

  it("exactQueue picks the right closed form, or none", () => {
    const base = { arrivalRate: 3.6, serviceRate: 1, customers: 10 };
    expect(exactQueue(queueModel({ ...base, servers: 4 }))?.wait).toBeCloseTo(1.969_38, 5);
    expect(exactQueue(queueModel({ ...base, servers: 4, service: "det" }))).toBeUndefined();
    expect(exactQueue(queueModel({ ...base, servers: 3 }))).toBeUndefined(); // ρ = 1.2
    const p = exactQueue(queueModel({ servers: 1, arrivalRate: 0.8, serviceRate: 1, customers: 10, priorityShares: [0.3, 0.7] }));
    expect(p?.wait).toBeCloseTo(4, 12);
    expect(p?.numberInSystem).toBeCloseTo(0.8 * 5, 12);
  });

  it("errors name the function, the value and the rule", () => {
    expect(() => mm1(1, 1)).toThrow(/mm1: utilisation .* = 1 must be < 1/);
    expect(() => mm1(-1, 1)).toThrow(/mm1: arrival rate -1 must be a number > 0/);
    expect(() => mmc(0, 1, 1)).toThrow(/mmc: servers 0/);
    expect(() => erlangC(2, 2)).toThrow(/erlangC: load 2 must be in \(0, 2\)/);
    expect(() => cobham(0.5, 1, [0.5, 0.6])).toThrow(/cobham: shares 0.5,0.6 must sum to 1/);
    expect(() => cobham(0.5, 1, [1], { servers: 2, service: "det" })).toThrow(/no closed form/);
    expect(() => mg1Wait(0.5, 1, 0.5)).toThrow(/second moment/);
  });
});
