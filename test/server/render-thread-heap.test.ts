import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/index.js";
import { RenderThread } from "../../server/render-thread/index.js";
import { databaseFile } from "../../server/storage/database.js";
import { tempDataDir } from "./helpers.js";

// A chart whose drawing loads Vega: far more than a heap of a few megabytes holds.
const chart = {
  name: "tiny",
  title: "Tiny",
  spec: { $schema: "https://vega.github.io/schema/vega-lite/v6.json", data: { values: [{ x: 1, y: 2 }] }, mark: "point", encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } } },
  rows: [{ x: 1, y: 2 }],
  columns: ["x", "y"],
};

describe("the render thread's heap limit", () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it("answers a request that needs more than RENDER_HEAP_MB with a 503 naming it; with the default heap the same chart is drawn", async () => {
    // The database file the thread reads (created by the app, then released).
    await createApp({ dataDir: data.dir, log: () => {} }).close();
    const small = new RenderThread(databaseFile(data.dir), { heapMb: 8 });
    try {
      await expect(small.render({ op: "chart", chart, filename: "tiny.svg", format: "svg", scale: 2, download: false })).rejects.toMatchObject({
        status: 503,
        message: "the chart thread ran out of memory while drawing this (more than RENDER_HEAP_MB=8 MB); the server goes on with a new thread",
      });
      expect(small.started).toBe(false);
    } finally {
      await small.close();
    }
    const enough = new RenderThread(databaseFile(data.dir));
    try {
      const { body } = await enough.render({ op: "chart", chart, filename: "tiny.csv", format: "csv", scale: 2, download: false });
      expect(Buffer.from(body as Uint8Array).toString("utf8")).toBe("x,y\n1,2\n");
    } finally {
      await enough.close();
    }
  });
});
