import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { HttpError } from "../../server/http/errors.js";
import { ScenarioThreads } from "../../server/scenario-threads/index.js";

const text = (id: string) => readFileSync(new URL(`../../scenarios/builtin/${id}.yaml`, import.meta.url), "utf8");
const NATIONAL = text("national-2025");
const TEAM = text("trailblazer-team");

/** Event-loop turns (setImmediate callbacks) that run while `p` is pending. */
async function turnsWhile<T>(p: Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let done = false;
  const spin = () => {
    if (done) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  try {
    return { value: await p, turns };
  } finally {
    done = true;
  }
}

const rejection = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a rejection"); }, (err: unknown) => err as HttpError);

describe("scenario threads", () => {
  const threads = new ScenarioThreads({ threads: 2 });
  const inline = new ScenarioThreads({ threads: 0 });
  afterAll(() => threads.close());

  it("check a large scenario while the event loop goes on turning; on the loop itself it would not turn", async () => {
    const off = await turnsWhile(threads.load({ text: NATIONAL, file: "national-2025.yaml", overrides: [] }));
    expect(off.value.model.teams.length).toBe(607);
    expect(off.turns).toBeGreaterThan(20);
    // The loader's modules are imported first, which takes turns of its own.
    await inline.load({ text: TEAM, file: "t.yaml", overrides: [] });
    const on = await turnsWhile(inline.load({ text: NATIONAL, file: "national-2025.yaml", overrides: [] }));
    expect(on.value.model.teams.length).toBe(607);
    expect(on.turns).toBeLessThanOrEqual(2);
  });

  it("give the same model, warnings and capacity as a load on the calling thread", async () => {
    const req = { text: TEAM, file: "t.yaml", overrides: ["casework.slotsPerDay=3"], warnings: true, capacityWeeks: 12 };
    const [a, b] = await Promise.all([threads.load(req), inline.load(req)]);
    expect(a).toEqual(b);
    expect(a.capacity).toBeDefined();
    expect(a.warnings).toEqual([]);
  });

  it("bring a scenario's issues back as the same 400, with file, line, path and rule", async () => {
    const bad = { text: TEAM.replace(/slotsPerDay: [0-9.]+/, "slotsPerDay: -2"), file: "bad.yaml", overrides: [] };
    const [a, b] = await Promise.all([rejection(threads.load(bad)), rejection(inline.load(bad))]);
    expect(a).toBeInstanceOf(HttpError);
    expect(a.status).toBe(400);
    expect({ message: a.message, issues: a.issues }).toEqual({ message: b.message, issues: b.issues });
    expect(a.issues?.[0]).toMatchObject({ file: "bad.yaml", path: expect.stringContaining("slotsPerDay"), value: -2 });
    expect(a.issues?.[0].line).toBeGreaterThan(0);
  });

  it("edit text and read an uncertainty block off the loop, as the editor and the sensitivity analysis need", async () => {
    const edited = await threads.edit({ text: TEAM, set: ["calendar.years=2"] });
    expect(edited).toMatch(/years: 2/);
    const factors = await threads.uncertainty({ text: text("llr"), file: "llr.yaml", overrides: [] });
    expect(factors.length).toBeGreaterThan(3);
    const err = await rejection(threads.edit({ text: "a: [1, 2", set: [] }));
    expect(err.status).toBe(400);
  });

  it("refuse, with 503, loads beyond the waiting limit", async () => {
    const small = new ScenarioThreads({ threads: 1, queueLimit: 1 });
    try {
      const req = { text: TEAM, file: "t.yaml", overrides: [] };
      const results = await Promise.allSettled([small.load(req), small.load(req), small.load(req)]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
      const reason = (results[2] as PromiseRejectedResult).reason as HttpError;
      expect(reason.status).toBe(503);
      expect(reason.message).toMatch(/busy checking scenarios \(1 waiting, limit 1\)/);
    } finally {
      await small.close();
    }
  });

  it("answer a scenario that needs more memory than a thread has with 422, and go on with a fresh thread", async () => {
    const tight = new ScenarioThreads({ threads: 1, heapMb: 24 });
    try {
      const err = await rejection(tight.load({ text: NATIONAL, file: "national-2025.yaml", overrides: ["generate.teams=5000"] }));
      expect(err.status).toBe(422);
      expect(err.message).toMatch(/^scenario: checking it needed more than the 24 MB/);
      const ok = await tight.load({ text: TEAM, file: "t.yaml", overrides: [] });
      expect(ok.model.name).toMatch(/Trailblazer/);
    } finally {
      await tight.close();
    }
  });
});
