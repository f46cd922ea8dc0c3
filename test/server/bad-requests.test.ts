import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type MhstApp } from "../../server/index.js";
import { gatedEngine, waitForRun } from "./helpers.js";

const ABSOLUTE = /(^|[\s"'(])\/(tmp|work|home|root|usr|srv|var)\//m;

interface Case {
  readonly what: string;
  readonly method: "get" | "post" | "put" | "delete" | "patch";
  readonly path: string | ((run: string) => string);
  readonly body?: unknown;
  /** Raw body text sent as JSON (for malformed bodies). */
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly status: number;
  /** What the error (or an issue's path) must name. */
  readonly names: string;
}

const TB = { scenario: "trailblazer-team" };
const SOLVE = { ...TB, parameter: "casework.slotsPerDay", min: 3, max: 6, step: 0.5, target: "waitWeeksMean <= 4", replications: 2 };

const cases: Case[] = [
  { what: "no body", method: "post", path: "/api/runs", status: 400, names: "(body)" },
  { what: "a JSON array", method: "post", path: "/api/runs", body: [1, 2], status: 400, names: "(body)" },
  { what: "a JSON string", method: "post", path: "/api/runs", raw: '"run it"', status: 400, names: "(body)" },
  { what: "malformed JSON", method: "post", path: "/api/runs", raw: '{"scenario": ', status: 400, names: "not valid JSON" },
  { what: "JSON nested 10,000 deep", method: "post", path: "/api/runs", raw: "[".repeat(10_000) + "]".repeat(10_000), status: 400, names: "nested more than 32 levels" },
  { what: "a body over 2 MB", method: "post", path: "/api/scenarios/validate", raw: JSON.stringify({ text: "x".repeat(2_500_000) }), status: 413, names: "larger than the limit" },
  { what: "an unsupported charset", method: "post", path: "/api/runs", raw: "{}", headers: { "Content-Type": "application/json; charset=ebcdic" }, status: 415, names: "charset" },
  { what: "an unknown field", method: "post", path: "/api/runs", body: { ...TB, colour: "blue" }, status: 400, names: "colour" },
  { what: "a __proto__ field", method: "post", path: "/api/runs", raw: '{"scenario":"trailblazer-team","__proto__":{"x":1}}', status: 400, names: "__proto__" },
  { what: "replications 0", method: "post", path: "/api/runs", body: { ...TB, replications: 0 }, status: 400, names: "replications" },
  { what: "replications as text", method: "post", path: "/api/runs", body: { ...TB, replications: "ten" }, status: 400, names: "replications" },
  { what: "replications 10,001", method: "post", path: "/api/runs", body: { ...TB, replications: 10_001 }, status: 400, names: "replications" },
  { what: "a negative seed", method: "post", path: "/api/runs", body: { ...TB, seed: -1 }, status: 400, names: "seed" },
  { what: "a fractional seed", method: "post", path: "/api/runs", body: { ...TB, seed: 1.5 }, status: 400, names: "seed" },
  { what: "a bad warm-up", method: "post", path: "/api/runs", body: { ...TB, warmup: "soon" }, status: 400, names: "warmup" },
  { what: "a warm-up longer than the run", method: "post", path: "/api/runs", body: { ...TB, warmup: 60 }, status: 400, names: "warmup" },
  { what: "an unknown scenario", method: "post", path: "/api/runs", body: { scenario: "atlantis" }, status: 404, names: "scenario" },
  { what: "neither scenario nor text", method: "post", path: "/api/runs", body: { replications: 2 }, status: 400, names: "scenario" },
  { what: "both scenario and text", method: "post", path: "/api/runs", body: { ...TB, text: "name: x" }, status: 400, names: "text" },
  { what: "scenario text with a bad field", method: "post", path: "/api/runs", body: { text: "name: x\ncasework: { slotsPerDay: -1 }\n" }, status: 400, names: "casework.slotsPerDay" },
  { what: "scenario text with a tag", method: "post", path: "/api/runs", body: { text: "name: !!js/function x\n" }, status: 400, names: "has the tag !!js/function" },
  { what: "scenario text nested 100,000 deep", method: "post", path: "/api/scenarios/validate", body: { text: `name: ${"[".repeat(100_000)}` }, status: 400, names: "YAML nesting too deep" },
  { what: "an override of an unknown field", method: "post", path: "/api/runs", body: { ...TB, overrides: ["casework.slotz=3"] }, status: 400, names: "casework.slotz" },
  { what: "overrides as a number", method: "post", path: "/api/runs", body: { ...TB, overrides: 3 }, status: 400, names: "overrides" },
  { what: "work beyond the limit", method: "post", path: "/api/runs", body: { ...TB, overrides: { "referrals.ratePer1000PerWeek": 1e12 } }, status: 422, names: "referrals.ratePer1000PerWeek" },
  { what: "a horizon beyond the day numbers", method: "post", path: "/api/runs", body: { ...TB, overrides: ["calendar.years=10000000"] }, status: 400, names: "calendar.years" },
  { what: "a comparison without b", method: "post", path: "/api/compare", body: { a: TB, replications: 2 }, status: 400, names: "b" },
  { what: "a comparison with a bad a", method: "post", path: "/api/compare", body: { a: { text: "name: x\ncalendar: { years: 0 }\n" }, b: TB }, status: 400, names: "a.calendar.years" },
  { what: "a solve without a parameter", method: "post", path: "/api/solve", body: { ...SOLVE, parameter: undefined }, status: 400, names: "parameter" },
  { what: "a solve with step 0", method: "post", path: "/api/solve", body: { ...SOLVE, step: 0 }, status: 400, names: "step" },
  { what: "a solve with min > max", method: "post", path: "/api/solve", body: { ...SOLVE, min: 9 }, status: 400, names: "min" },
  { what: "a solve with step 1e-9", method: "post", path: "/api/solve", body: { ...SOLVE, step: 1e-9 }, status: 400, names: "step" },
  { what: "a solve with a malformed target", method: "post", path: "/api/solve", body: { ...SOLVE, target: "wait is short" }, status: 400, names: "target" },
  { what: "a solve with verifySeed = seed", method: "post", path: "/api/solve", body: { ...SOLVE, seed: 5, verifySeed: 5 }, status: 400, names: "verifySeed" },
  { what: "an unknown run", method: "get", path: "/api/runs/no-such-run", status: 404, names: "no-such-run" },
  { what: "results of an unknown run", method: "get", path: "/api/runs/no-such-run/results", status: 404, names: "no-such-run" },
  { what: "a bad URL escape", method: "get", path: "/api/runs/%E0%A4%A", status: 400, names: "decode" },
  { what: "a chart in an unknown format", method: "get", path: (id) => `/api/runs/${id}/charts/waitlist.gif`, status: 404, names: "chart file" },
  { what: "a PNG at scale 9", method: "get", path: (id) => `/api/runs/${id}/charts/waitlist.png?scale=9`, status: 400, names: "scale" },
  { what: "a PNG at scale abc", method: "get", path: (id) => `/api/runs/${id}/charts/waitlist.png?scale=abc`, status: 400, names: "scale" },
  { what: "cancelling an unknown run", method: "post", path: "/api/runs/no-such-run/cancel", status: 404, names: "no-such-run" },
  { what: "cancelling an ended run", method: "post", path: (id) => `/api/runs/${id}/cancel`, status: 409, names: "done" },
  { what: "deleting an unknown run", method: "delete", path: "/api/runs/no-such-run", status: 404, names: "no-such-run" },
  { what: "an unknown scenario id", method: "get", path: "/api/scenarios/atlantis", status: 404, names: "atlantis" },
  { what: "changing a built-in", method: "put", path: "/api/scenarios/trailblazer-team", body: { text: "name: x" }, status: 403, names: "trailblazer-team" },
  { what: "deleting a built-in", method: "delete", path: "/api/scenarios/trailblazer-team", status: 403, names: "trailblazer-team" },
  { what: "saving under a bad id", method: "post", path: "/api/scenarios", body: { id: "Bad Id!", text: "name: x" }, status: 400, names: "id" },
  { what: "editing with a bad path", method: "post", path: "/api/scenarios/edit", body: { text: "name: x\n", set: ["casework.slotz=1"] }, status: 400, names: "casework.slotz" },
  { what: "validating without text", method: "post", path: "/api/scenarios/validate", body: {}, status: 400, names: "text" },
  { what: "an unknown endpoint", method: "patch", path: "/api/runs", status: 404, names: "PATCH /runs" },
  { what: "another host", method: "get", path: "/api/health", headers: { Host: "evil.example" }, status: 421, names: "Host" },
];

describe("bad HTTP requests: a 4xx JSON answer naming the field, no stack trace", () => {
  const engine = gatedEngine();
  let mhst: MhstApp;
  let done = "";
  beforeAll(async () => {
    mhst = createApp({ dataDir: ":memory:", engine, log: () => {} });
    engine.release();
    done = (await request(mhst.app).post("/api/runs").send({ ...TB, replications: 2 }).expect(202)).body.id;
    expect((await waitForRun(mhst.app, done)).status).toBe("done");
  });
  afterAll(() => mhst.close());

  it("has at least 40 of them", () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.each(cases.map((c) => [c.what, c] as const))("%s", async (_what, c) => {
    const path = typeof c.path === "function" ? c.path(done) : c.path;
    let req = request(mhst.app)[c.method](path);
    for (const [k, v] of Object.entries(c.headers ?? {})) req = req.set(k, v);
    if (c.raw !== undefined) req = req.set("Content-Type", c.headers?.["Content-Type"] ?? "application/json").send(c.raw);
    else if (c.body !== undefined) req = req.send(c.body as object);
    const t0 = Date.now();
    const res = await req;
    // Large inputs are refused before they are parsed or run.
    if ((c.raw?.length ?? JSON.stringify(c.body ?? "").length) > 100_000 || c.status === 422) expect(Date.now() - t0).toBeLessThan(1000);
    expect(res.status).toBe(c.status);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(typeof res.body.error).toBe("string");
    const named = [res.body.error, ...((res.body.issues ?? []) as { path: string }[]).map((i) => i.path)].join("\n");
    expect(named).toContain(c.names);
    expect(res.text).not.toMatch(/\\n\s+at |<html|<pre>/i);
    expect(res.text).not.toMatch(ABSOLUTE);
  });
});
