import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type MhstApp } from "../../server/index.js";
import { gatedEngine, tempDataDir } from "./helpers.js";

describe("replications until ± P on the API: bad requests", () => {
  const data = tempDataDir();
  let mhst: MhstApp;
  beforeAll(() => {
    mhst = createApp({ dataDir: data.dir, engine: gatedEngine(), log: () => {} });
  });
  afterAll(async () => {
    await mhst.close();
    data.remove();
  });

  const issues = async (url: string, body: object) => {
    const res = await request(mhst.app).post(url).send(body).expect(400);
    return (res.body.issues as { path: string; message: string }[]).map((i) => i.message);
  };

  it("names the field, the value and the rule", async () => {
    const run = { scenario: "trailblazer-team", replications: 5 };
    expect(await issues("/api/runs", { ...run, precision: { target: "five", kpi: "shareSeenWithinStandard" } })).toEqual(['precision.target: "five" must be a number > 0 or a percentage such as "5%"']);
    expect(await issues("/api/runs", { ...run, precision: { target: 0, kpi: "shareSeenWithinStandard" } })).toEqual(['precision.target: 0 must be a number > 0 or a percentage such as "5%"']);
    expect(await issues("/api/runs", { ...run, precision: { target: "5%", kpi: "happiness" } })).toEqual(['precision.kpi: "happiness" must be a KPI name (see GET /api/kpis)']);
    expect(await issues("/api/runs", { ...run, precision: { target: "5%", kpi: "referrals", maxReps: 4 } })).toEqual(["precision.maxReps: 4 must be at least replications (5), the first batch"]);
    expect(await issues("/api/runs", { ...run, replications: 1, precision: { target: 0.1, kpi: "referrals" } })).toEqual(["replications: 1 must be at least 2 with precision (the first batch estimates the half-width)"]);
    expect(await issues("/api/compare", { a: { scenario: "trailblazer-team" }, b: { scenario: "trailblazer-team" }, replications: 4, warmup: "auto", precision: { target: 0.1, kpi: "referrals" } })).toEqual([
      'warmup: "auto" needs every replication before it can choose; give a number of weeks with precision',
    ]);
  });

  it("checks the run size against the cap, the most the run may come to", async () => {
    const res = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 5, precision: { target: 0.01, kpi: "referrals", maxReps: 10_000 } }).expect(422);
    expect(res.body.error).toBe("run size: 200,000 (10000 replications (precision.maxReps) × 1 years × 20 schools) must be <= 50,000: use fewer replications, years or schools");
  });
});
