import { describe, expect, it } from "vitest";
import { modelSimulator, packSummary, reduceReplications, summariseReplication, type PackedReplicationSummary, type ReplicationSummary } from "../../sim/experiment/index.js";
import { SummaryKeys } from "../../sim/experiment/summary-keys.js";
import { simulate } from "../../sim/model/index.js";
import { bigService } from "../model/fixtures.js";

const meta = { seed: 3, level: 0.95, warmup: { mode: "none" as const, weeks: 0, batches: null } };
const lists = (s: ReplicationSummary | PackedReplicationSummary) => [
  "packedKpis" in s ? s.packedKpis.scopes : undefined,
  "packedKpis" in s ? s.packedKpis.names : undefined,
  s.weekly.keys,
  s.waits?.keys,
];

describe("SummaryKeys", () => {
  const model = bigService(2, 1);
  const summaries = [0, 1, 2].map((r) => packSummary(summariseReplication(modelSimulator, model, simulate(model, { seed: 3, replication: r }), r, 0)));

  it("sends the key lists with the first summary only, and puts them back on the other side", () => {
    const worker = new SummaryKeys();
    const main = new SummaryKeys();
    const posted = summaries.map((s) => structuredClone(worker.post(s)));
    expect(posted.map((p) => p.keysAsBefore === true)).toEqual([false, true, true]);
    expect(lists(posted[1]).every((l) => l?.length === 0)).toBe(true);
    const received = posted.map((p) => main.receive(p));
    received.forEach((r, i) => expect(r).toEqual(summaries[i]));
    // Later summaries hold the very lists of the first, so the merge compares no string.
    lists(received[2]).forEach((l, i) => expect(l).toBe(lists(received[0])[i]));
    expect(reduceReplications(model, received, meta)).toEqual(reduceReplications(model, summaries, meta));
  });

  it("sends the lists again when they change", () => {
    const worker = new SummaryKeys();
    const main = new SummaryKeys();
    const other = { ...summaries[1], weekly: { ...summaries[1].weekly, keys: ["service"] } };
    const posted = [summaries[0], other, other, summaries[2]].map((s) => worker.post(s));
    expect(posted.map((p) => p.keysAsBefore === true)).toEqual([false, false, true, false]);
    expect(posted.map((p) => main.receive(p).weekly.keys)).toEqual([summaries[0].weekly.keys, ["service"], ["service"], summaries[2].weekly.keys]);
  });

  it("refuses a marked summary it holds no lists for", () => {
    const worker = new SummaryKeys();
    worker.post(summaries[0]);
    const marked = worker.post(summaries[1]);
    expect(() => new SummaryKeys().receive(marked)).toThrow(/key lists this thread did not send/);
  });
});
