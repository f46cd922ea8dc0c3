import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTargetRange, parseTarget } from "../../sim/experiment/index.js";
import { createApp, type MhstApp } from "../../server/index.js";
import { gatedEngine, tempDataDir } from "./helpers.js";

describe("POST /api/solve checks a share target as mhst solve does", () => {
  const data = tempDataDir();
  let mhst: MhstApp;
  beforeAll(() => {
    mhst = createApp({ dataDir: data.dir, engine: gatedEngine(), log: () => {} });
  });
  afterAll(async () => {
    await mhst.close();
    data.remove();
  });

  const body = (target: string) => ({ scenario: "trailblazer-team", parameter: "casework.slotsPerDay", min: 3, max: 6, step: 1, target, replications: 2 });

  it("refuses a share threshold of 90 with a 400 naming the field, the value and the rule", async () => {
    const res = await request(mhst.app).post("/api/solve").send(body("pctStartedWithin4Weeks >= 90")).expect(400);
    expect(res.body.error).toBe("target: pctStartedWithin4Weeks is a share (0–1); 90 must lie in [0, 1] (write 0.9 for 90 %)");
    expect(res.body.issues).toEqual([{ path: "target", value: "pctStartedWithin4Weeks >= 90", message: res.body.error }]);
    // Same rule text as the CLI's `--target:` line, from the same function.
    expect(() => checkTargetRange(parseTarget("pctStartedWithin4Weeks >= 90"))).toThrow(res.body.error.replace(/^target: /, ""));
    const negative = await request(mhst.app).post("/api/solve").send(body("pctStartedWithin4Weeks >= -0.1")).expect(400);
    expect(negative.body.error).toContain("-0.1 must lie in [0, 1]");
  });

  it("accepts a share threshold inside [0, 1] and a non-share threshold above 1", async () => {
    await request(mhst.app).post("/api/solve").send(body("pctStartedWithin4Weeks >= 0.9")).expect(202);
    await request(mhst.app).post("/api/solve").send(body("waitWeeksMean <= 6")).expect(202);
  });
});
