import * as toy from "./fixtures/toy-sim.mjs";
import type { ToyModel } from "./fixtures/toy-sim.mjs";
import { ExperimentPool, type Simulator } from "../../sim/experiment/index.js";

/** The toy simulator of fixtures/toy-sim.mjs, for in-process runs. */
export const toySim: Simulator<ToyModel> = toy;

/** Its module URL, for worker pools. */
export const toyUrl = new URL("./fixtures/toy-sim.mjs", import.meta.url);

/** A small two-team, three-cluster toy service. */
export function toyModel(overrides: Partial<ToyModel> = {}): ToyModel {
  return {
    name: "toy",
    teams: [{ id: "north" }, { id: "south" }],
    clusters: [
      { id: "n1", team: "north" },
      { id: "n2", team: "north" },
      { id: "s1", team: "south" },
    ],
    arrivalsPerDay: 2,
    capacityPerDay: 2.2,
    days: 140,
    initialWaiting: 20,
    ...overrides,
  };
}

/**
 * Pools over the toy simulator for one test file: `pool(workers)` makes one, `closePools()`
 * (for afterAll) closes them all.
 */
export function toyPools(): { pool: (workers: number) => ExperimentPool; closePools: () => Promise<void> } {
  const pools: ExperimentPool[] = [];
  return {
    pool(workers) {
      const p = new ExperimentPool({ workers, simulator: toyUrl });
      pools.push(p);
      return p;
    },
    async closePools() {
      await Promise.all(pools.map((p) => p.close()));
    },
  };
}
