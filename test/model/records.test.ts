import { describe, expect, it } from "vitest";
import { ACTIVITIES, computeKpis, simulate, type RunRecords } from "../../sim/model/index.js";
import { smallService, withPatch } from "./fixtures.js";

const model = withPatch(smallService({ rate: 1.5, years: 2, patienceWeeks: 8 }), {
  groups: { ...smallService().groups, enabled: true, minChildren: 3 },
  meetings: { linkMeetingSlots: 1, linkMeetingsPerTerm: 1, clusterMeetingSlots: 2, trainingPrepSlots: 2, trainingDeliverySlots: 1, supervisionSlotsPerWeek: 1, adminSlotsPerWeek: 1 },
});

/** A plain copy: arrays of plain objects, nothing else (what a worker or the server sees). */
const plain = (r: RunRecords): RunRecords => JSON.parse(JSON.stringify(r));

describe("run records", () => {
  it("the KPIs from the run's columns equal the KPIs from the plain record arrays, for every scope", () => {
    const out = simulate(model, { seed: 4, replication: 2 });
    const copy = plain(out);
    for (const scope of [{}, { team: "t1" }, { cluster: "c2" }, { cluster: "c3" }]) {
      expect(computeKpis(out, scope)).toEqual(computeKpis(copy, scope));
    }
  });

  it("holds one week record per cluster and week, one practitioner record per post and week", () => {
    const out = simulate(model, { seed: 4, replication: 0 });
    expect(out.weeks.length).toBe(3 * 104);
    expect(out.practitionerWeeks.length).toBe(2 * 104);
    expect(out.weeks[0]).toMatchObject({ week: 0, cluster: "c1", team: "t1" });
    expect(out.weeks[3]).toMatchObject({ week: 1, cluster: "c1" });
    expect(out.horizonDays).toBe(728);
    expect(Object.keys(out.weeks[0].slots)).toEqual([...ACTIVITIES]);
    expect(Object.keys(out.practitionerWeeks[0].slots)).toEqual([...ACTIVITIES]);
    expect(out.events).toBeGreaterThan(100);
  });

  it("survives structured cloning (workers) with the same content", () => {
    const out = simulate(model, { seed: 4, replication: 0 });
    const cloned = structuredClone(out);
    expect(cloned.cases).toEqual(out.cases);
    expect(cloned.weeks).toEqual(out.weeks);
    expect(cloned.practitionerWeeks).toEqual(out.practitionerWeeks);
  });
});
