import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type MhstApp } from "../../server/index.js";
import { svgToPng } from "../../server/charts/index.js";
import { tempDataDir, waitForRun } from "./helpers.js";

const OUT = join(process.cwd(), "test-output");
const text = (app: MhstApp["app"], url: string) =>
  request(app)
    .get(url)
    .buffer(true)
    .parse((res, cb) => {
      let t = "";
      res.on("data", (c: Buffer) => (t += c.toString()));
      res.on("end", () => cb(null, t));
    });

/**
 * Per-school results through the API: a run and a comparison keep each school's, phase's and
 * size band's measures, the cluster gap and the concentration index; a comparison pairs them
 * school by school, names each side by its changes, and draws A and B's waiting lists on one chart.
 */
describe("per-school results and fairness in runs and comparisons", () => {
  const data = tempDataDir();
  let mhst: MhstApp;
  beforeAll(() => {
    mhst = createApp({ dataDir: data.dir, workersPerRun: 1, log: () => {} });
    mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => {
    await mhst.close();
    data.remove();
  });

  it("a run keeps every school's results, adding up to the service", async () => {
    const run = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 2, seed: 5 }).expect(202);
    expect(await waitForRun(mhst.app, run.body.id, 60_000)).toMatchObject({ status: "done" });
    const res = await request(mhst.app).get(`/api/runs/${run.body.id}/results`).expect(200);
    const f = res.body.fairness;
    const schools = f.rows.filter((r: { kind: string }) => r.kind === "school");
    expect(schools).toHaveLength(20);
    expect(f.rows.filter((r: { kind: string }) => r.kind === "phase").map((r: { id: string }) => r.id)).toEqual(["primary", "secondary", "special", "college"]);
    // Each replication's referrals over the schools add up to the service's.
    const service = res.body.experiment.kpis.find((k: { scope: string; kpi: string }) => k.scope === "service" && k.kpi === "referrals");
    for (const r of [0, 1]) expect(schools.reduce((s: number, x: { measures: { referrals: { values: number[] } } }) => s + x.measures.referrals.values[r], 0)).toBe(service.values[r]);
    expect(f.concentration.mean).toBeGreaterThan(0);
    expect(f.concentration.mean).toBeLessThan(1);
    expect(f.clusterGap.gap).toBeGreaterThan(0);
    expect(f.clusterGap.best).not.toBe(f.clusterGap.worst);
    const charts = await request(mhst.app).get(`/api/runs/${run.body.id}/charts`).expect(200);
    expect(charts.body.charts.map((c: { name: string }) => c.name)).toContain("schools");
    const svg = (await text(mhst.app, `/api/runs/${run.body.id}/charts/schools.svg`).expect(200)).body as string;
    expect(svg).toContain("North primaries · p01");
    writeFileSync(join(OUT, "chart-schools.png"), svgToPng(svg, 1));
    const html = (await text(mhst.app, `/api/runs/${run.body.id}/report.html`).expect(200)).body as string;
    expect(html).toContain("<h2>Per-school results and fairness</h2>");
    expect(html).toContain("<td>Best − worst cluster, share seen within the standard</td>");
    expect(html).toMatch(/<tr><td>p01<\/td><td>North primaries<\/td><td>primary<\/td><td>210<\/td><td>\d+\.\d %/);
    expect(html).toContain("<h3>By school size</h3>");
  });

  it("a comparison pairs the schools, names each side by its changes and draws both lists on one chart", async () => {
    const cmp = await request(mhst.app)
      .post("/api/compare")
      .send({
        a: { scenario: "trailblazer-team" },
        b: { scenario: "trailblazer-team", overrides: ["schools[p05].cluster=c2", "schools[p10].cluster=c3"], changes: ["p05 moved to South primaries", "p10 moved to East primaries and special"] },
        replications: 2,
        seed: 5,
      })
      .expect(202);
    expect(cmp.body.scenarioName).toBe("Trailblazer team vs Trailblazer team with p05 moved to South primaries; p10 moved to East primaries and special");
    expect(await waitForRun(mhst.app, cmp.body.id, 60_000)).toMatchObject({ status: "done" });
    const res = await request(mhst.app).get(`/api/runs/${cmp.body.id}/results`).expect(200);
    const p05 = res.body.fairnessB.rows.find((r: { id: string; kind: string }) => r.kind === "school" && r.id === "p05");
    expect(p05.cluster).toBe("c2");
    const d = res.body.fairnessDiff.find((x: { id: string; measure: string }) => x.id === "p05" && x.measure === "referrals");
    // Referrals come from the school's own stream: moving it changes none of them.
    expect(d.diff).toBe(0);
    expect(res.body.fairnessDiff.some((x: { measure: string }) => x.measure === "clusterGap")).toBe(true);
    const ab = await request(mhst.app).get(`/api/runs/${cmp.body.id}/charts/waitlist-ab.csv`).expect(200);
    const lines = ab.text.trim().split("\n");
    expect(lines[0]).toBe("week,date,medianA,p10A,p90A,medianB,p10B,p90B,difference");
    const [, , medA, , , medB, , , diff] = lines[10].split(",").map(Number);
    expect(diff).toBeCloseTo(medB - medA, 6);
    const svg = (await text(mhst.app, `/api/runs/${cmp.body.id}/charts/waitlist-ab.svg`).expect(200)).body as string;
    expect(svg).toContain("B: Trailblazer team with p05 moved");
    writeFileSync(join(OUT, "chart-waitlist-ab.png"), svgToPng(svg, 1));
    const schools = (await text(mhst.app, `/api/runs/${cmp.body.id}/charts/schools.svg`).expect(200)).body as string;
    writeFileSync(join(OUT, "chart-schools-compare.png"), svgToPng(schools, 1));
    const html = (await text(mhst.app, `/api/runs/${cmp.body.id}/report.html`).expect(200)).body as string;
    expect(html).toContain("<h3>By school: A and B</h3>");
    expect(html).toContain("<td>North primaries → South primaries</td>");
  });

  it("refuses a change description that is not text, naming the field", async () => {
    const res = await request(mhst.app).post("/api/compare").send({ a: { scenario: "trailblazer-team" }, b: { scenario: "trailblazer-team", changes: [3] } }).expect(400);
    expect(res.body.error).toBe("b.changes[0]: 3 must be text");
  });
});
