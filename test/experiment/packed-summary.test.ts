import { describe, expect, it } from "vitest";
import { loadScenario } from "../../scenarios/index.js";
import { modelSimulator, packSummary, reduceReplications, SERVICE_ID, summariseReplication, summaryKpi, teamKey, type ReplicationSummary } from "../../sim/experiment/index.js";
import { simulate } from "../../sim/model/index.js";
import { bigService } from "../model/fixtures.js";

const meta = { seed: 3, level: 0.95, warmup: { mode: "none" as const, weeks: 0, batches: null } };

describe("packed replication summaries", () => {
  const model = bigService(2, 1);
  const summaries = [0, 1, 2].map((r) => summariseReplication(modelSimulator, model, simulate(model, { seed: 3, replication: r }), r, 0));

  it("hold every scope's KPIs as one table, row by scope key and column by KPI name", () => {
    const packed = packSummary(summaries[0]);
    if (!("packedKpis" in packed)) throw new Error("not packed");
    const { scopes, names, data } = packed.packedKpis;
    expect(scopes).toEqual(Object.keys(summaries[0].kpis));
    expect(scopes).toHaveLength(1 + 2 + 10);
    expect(names).toEqual(Object.keys(summaries[0].kpis.service));
    expect(data.length).toBe(scopes.length * names.length);
    scopes.forEach((key, s) => names.forEach((name, j) => expect(Object.is(data[s * names.length + j], summaries[0].kpis[key][name])).toBe(true)));
    expect(packed).not.toHaveProperty("kpis");
  });

  it("reduce to the same result as the summaries with KPI objects, mixed in any way", () => {
    const plain = reduceReplications(model, summaries, meta);
    expect(reduceReplications(model, summaries.map(packSummary), meta)).toEqual(plain);
    expect(reduceReplications(model, [packSummary(summaries[0]), summaries[1], packSummary(summaries[2])], meta)).toEqual(plain);
  });

  it("send the weekly series and wait histograms in 16 bits, with the same counts", () => {
    const packed = packSummary(summaries[0]);
    const { weekly, waits } = summaries[0];
    expect(packed.weekly.data).toBeInstanceOf(Uint16Array);
    expect(packed.waits!.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(packed.weekly.data)).toEqual(Array.from(weekly.data));
    expect(Array.from(packed.waits!.data)).toEqual(Array.from(waits!.data));
    expect(packed.weekly.keys).toBe(weekly.keys);
    expect(packed.waits!.keys).toBe(waits!.keys);
  });

  it("read one KPI of one scope in either form", () => {
    const s = summaries[1];
    const packed = packSummary(s);
    for (const key of [SERVICE_ID, teamKey("t1")]) {
      for (const name of ["waitWeeksMedian", "referrals", "utilisation.idle"]) {
        expect(summaryKpi(s, key, name)).toBe(s.kpis[key][name]);
        expect(summaryKpi(packed, key, name)).toBe(s.kpis[key][name]);
      }
    }
    expect(summaryKpi(packed, teamKey("nobody"), "referrals")).toBeUndefined();
    expect(summaryKpi(packed, SERVICE_ID, "noSuchKpi")).toBeUndefined();
    expect(summaryKpi(s, SERVICE_ID, "noSuchKpi")).toBeUndefined();
  });

  it("carry the KPIs of consultations and whole-school work when a scenario has them", () => {
    const llr = loadScenario("llr", { overrides: ["calendar.horizon.weeks=13"] });
    const s = summariseReplication(modelSimulator, llr, simulate(llr, { seed: 1, replication: 0 }), 0, 0);
    const packed = packSummary(s);
    if (!("packedKpis" in packed)) throw new Error("not packed");
    const names = packed.packedKpis.names;
    for (const name of ["consultations", "consultationSlots", "wholeSchoolSessions", "utilisation.consultation"]) expect(names).toContain(name);
    expect(reduceReplications(llr, [packed], meta)).toEqual(reduceReplications(llr, [s], meta));
    // A scenario without the blocks reports none of them.
    expect(Object.keys(summaries[0].kpis.service)).not.toContain("consultations");
  });

  it("are left as they are when scopes do not share one list of KPI names", () => {
    const odd: ReplicationSummary = { ...summaries[0], kpis: { service: { a: 1, b: 2 }, "team:x": { b: 2, a: 1 } } };
    expect(packSummary(odd)).toBe(odd);
    const short: ReplicationSummary = { ...summaries[0], kpis: { service: { a: 1, b: 2 }, "team:x": { a: 1 } } };
    expect(packSummary(short)).toBe(short);
  });

  it("keep a KPI a replication lacks as null, and non-finite values as null", () => {
    const m = { name: "m", teams: [], clusters: [] };
    const weekly = { keys: ["service"], weeks: 1, data: new Float64Array(6) };
    const s = (replication: number, kpis: Record<string, number>): ReplicationSummary => ({ replication, events: 1, horizonDays: 7, kpis: { service: kpis }, weekly: { ...weekly, data: new Float64Array(6) } });
    const r = reduceReplications(m, [packSummary(s(0, { a: 1, b: NaN })), s(1, { b: 2, c: Infinity }), packSummary(s(2, { a: 3, b: 4 }))], meta);
    const values = Object.fromEntries(r.kpis.map((k) => [k.kpi, k.values]));
    expect(values).toEqual({ a: [1, null, 3], b: [null, 2, 4], c: [null, null, null] });
  });
});
