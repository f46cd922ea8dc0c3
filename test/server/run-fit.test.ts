import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type MhstApp } from "../../server/index.js";
import { gatedEngine, tempDataDir } from "./helpers.js";

describe("the scenario summary says how many replications fit the run size limit", () => {
  const data = tempDataDir();
  let mhst: MhstApp;
  beforeAll(() => {
    mhst = createApp({ dataDir: data.dir, engine: gatedEngine(), log: () => {} });
  });
  afterAll(async () => {
    await mhst.close();
    data.remove();
  });

  it("national-2025: 10,319 schools × 1 year a replication, so at most 4 fit 50,000, and 4 run where 5 are refused", async () => {
    const res = await request(mhst.app).get("/api/scenarios/national-2025").expect(200);
    expect(res.body.run).toEqual({ sizePerReplication: 10_319, maxRunSize: 50_000, maxReplications: 4 });
    await request(mhst.app).post("/api/runs").send({ scenario: "national-2025", replications: 4 }).expect(202);
    const over = await request(mhst.app).post("/api/runs").send({ scenario: "national-2025", replications: 5 }).expect(422);
    expect(over.body.error).toContain("run size: 51,595");
  });

  it("a small scenario fits many; validated text carries the same figures", async () => {
    const tb = await request(mhst.app).get("/api/scenarios/trailblazer-team").expect(200);
    expect(tb.body.run).toEqual({ sizePerReplication: 20, maxRunSize: 50_000, maxReplications: 2500 });
    const v = await request(mhst.app).post("/api/scenarios/validate").send({ text: tb.body.text.replace("years: 1 ", "years: 2 ") }).expect(200);
    expect(v.body.run).toEqual({ sizePerReplication: 40, maxRunSize: 50_000, maxReplications: 1250 });
  });

  it("a 26-week horizon counts half a year: 10,319 schools × 0.5, rounded up, so 9 fit and 10 are refused", async () => {
    const overrides = ["calendar.horizon.weeks=26"];
    await request(mhst.app).post("/api/runs").send({ scenario: "national-2025", replications: 9, overrides }).expect(202);
    const over = await request(mhst.app).post("/api/runs").send({ scenario: "national-2025", replications: 10, overrides }).expect(422);
    expect(over.body.error).toBe("run size: 51,600 (10 replications × 0.5 years × 10319 schools) must be <= 50,000: use fewer replications, years or schools");
    const tb = await request(mhst.app).get("/api/scenarios/trailblazer-team").expect(200);
    const pilot = tb.body.text.replace("  years: 1 ", "  horizon: { weeks: 26 }\n  years: 1 ");
    const v = await request(mhst.app).post("/api/scenarios/validate").send({ text: pilot }).expect(200);
    expect(v.body.summary).toMatchObject({ years: 1, horizonWeeks: 26, schools: 20 });
    expect(v.body.run).toEqual({ sizePerReplication: 10, maxRunSize: 50_000, maxReplications: 5000 });
  });
});
