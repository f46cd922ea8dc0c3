import { describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";

/** Runs `mhst` with in-memory output. */
async function mhst(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY: false });
  return { code, stdout, stderr };
}

const base = ["queue", "--servers", "2", "--arrival-rate", "1.5", "--service-rate", "1", "--customers", "5000", "--reps", "4"];

describe("mhst queue", () => {
  it("--json prints one object with the figures and the closed form", async () => {
    const r = await mhst(...base, "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    const j = JSON.parse(r.stdout);
    expect(j.customers).toBe(20_000);
    expect(j.events).toBe(60_000);
    expect(j.wallSeconds).toBeGreaterThan(0);
    expect(j.eventsPerSecond).toBeCloseTo(j.events / j.wallSeconds, 3);
    expect(j.meanWait.exact).toBeCloseTo(9 / 7 / 1, 6); // M/M/2, λ = 1.5: Wq = ρ²/(λ(1 − ρ²))·… = 1.2857
    expect(j.meanWait.ci95).toHaveLength(2);
    expect(j.meanWait.ci95[0]).toBeLessThan(j.meanWait.mean);
    for (const k of ["meanTimeInSystem", "utilisation", "meanNumberInSystem"]) expect(typeof j[k].mean).toBe("number");
    expect(j.classes).toBeUndefined();
  });

  it("reports per-class waits with priority shares, and M/D/1 by P-K", async () => {
    const j = JSON.parse((await mhst(...base, "--priority-shares", "0.3,0.7", "--json")).stdout);
    expect(j.classes).toHaveLength(2);
    expect(j.classes[0].meanWait.exact).toBeLessThan(j.classes[1].meanWait.exact);
    const d = JSON.parse((await mhst("queue", "--servers", "1", "--arrival-rate", "0.5", "--service-rate", "1", "--service", "det", "--customers", "2000", "--reps", "2", "--json")).stdout);
    expect(d.meanWait.exact).toBeCloseTo(0.5, 12);
  });

  it("prints an aligned table by default", async () => {
    const r = await mhst(...base);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^M\/M\/2: λ=1.5 μ=1 ρ=0.7500/);
    expect(r.stdout).toMatch(/mean wait\s+\d\.\d{4}\s+\d\.\d{4} \.\. \d\.\d{4}\s+1\.2857/);
    expect(r.stdout).toMatch(/events in .* M events\/s/);
  });

  it("runs an unstable queue when --customers is given, without an exact value", async () => {
    const j = JSON.parse((await mhst("queue", "--servers", "1", "--arrival-rate", "2", "--service-rate", "1", "--customers", "1000", "--reps", "2", "--json")).stdout);
    expect(j.meanWait.exact).toBeUndefined();
  });

  const bad: [string, string[], RegExp][] = [
    ["--servers 0", ["--servers", "0", "--arrival-rate", "1", "--service-rate", "2"], /'--servers <c>' argument '0' is invalid\. "0" must be a whole number from 1 to 10000/],
    ["--arrival-rate -1", ["--servers", "1", "--arrival-rate", "-1", "--service-rate", "2"], /'--arrival-rate <lambda>' argument '-1' is invalid\. "-1" must be a number > 0/],
    ["non-numeric", ["--servers", "1", "--arrival-rate", "1", "--service-rate", "fast"], /'--service-rate <mu>' argument 'fast' is invalid\. "fast" must be a number > 0/],
    ["non-integer", ["--servers", "1.5", "--arrival-rate", "1", "--service-rate", "2"], /--servers <c>.*must be a whole number from 1 to 10000/],
    ["ρ >= 1 without --customers", ["--servers", "2", "--arrival-rate", "3", "--service-rate", "1"], /--customers is required when the utilisation λ\/\(cμ\) = 1\.5000 is >= 1/],
    ["unknown flag", ["--servers", "1", "--arrival-rate", "1", "--service-rate", "2", "--speed", "3"], /unknown option '--speed'/],
    ["shares not summing to 1", ["--servers", "1", "--arrival-rate", "1", "--service-rate", "2", "--priority-shares", "0.3,0.6"], /--priority-shares 0\.3,0\.6 must sum to 1/],
    ["bad share", ["--servers", "1", "--arrival-rate", "1", "--service-rate", "2", "--priority-shares", "0.3,x"], /--priority-shares <list>.*must be a comma-separated list of numbers > 0/],
    ["bad service law", ["--servers", "1", "--arrival-rate", "1", "--service-rate", "2", "--service", "gamma"], /--service <law>.*gamma.*Allowed choices are exp, det/],
    ["warm-up of 1", ["--servers", "1", "--arrival-rate", "1", "--service-rate", "2", "--warmup-fraction", "1"], /--warmup-fraction <f>.*must be a number in \[0, 1\)/],
    ["missing rate", ["--servers", "1", "--arrival-rate", "1"], /required option '--service-rate <mu>' not specified/],
  ];
  for (const [name, args, message] of bad) {
    it(`rejects ${name} with one line on stderr and exit code 2`, async () => {
      const r = await mhst("queue", ...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\bat .*\.(js|ts):\d+/);
    });
  }
});
