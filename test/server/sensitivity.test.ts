import request from "supertest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp, type MhstApp } from "../../server/index.js";
import { ScenarioThreads } from "../../server/scenario-threads/index.js";
import { tempDataDir, waitForRun } from "./helpers.js";

const TINY = `name: Tiny
calendar: { years: 1 }
generate: { teams: 1, schoolsPerTeam: 4, pupilsPerTeam: 2400, clustersPerTeam: 2, staff: { emhp: 2, seniorClinician: 1 } }
referrals: { ratePer1000PerWeek: 3 }
`;
const WITH_BLOCK = `${TINY}uncertainty:
  - { path: generate.staff.emhp, range: [1, 4] }
  - { path: casework.dnaShare, range: [0.05, 0.3] }
`;

describe("the sensitivity API", () => {
  const data = tempDataDir();
  let mhst: MhstApp;
  beforeAll(() => {
    mhst = createApp({ dataDir: data.dir, workersPerRun: 2, log: () => {} });
  });
  afterAll(async () => {
    await mhst.close();
    data.remove();
  });

  async function finished(id: string) {
    for (let i = 0; i < 600; i++) {
      const res = await request(mhst.app).get(`/api/sensitivity/${id}`).expect(200);
      if (res.body.status === "done" || res.body.status === "failed") return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the analysis did not finish");
  }

  it("queues an analysis, gives the CLI's result, exports its chart and adds it to a run's report", async () => {
    const started = await request(mhst.app).post("/api/sensitivity").send({ text: WITH_BLOCK, method: "oat", replications: 2 }).expect(202);
    expect(started.body).toMatchObject({ scenarioName: "Tiny", method: "oat", status: "queued", total: 5 * 2 });
    const a = await finished(started.body.id);
    expect(a.status).toBe("done");
    expect(a.result).toMatchObject({ format: "mhst-sensitivity/1", method: "oat", kpi: "shareSeenWithinStandard", points: 5, replications: 2 });
    const staff = a.result.rows.find((r: { parameter: string }) => r.parameter === "generate.staff.emhp");
    expect(staff.swing).toBeGreaterThan(0);
    expect(a.chart.name).toBe("tornado");

    const svg = await request(mhst.app).get(a.chart.files.svg).responseType("blob").expect(200);
    expect(svg.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(svg.body.toString()).toContain("generate.staff.emhp");
    const png = await request(mhst.app).get(a.chart.files.png).responseType("blob").expect(200);
    expect(png.body.subarray(1, 4).toString()).toBe("PNG");
    const csv = await request(mhst.app).get(a.chart.files.csv).expect(200);
    expect(csv.text.split("\n")[0]).toBe("parameter,end,value,change,lo,hi,baseMean");
    await request(mhst.app).get(`/api/sensitivity/${a.id}/charts/morris.svg`).expect(404);

    const run = await request(mhst.app).post("/api/runs").send({ text: TINY, replications: 2 }).expect(202);
    expect((await waitForRun(mhst.app, run.body.id)).status).toBe("done");
    const plain = await request(mhst.app).get(`/api/runs/${run.body.id}/report.html`).expect(200);
    expect(plain.text).not.toContain('id="tornado"');
    const report = await request(mhst.app).get(`/api/runs/${run.body.id}/report.html?sensitivity=${a.id}`).expect(200);
    expect(report.text).toContain('<figure id="tornado">');
    await request(mhst.app).get(`/api/runs/${run.body.id}/report.html?sensitivity=nope`).expect(404);
    const docx = await request(mhst.app).get(`/api/runs/${run.body.id}/report.docx?sensitivity=${a.id}`).responseType("blob").expect(200);
    expect(docx.body.length).toBeGreaterThan((await request(mhst.app).get(`/api/runs/${run.body.id}/report.docx`).responseType("blob").expect(200)).body.length);
  });

  it("takes every design point's model packed from the scenario threads, never as a model object on the event loop", async () => {
    const load = vi.spyOn(ScenarioThreads.prototype, "load");
    const side = vi.spyOn(ScenarioThreads.prototype, "prepareSide");
    try {
      const started = await request(mhst.app).post("/api/sensitivity").send({ text: WITH_BLOCK, method: "oat", replications: 1, seed: 3 }).expect(202);
      const a = await finished(started.body.id);
      expect(a.status).toBe("done");
      expect(a.result.points).toBe(5);
      expect(load).not.toHaveBeenCalled();
      // The base, then the five points: each one's overrides on top of the request's.
      expect(side).toHaveBeenCalledTimes(6);
      const packed = await Promise.all(side.mock.results.map((r) => r.value as Promise<{ modelBytes: Uint8Array }>));
      for (const p of packed) expect(p.modelBytes.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(side.mock.calls.map((c) => c[0].overrides)).toEqual([[], [], ["generate.staff.emhp=1"], ["generate.staff.emhp=4"], ["casework.dnaShare=0.05"], ["casework.dnaShare=0.3"]]);
    } finally {
      load.mockRestore();
      side.mockRestore();
    }
  });

  it("screens with Morris", async () => {
    const started = await request(mhst.app).post("/api/sensitivity").send({ text: WITH_BLOCK, method: "morris", trajectories: 2, replications: 1 }).expect(202);
    const a = await finished(started.body.id);
    expect(a.result).toMatchObject({ method: "morris", points: 2 * 3, trajectories: 2 });
    expect(a.chart.name).toBe("morris");
  });

  it.each([
    [{ text: WITH_BLOCK, method: "best" }, 400, /^method: "best" must be one of oat, morris, lhs$/],
    [{ text: WITH_BLOCK, method: "oat", samples: 10 }, 400, /^samples: 10 is only for method lhs \(this is oat\)$/],
    [{ text: WITH_BLOCK, method: "morris", levels: 5 }, 400, /^levels: 5 must be an even whole number$/],
    [{ text: WITH_BLOCK, method: "oat", kpi: "speed" }, 400, /^kpi: "speed" must be a KPI name/],
    [{ text: TINY, method: "oat" }, 400, /^uncertainty: Tiny has no uncertainty block/],
    [{ text: `${TINY}uncertainty: [{ path: casework.dnaShare, range: [0.3, 0.1] }]\n`, method: "oat" }, 400, /uncertainty\[0\]\.range: \[0\.3,0\.1\] low 0\.3 must be < high 0\.1/],
    [{ scenario: "national-2025", method: "morris", trajectories: 1000 }, 422, /run size|design points/],
  ])("refuses %j", async (body, status, message) => {
    const res = await request(mhst.app).post("/api/sensitivity").send(body).expect(status);
    expect(res.body.error).toMatch(message);
  });

  it("answers 404 for an analysis it does not hold", async () => {
    const res = await request(mhst.app).get("/api/sensitivity/s-unknown").expect(404);
    expect(res.body.error).toMatch(/not found/);
  });
});
