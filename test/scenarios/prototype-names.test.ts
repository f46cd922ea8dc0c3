import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../scenarios/index.js";
import { modelSimulator, runExperiment } from "../../sim/experiment/index.js";

/** One scenario written with the given ids; nothing else differs. */
const scenario = (ids: { team: string; cluster: string; school: string; practitioner: string }) => `name: Names
teams: [{ id: ${ids.team} }]
clusters: [{ id: ${ids.cluster} }, { id: b }]
schools:
  - { id: ${ids.school}, pupils: 600, cluster: ${ids.cluster} }
  - { id: s2, pupils: 300, cluster: b }
practitioners:
  - { id: ${ids.practitioner}, allocation: { clusters: [${ids.cluster}, b] } }
`;

const plain = { team: "t", cluster: "a", school: "s1", practitioner: "p1" };

describe("ids that are also Object.prototype names", () => {
  for (const name of ["constructor", "toString", "valueOf", "hasOwnProperty"]) {
    it(`behave like any other id: ${name}`, () => {
      const same = { team: name, cluster: name, school: name, practitioner: name };
      const a = runExperiment(modelSimulator, loadScenarioText(scenario(plain)), { replications: 2, seed: 3 });
      const b = runExperiment(modelSimulator, loadScenarioText(scenario(same)), { replications: 2, seed: 3 });
      const rename = (id: string) => (id === "a" || id === "t" ? name : id);
      expect(b.kpis.map((k) => [k.scope, k.id, k.kpi, k.values])).toEqual(a.kpis.map((k) => [k.scope, rename(k.id), k.kpi, k.values]));
      const cluster = b.kpis.find((k) => k.scope === "cluster" && k.id === name && k.kpi === "referrals");
      expect(cluster?.mean).toBeGreaterThan(0);
    });
  }
});
