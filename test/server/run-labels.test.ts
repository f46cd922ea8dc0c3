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

describe("runs are labelled with their overrides, and each side with its own names", () => {
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
    expect(cmp.body.scenarioName).toBe("Trailblazer team vs Trailblazer team with clusters[c1].name=Renamed north");
  });

  it("a run with overrides carries them in its name: saved runs, chart subtitles, exports and the report", async () => {
    const set = "practitioners[emhp-2].endDate=2025-10-27";
    const run = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", overrides: [set], replications: 2, seed: 4 }).expect(202);
    const label = `Trailblazer team with ${set}`;
    expect(run.body.scenarioName).toBe(label);
    expect(await waitForRun(mhst.app, run.body.id, 60_000)).toMatchObject({ status: "done" });
    const list = await request(mhst.app).get("/api/runs").expect(200);
    expect(list.body.runs.find((r: { id: string }) => r.id === run.body.id).scenarioName).toBe(label);
    const svg = (await text(mhst.app, `/api/runs/${run.body.id}/charts/waitlist.svg`).expect(200)).body as string;
    // The subtitle wraps at spaces; the label is one piece of text up to its first space after "with".
    expect(svg).toContain("Scenario: Trailblazer team with");
    expect(svg).toContain(set);
    const vl = await request(mhst.app).get(`/api/runs/${run.body.id}/charts/waitlist.vl.json`).expect(200);
    expect(vl.body.usermeta.mhst.scenario).toBe(label);
    const png = await request(mhst.app).get(`/api/runs/${run.body.id}/charts/waitlist.png?download`).expect(200);
    expect(png.headers["content-disposition"]).toContain("trailblazer-team-with-practitioners-emhp-2-enddate-2025-10-27-waitlist.png");
    const html = (await text(mhst.app, `/api/runs/${run.body.id}/report.html`).expect(200)).body as string;
    expect(html).toContain(`<h1>${label}</h1>`);
  });

  it("a solve is labelled with its base overrides", async () => {
    const solve = await request(mhst.app)
      .post("/api/solve")
      .send({ scenario: "trailblazer-team", overrides: ["casework.dnaShare=0.2"], parameter: "casework.slotsPerDay", min: 3, max: 4, step: 1, target: "waitWeeksMean <= 60", replications: 2 })
      .expect(202);
    expect(solve.body.scenarioName).toBe("Trailblazer team with casework.dnaShare=0.2");
    await request(mhst.app).post(`/api/runs/${solve.body.id}/cancel`);
  });
});
