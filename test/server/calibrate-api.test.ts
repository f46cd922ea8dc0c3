import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { toCsv } from "../../cli/output.js";
import * as activity from "../../scenarios/activity/index.js";
import { readActivity } from "../../scenarios/activity/index.js";
import { loadScenario, loadScenarioText } from "../../scenarios/index.js";
import { calibrate } from "../../sim/calibrate/index.js";
import { simulate, type ServiceModel } from "../../sim/model/index.js";
import { createApp, type MhstApp } from "../../server/index.js";
import { ScenarioThreads } from "../../server/scenario-threads/index.js";
import { tempDataDir } from "./helpers.js";

const EXAMPLE = readFileSync(join(import.meta.dirname, "..", "..", "scenarios", "examples", "activity-example.csv"), "utf8");
const HEADER = "ReferralRequestReceivedDate,OrgIDEduEstab,TriageOutcome,FirstCareContDate,ServDischDate,DischargeReason";

interface EstimateOut { kind: string; unit: string | null; name: string; value: number | null; lo: number | null; hi: number | null; n: number; fitted: boolean; fields: string[]; note: string }

describe("the calibration API", () => {
  const data = tempDataDir();
  let mhst: MhstApp;
  let model: ServiceModel;
  let csv = "";
  beforeAll(() => {
    mhst = createApp({ dataDir: data.dir, workersPerRun: 1, log: () => {} });
    model = loadScenario("trailblazer-team");
    // The service's "own" data: one replication of the scenario itself, as mhst run --out writes it.
    csv = toCsv(simulate(model, { seed: 11, replication: 0 }).cases.map((c) => ({ replication: 0, ...c })));
  });
  afterAll(async () => {
    await mhst.close();
    data.remove();
  });

  it("fits a scenario to an uploaded CSV: the CLI's estimates with intervals and n, and the calibrated text", async () => {
    const res = await request(mhst.app).post("/api/calibrate").send({ scenario: "trailblazer-team", csv, file: "cases.csv" }).expect(200);
    const b = res.body as { rowsRead: number; rowsUsed: number; badRows: unknown[]; by: string; estimates: EstimateOut[]; text: string; name: string };
    const direct = calibrate(readActivity(csv, model, { file: "cases.csv" }).records, model, readActivity(csv, model).period);
    expect(b.rowsUsed).toBe(b.rowsRead);
    expect(b.badRows).toEqual([]);
    expect(b.by).toBe(direct.by);
    expect(b.estimates.map((e) => [e.kind, e.unit, e.value, e.n])).toEqual(direct.estimates.map((e) => [e.kind, e.unit, e.value, e.n]));
    const signpost = b.estimates.find((e) => e.kind === "signpostShare")!;
    expect(signpost.name).toBe("signposted share");
    expect(signpost.lo! < signpost.value! && signpost.value! < signpost.hi!).toBe(true);
    expect(signpost.fields).toEqual(["triage.signpostShare"]);
    expect(b.name).toBe("Trailblazer team (calibrated from cases.csv)");
    // The calibrated scenario loads, carries the fitted value with its comment, and keeps the rest.
    const cal = loadScenarioText(b.text, { file: "calibrated.yaml" });
    expect(cal.triage.signpostShare).toBe(Number(signpost.value!.toPrecision(4)));
    expect(cal.practitioners.length).toBe(model.practitioners.length);
    expect(b.text).toMatch(new RegExp(`signpostShare: ${cal.triage.signpostShare} # calibrated from cases.csv: ${cal.triage.signpostShare} \\[[\\d.]+, [\\d.]+\\], n = ${signpost.n}`));
  });

  it("saves the calibrated scenario as a new saved scenario, under a fresh id each time", async () => {
    const first = await request(mhst.app).post("/api/calibrate/save").send({ scenario: "trailblazer-team", csv, file: "cases.csv" }).expect(201);
    expect(first.body.id).toBe("trailblazer-team-calibrated-from-cases-csv");
    expect(first.headers.location).toBe(`/api/scenarios/${first.body.id}`);
    const again = await request(mhst.app).post("/api/calibrate/save").send({ scenario: "trailblazer-team", csv, file: "cases.csv", name: "Our service, autumn data" }).expect(201);
    expect(again.body.id).toBe("our-service-autumn-data");
    const saved = (await request(mhst.app).get(`/api/scenarios/${first.body.id}`).expect(200)).body;
    expect(saved.source).toBe("saved");
    expect(saved.text).toBe(first.body.calibration.text);
    expect(loadScenarioText(saved.text, { file: "saved.yaml" }).name).toBe("Trailblazer team (calibrated from cases.csv)");
  });

  it("lists bad rows of a usable file with line, column, value and rule, and counts them", async () => {
    const text = `${EXAMPLE.trimEnd()}\nR9999,2025-10-01,x9,,,,,,,,,,,false\n`;
    const res = await request(mhst.app).post("/api/calibrate").send({ scenario: "trailblazer-team", csv: text, file: "mine.csv" }).expect(200);
    expect(res.body.rowsRead).toBe(13);
    expect(res.body.rowsUsed).toBe(12);
    expect(res.body.dropped).toEqual({ "unknown school": 1 });
    expect(res.body.badRows).toEqual([{ file: "mine.csv", line: 14, path: "OrgIDEduEstab", column: "OrgIDEduEstab", value: "x9", rule: "unknown school", message: 'mine.csv:14: OrgIDEduEstab: "x9" is not a school of the scenario' }]);
    // Twelve rows are too few for most estimates: those fields are left as they were, and say why.
    const dna = (res.body.estimates as EstimateOut[]).find((e) => e.kind === "dnaShare")!;
    expect([dna.fitted, dna.value, dna.fields]).toEqual([false, null, []]);
    expect(dna.note).toMatch(/at least/);
  });

  it("refuses a file with no usable row with 400 naming each row's file, line, column, value and rule, and saves nothing", async () => {
    const rows = [
      "2025-10-01,zz,,,,", // unknown school
      "2031-01-01,p01,,,,", // date outside the calendar
      "2025-10-10,p01,accepted,2025-10-01,,", // first contact before the referral
      "2025-10-01,p01,accepted,2025-10-10,2025-10-05,completed", // discharge before the first contact
      "2025-10-01,p01,maybe,,,", // unknown outcome
    ];
    const before = (await request(mhst.app).get("/api/scenarios").expect(200)).body.scenarios.length;
    for (const url of ["/api/calibrate", "/api/calibrate/save"]) {
      const res = await request(mhst.app).post(url).send({ scenario: "trailblazer-team", csv: `${HEADER}\n${rows.join("\n")}\n`, file: "bad.csv" }).expect(400);
      expect(res.body.error).toMatch(/^bad\.csv: no usable rows; every row was dropped \(first: line 2, OrgIDEduEstab: "zz"/);
      expect(res.body.issues.map((i: { line: number; path: string; value: string; rule: string }) => [i.line, i.path, i.value, i.rule])).toEqual([
        [2, "OrgIDEduEstab", "zz", "unknown school"],
        [3, "ReferralRequestReceivedDate", "2031-01-01", "date outside the calendar"],
        [4, "FirstCareContDate", "2025-10-01", "first contact before referral"],
        [5, "ServDischDate", "2025-10-05", "discharge before first contact"],
        [6, "TriageOutcome", "maybe", "unknown outcome"],
      ]);
      for (const i of res.body.issues) expect(i.file).toBe("bad.csv");
    }
    const empty = await request(mhst.app).post("/api/calibrate/save").send({ scenario: "trailblazer-team", csv: "a,b\n", file: "empty.csv" }).expect(400);
    expect(empty.body.issues).toEqual([{ file: "empty.csv", path: "csv", message: expect.stringMatching(/^empty\.csv: the header has no ReferralRequestReceivedDate column/) }]);
    const bad = await request(mhst.app).post("/api/calibrate").send({ scenario: "nope", csv, by: "town" }).expect(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toEqual(["by"]);
    await request(mhst.app).post("/api/calibrate").send({ scenario: "nope", csv }).expect(404);
    expect((await request(mhst.app).get("/api/scenarios").expect(200)).body.scenarios.length).toBe(before);
  });

  it("reads the CSV, fits and sets a back-test up on a scenario thread: the event loop loads no scenario and reads no CSV", async () => {
    const load = vi.spyOn(ScenarioThreads.prototype, "load");
    const read = vi.spyOn(activity, "readActivity");
    try {
      const { text } = (await request(mhst.app).post("/api/calibrate").send({ scenario: "trailblazer-team", csv, file: "cases.csv" }).expect(200)).body;
      await request(mhst.app).post("/api/backtest").send({ text, csv, file: "cases.csv", replications: 2, seed: 5 }).expect(202);
      expect(load).not.toHaveBeenCalled();
      expect(read).not.toHaveBeenCalled();
    } finally {
      load.mockRestore();
      read.mockRestore();
    }
  });

  it("back-tests the calibrated scenario month by month and exports the chart", async () => {
    const { text } = (await request(mhst.app).post("/api/calibrate").send({ scenario: "trailblazer-team", csv, file: "cases.csv" }).expect(200)).body;
    const start = await request(mhst.app).post("/api/backtest").send({ text, csv, file: "cases.csv", replications: 6, seed: 2 }).expect(202);
    let b = start.body;
    for (let i = 0; i < 600 && (b.status === "queued" || b.status === "running"); i++) {
      await new Promise((r) => setTimeout(r, 100));
      b = (await request(mhst.app).get(`/api/backtest/${start.body.id}`).expect(200)).body;
    }
    expect(b.status).toBe("done");
    expect([b.from, b.to]).toEqual(["2025-09-01", "2026-08-30"]);
    const months = 12;
    expect(b.months).toHaveLength(5 * months);
    for (const m of b.months) if (m.p10 !== null) expect(m.p10 <= m.median && m.median <= m.p90).toBe(true);
    // Observed referrals in September are the data's own count.
    const sep = simulate(model, { seed: 11, replication: 0 }).cases.filter((c) => !c.initial && c.referralDay < 30).length;
    expect(b.months.find((m: { measure: string; month: string }) => m.measure === "referrals" && m.month === "2025-09").observed).toBe(sep);
    expect(b.summary.months).toBeGreaterThan(30);
    // The simulated months as the event loop computed them from whole models, before the set-up moved to a scenario thread.
    expect(createHash("sha256").update(JSON.stringify([b.months, b.summary])).digest("hex").slice(0, 16)).toBe("a0767093d75f2439");
    const svg = await request(mhst.app).get(b.chart.svg).expect(200);
    expect(String(svg.body)).toContain("<svg");
    const csvOut = await request(mhst.app).get(b.chart.csv).expect(200);
    expect(csvOut.text.split("\n")[0]).toBe("measure,month,observed,p10,median,p90,inside");
    await request(mhst.app).get(`/api/backtest/${b.id}/chart.gif`).expect(404);
  });
});
