import JSZip from "jszip";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scenarioAssumptions } from "../../scenarios/index.js";
import { createApp, type MhstApp } from "../../server/index.js";
import { tempDataDir, waitForRun } from "./helpers.js";

const binary = (app: MhstApp["app"], url: string) =>
  request(app)
    .get(url)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => cb(null, Buffer.concat(chunks)));
    });

/** The text of an Office XML part with its tags removed, runs joined. */
const plain = (xml: string) => xml.replace(/<[^>]+>/g, "");

describe("the report bundle as Word and PowerPoint", () => {
  const data = tempDataDir();
  let mhst: MhstApp;
  let runId = "";
  let compareId = "";
  beforeAll(async () => {
    mhst = createApp({ dataDir: data.dir, workersPerRun: 1, log: () => {} });
    const run = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", overrides: ["casework.dnaShare=0.12"], replications: 3, seed: 5 }).expect(202);
    runId = run.body.id;
    const cmp = await request(mhst.app)
      .post("/api/compare")
      .send({ a: { scenario: "trailblazer-team" }, b: { scenario: "trailblazer-team", overrides: ["practitioners[emhp-2].endDate=2025-10-27"] }, replications: 3, seed: 6 })
      .expect(202);
    compareId = cmp.body.id;
    expect(await waitForRun(mhst.app, runId, 60_000)).toMatchObject({ status: "done" });
    expect(await waitForRun(mhst.app, compareId, 60_000)).toMatchObject({ status: "done" });
  }, 120_000);
  afterAll(async () => {
    await mhst.close();
    data.remove();
  });

  it("reads the scenario's stated assumptions off its comments", () => {
    const rows = scenarioAssumptions("calendar:\n  years: 1   # assumption: one school year\nclusters:\n  - { id: c1, name: North }   # seed 002: five clusters\n  - { id: c2, name: South }\nreferrals:\n  # no source for this one\n  ratePer1000PerWeek: 1\n");
    expect(rows).toEqual([
      { line: 2, path: "calendar.years", setting: "years: 1", source: "assumption: one school year" },
      { line: 4, path: "clusters[c1]", setting: "- { id: c1, name: North }", source: "seed 002: five clusters" },
    ]);
  });

  it("GET report.docx: a Word file with provenance, the KPI table with intervals, figures with alt text and captions, and the assumptions", async () => {
    const res = await binary(mhst.app, `/api/runs/${runId}/report.docx`).expect(200);
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = plain(xml);
    expect(text).toContain("Trailblazer team with casework.dnaShare=0.12");
    // Provenance: scenario, overrides, seed, replications, version.
    for (const s of ["Scenario: overrides", "casework.dnaShare=0.12", "Seed", "Replications", "mhst-sim 0.1.0, result format mhst-experiment/1"]) expect(text).toContain(s);
    // The KPI table: headings and a service row with its interval, a team row and a cluster row.
    expect(text).toContain("95 % interval");
    expect(text).toMatch(/Whole serviceMean wait \(started only\)weeks\d+\.\d{2}\d+\.\d{2} to \d+\.\d{2}/);
    expect(text).toContain("Team: Trailblazer team");
    expect(text).toContain("Cluster: North primaries");
    // Five figures, each an SVG with a PNG fallback, alt text = its caption, and a numbered caption.
    const pictures = [...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"[^>]*title="([^"]*)"/g)];
    expect(pictures.map((m) => m[2])).toEqual(["Waiting list over time, by cluster", "Throughput per week, whole service", "Waiting-time distribution from referral to first contact", "Practitioner time by activity", "Share seen within the standard, by school"]);
    for (const m of pictures) expect(m[1]).toContain("Scenario: Trailblazer team with casework.dnaShare=0.12");
    for (let i = 1; i <= 5; i++) expect(text).toContain(`Figure ${i}. `);
    const media = Object.keys(zip.files).filter((f) => f.startsWith("word/media/"));
    expect(media.filter((f) => f.endsWith(".svg"))).toHaveLength(5);
    expect(media.filter((f) => f.endsWith(".png"))).toHaveLength(5);
    // The per-school and fairness tables.
    expect(text).toContain("Per-school results and fairness");
    expect(text).toContain("Concentration index of contacts against pupils");
    expect(text).toMatch(/p01North primariesprimary210\d+\.\d %/);
    // The assumptions page: settings with their sources, from the scenario file's comments.
    expect(text).toContain("Assumptions and their sources");
    expect(text).toContain("referrals.ratePer1000PerWeek");
    expect(text).toContain("assumption: no published referral rate");
    expect(text).toContain("seed 000");
    mkdirSync("test-output", { recursive: true });
    writeFileSync(join("test-output", "report.docx"), res.body as Buffer);
  });

  it("GET report.pptx: native, editable charts with alt text, KPI slides and the assumptions", async () => {
    const res = await binary(mhst.app, `/api/runs/${runId}/report.pptx`).expect(200);
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.presentationml.presentation");
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const files = Object.keys(zip.files);
    expect(files).toContain("ppt/charts/chart1.xml");
    const charts = files.filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f));
    // Waiting list: 5 cluster panels; throughput: 5 measures; wait times: 1; practitioner time: service and team.
    expect(charts.length).toBe(13);
    // Each native chart keeps its data in an embedded workbook, so it stays editable.
    expect(files.filter((f) => /^ppt\/embeddings\/.*\.xlsx$/.test(f))).toHaveLength(13);
    const chart1 = await zip.file("ppt/charts/chart1.xml")!.async("string");
    expect(chart1).toContain("<c:lineChart>");
    expect(chart1).toContain("2025-09-01");
    const slides = await Promise.all(files.filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async("string")));
    const all = slides.join("\n");
    expect(all).toContain("Figure 1. Waiting list over time, by cluster");
    expect(plain(all)).toContain("Key performance indicators");
    expect(all).toMatch(/descr="[^"]*Panel: North primaries\."/);
    expect(plain(all)).toContain("assumption: no published referral rate");
    expect(plain(all)).toContain("mhst-sim 0.1.0");
    writeFileSync(join("test-output", "report.pptx"), res.body as Buffer);
  });

  it("a comparison's Word report has signed differences and both scenarios' assumptions", async () => {
    const res = await binary(mhst.app, `/api/runs/${compareId}/report.docx`).expect(200);
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const text = plain(await zip.file("word/document.xml")!.async("string"));
    expect(text).toContain("Scenario A: overrides");
    expect(text).toContain("practitioners[emhp-2].endDate=2025-10-27");
    expect(text).toMatch(/Started within 4 weeks \(started only\)% \(differences in pp\)\d+\.\d %\d+\.\d %[+-]?\d+\.\d pp/);
    expect(text).toContain("Scenario A: trailblazer-team");
    expect(text).toContain("Scenario B: trailblazer-team");
    const pptx = await binary(mhst.app, `/api/runs/${compareId}/report.pptx`).expect(200);
    const pz = await JSZip.loadAsync(pptx.body as Buffer);
    // The paired-difference chart goes in as a picture with alt text; both waiting lists as native charts.
    expect(Object.keys(pz.files).filter((f) => /^ppt\/media\/.*\.png$/.test(f)).length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(pz.files).filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(10);
  });
});
