import { describe, expect, it } from "vitest";
import { progressBar } from "../../cli/progress.js";

const sink = (isTTY: boolean) => {
  const io = { out: "", err: "", isTTY, stdout: (s: string) => void (io.out += s), stderr: (s: string) => void (io.err += s) };
  return io;
};

describe("progressBar", () => {
  it("draws on stderr only, when stderr is a terminal and the run is long", () => {
    const io = sink(true);
    const p = progressBar(io, "replications", 0);
    p.update(1, 4);
    p.update(3, 4);
    p.stop();
    expect(io.err).toMatch(/replications \[.*\] \d\/4/);
    expect(io.out).toBe("");
  });

  it("stays silent when stderr is not a terminal, or before the delay", () => {
    const piped = sink(false);
    const p = progressBar(piped, "replications", 0);
    p.update(1, 4);
    p.stop();
    expect(piped.err).toBe("");
    const quick = sink(true);
    const q = progressBar(quick, "replications", 60_000);
    q.update(1, 4);
    q.stop();
    expect(quick.err).toBe("");
  });
});
