import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type MhstApp } from "../../server/index.js";
import { gatedEngine } from "./helpers.js";

describe("the work estimate before a run (API)", () => {
  let mhst: MhstApp;
  let small: MhstApp;
  beforeAll(() => {
    mhst = createApp({ dataDir: ":memory:", engine: gatedEngine(), log: () => {} });
    small = createApp({ dataDir: ":memory:", engine: gatedEngine(), log: () => {}, maxRunWork: 1000 });
  });
  afterAll(async () => {
    await mhst.close();
    await small.close();
  });

  it("answers 422 naming the field that drives the size, before queueing", async () => {
    const res = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", overrides: { "referrals.ratePer1000PerWeek": 1e12 } });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(/^referrals\.ratePer1000PerWeek: 1\.0e12 gives about 3\.\de14 referrals per replication; the run is about 3\.\de15 work units, limit 5\.0e9$/);
    expect(res.body.issues).toEqual([{ path: "referrals.ratePer1000PerWeek", value: 1e12, message: res.body.error }]);
    expect((await request(mhst.app).get("/api/runs")).body.runs).toHaveLength(0);
  });

  it("names the side of a comparison and the field of a solve", async () => {
    const cmp = await request(mhst.app).post("/api/compare").send({ a: { scenario: "trailblazer-team" }, b: { scenario: "trailblazer-team", overrides: ["waitlist.initialPerCluster=1e11"] }, replications: 2 });
    expect(cmp.status).toBe(422);
    expect(cmp.body.error).toMatch(/^b\.waitlist\.initialPerCluster: 1\.0e11 gives about 5\.0e11 children on the initial lists per replication/);
    expect(cmp.body.issues[0].path).toBe("b.waitlist.initialPerCluster");
    const solve = await request(mhst.app).post("/api/solve").send({ scenario: "trailblazer-team", parameter: "referrals.ratePer1000PerWeek", min: 1, max: 1e12, step: 1e10, target: "waitWeeksMean <= 4", replications: 2 });
    expect(solve.status).toBe(422);
    expect(solve.body.issues[0].path).toBe("referrals.ratePer1000PerWeek");
  });

  it("takes the limit from its options (MAX_RUN_WORK), and names replications when they drive it", async () => {
    const res = await request(small.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 2 });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(/limit 1000$/);
  });

  it("refuses a horizon beyond the longest with 400 naming the field", async () => {
    const res = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", overrides: ["calendar.years=81"] });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("--set: calendar.years: 81 must be at most 80, the longest horizon (29120 days)");
    expect(res.body.issues[0]).toMatchObject({ path: "calendar.years", value: 81, rule: "must be at most 80, the longest horizon (29120 days)" });
  });
});
