import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type MhstApp } from "../../server/index.js";
import { tempDataDir, waitForRun } from "./helpers.js";

const text = (app: MhstApp["app"], url: string) =>
  request(app)
    .get(url)
    .buffer(true)
    .parse((res, cb) => {
      let t = "";
      res.on("data", (c: Buffer) => (t += c.toString()));
      res.on("end", () => cb(null, t));
    });

describe("run labels", () => {
  const data = tempDataDir();
  let mhst: MhstApp;
  beforeAll(() => {
    mhst = createApp({ dataDir: data.dir, workersPerRun: 1, log: () => {} });
  });
  afterAll(async () => {
    await mhst.close();
    data.remove();
  });

  it("Compare draws B's waiting list with B's cluster names", async () => {
    const cmp = await request(mhst.app)
      .post("/api/compare")
      .send({ a: { scenario: "trailblazer-team" }, b: { scenario: "trailblazer-team", overrides: ["clusters[c1].name=Renamed north"] }, replications: 2, seed: 3 })
      .expect(202);
    expect(await waitForRun(mhst.app, cmp.body.id, 60_000)).toMatchObject({ status: "done" });
    const a = (await text(mhst.app, `/api/runs/${cmp.body.id}/charts/waitlist-a.svg`).expect(200)).body as string;
    const b = (await text(mhst.app, `/api/runs/${cmp.body.id}/charts/waitlist-b.svg`).expect(200)).body as string;
    expect(a).toContain(">North primaries<");
    expect(a).not.toContain(">Renamed north<");
    expect(b).toContain(">Renamed north<");
    expect(b).not.toContain(">North primaries<");
  });
});
