import express from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type MhstApp } from "../../../server/index.js";
import { errorHandler } from "../../../server/http/error-handler.js";
import { gatedEngine, tempDataDir, waitForRun } from "../helpers.js";

/** The documented error shape, and nothing of Express's HTML page or a stack trace. */
function expectJsonError(res: request.Response, status: number): string {
  expect(res.status).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  expect(typeof res.body.error).toBe("string");
  expect(res.text).not.toMatch(/<html|<pre>|\n\s+at |node_modules|\/work\//i);
  return res.body.error as string;
}

describe("errors as JSON", () => {
  const data = tempDataDir();
  const engine = gatedEngine();
  let mhst: MhstApp;
  let runId = "";
  beforeAll(async () => {
    mhst = createApp({ dataDir: data.dir, engine, log: () => {} });
    engine.release();
    const res = await request(mhst.app).post("/api/runs").send({ scenario: "trailblazer-team", replications: 2 }).expect(202);
    runId = res.body.id;
    expect((await waitForRun(mhst.app, runId)).status).toBe("done");
  });
  afterAll(async () => {
    await mhst.close();
    data.remove();
  });

  it("answers a malformed JSON body with 400 naming the rule", async () => {
    const res = await request(mhst.app).post("/api/runs").set("Content-Type", "application/json").send('{"scenario": "trailblazer-team",');
    expect(expectJsonError(res, 400)).toMatch(/^request body: not valid JSON/);
  });

  it("refuses a body nested deeper than 32 levels, at once, and takes 32", async () => {
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    const t0 = Date.now();
    const res = await request(mhst.app).post("/api/runs").set("Content-Type", "application/json").send(deep);
    expect(Date.now() - t0).toBeLessThan(10_000); // a guard against a hang, not a speed target
    expect(expectJsonError(res, 400)).toBe("request body: JSON nested more than 32 levels deep (objects and arrays); at most 32");
    expect(res.body.issues[0]).toMatchObject({ path: "(body)" });
    // Brackets inside strings do not count.
    const inString = await request(mhst.app).post("/api/scenarios/validate").send({ text: "[".repeat(100) });
    expect(inString.status).toBe(400);
    expect(inString.body.error).not.toContain("nested");
    // 32 levels pass the depth rule (and fail the body's own rules instead).
    const at32 = JSON.stringify({ overrides: { a: JSON.parse("[".repeat(30) + "]".repeat(30)) } });
    const ok = await request(mhst.app).post("/api/runs").set("Content-Type", "application/json").send(at32);
    expect(expectJsonError(ok, 400)).not.toContain("nested");
    const at33 = JSON.stringify({ overrides: { a: JSON.parse("[".repeat(31) + "]".repeat(31)) } });
    expect(expectJsonError(await request(mhst.app).post("/api/runs").set("Content-Type", "application/json").send(at33), 400)).toContain("nested more than 32");
  });

  it("answers a body over the size limit with 413, a bad charset with 415 and a bad URL escape with 400", async () => {
    const big = await request(mhst.app).post("/api/scenarios/validate").set("Content-Type", "application/json").send(JSON.stringify({ text: "x".repeat(3_000_000) }));
    expect(expectJsonError(big, 413)).toContain("larger than the limit");
    const charset = await request(mhst.app).post("/api/runs").set("Content-Type", "application/json; charset=klingon").send("{}");
    expect(expectJsonError(charset, 415)).toBe(`request body: charset "klingon" is not supported; send utf-8`);
    expectJsonError(await request(mhst.app).get("/api/runs/%E0%A4%A"), 400);
  });

  it("answers unknown pages and endpoints with JSON 404", async () => {
    expect(expectJsonError(await request(mhst.app).get("/no/such/page"), 404)).toContain("/no/such/page");
    expect(expectJsonError(await request(mhst.app).delete("/api/health"), 404)).toContain("DELETE /health");
  });

  it("validates the PNG scale: 1 to 4, default 2", async () => {
    const png = (q: string) => request(mhst.app).get(`/api/runs/${runId}/charts/waitlist.png${q}`);
    for (const bad of ["0", "5", "abc", "", "4.5", "Infinity"]) {
      const res = await png(`?scale=${bad}`);
      expect(expectJsonError(res, 400)).toBe(`scale: ${JSON.stringify(bad)} must be a number from 1 to 4`);
      expect(res.body.issues[0]).toMatchObject({ path: "scale", value: bad });
    }
    expect(expectJsonError(await png("?scale=1&scale=2"), 400)).toContain("scale: [");
    const one = await png("?scale=1").buffer(true).parse(binaryParser).expect(200);
    const four = await png("?scale=4").buffer(true).parse(binaryParser).expect(200);
    // PNG width is at byte 16 of the IHDR chunk.
    const width = (b: Buffer) => b.readUInt32BE(16);
    expect(width(four.body as Buffer)).toBe(4 * width(one.body as Buffer));
    const def = await png("").buffer(true).parse(binaryParser).expect(200);
    expect(width(def.body as Buffer)).toBe(2 * width(one.body as Buffer));
  });

  it("turns an unexpected fault into a generic 500: the stack goes to the log only", async () => {
    const logged: string[] = [];
    const app = express();
    app.get("/boom", () => {
      throw new Error("secret detail at /srv/app/x.js");
    });
    app.use(errorHandler((l) => logged.push(l)));
    const res = await request(app).get("/boom");
    expect(expectJsonError(res, 500)).toBe("internal error (see the server log)");
    expect(res.text).not.toContain("secret");
    expect(logged.join("\n")).toContain("secret detail");
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function binaryParser(res: any, cb: (err: Error | null, body: any) => void): void {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => cb(null, Buffer.concat(chunks)));
}
