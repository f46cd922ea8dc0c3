import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../scenarios/index.js";
import { mhst, oneLine } from "../experiment/cli-harness.js";

const dir = mkdtempSync(join(tmpdir(), "mhst-flags-"));
const aFile = join(dir, "a-file.txt");
writeFileSync(aFile, "x");
const aDir = join(dir, "a-dir.yaml");
mkdirSync(aDir);

describe("flag bounds", () => {
  it.each([
    [["run", "trailblazer-team", "--reps", "0"], 'mhst: option \'--reps <n>\' argument \'0\' is invalid. "0" must be a whole number from 1 to 100000'],
    [["run", "trailblazer-team", "--reps", "100001"], 'mhst: option \'--reps <n>\' argument \'100001\' is invalid. "100001" must be a whole number from 1 to 100000'],
    [["sweep", "trailblazer-team", "--reps", "2.5", "--param", "casework.slotsPerDay", "--values", "3"], 'mhst: option \'--reps <n>\' argument \'2.5\' is invalid. "2.5" must be a whole number from 1 to 100000'],
    [["compare", "trailblazer-team", "--workers", "0"], 'mhst: option \'--workers <w>\' argument \'0\' is invalid. "0" must be a whole number from 1 to 1024'],
    [["run", "trailblazer-team", "--workers", "5000"], 'mhst: option \'--workers <w>\' argument \'5000\' is invalid. "5000" must be a whole number from 1 to 1024'],
    [["run", "trailblazer-team", "--seed", "1e20"], `mhst: option '--seed <s>' argument '1e20' is invalid. "1e20" must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (a safe integer)`],
    [["run", "trailblazer-team", "--seed", "9007199254740993"], `mhst: option '--seed <s>' argument '9007199254740993' is invalid. "9007199254740993" must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (a safe integer)`],
    [["queue", "--servers", "1", "--arrival-rate", "0.5", "--service-rate", "1", "--seed", "1.5"], `mhst: option '--seed <s>' argument '1.5' is invalid. "1.5" must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (a safe integer)`],
    [["queue", "--servers", "1", "--arrival-rate", "0.5", "--service-rate", "1", "--customers", "0"], 'mhst: option \'--customers <n>\' argument \'0\' is invalid. "0" must be a whole number from 1 to 10000000'],
    [["queue", "--servers", "1", "--arrival-rate", "0.5", "--service-rate", "1", "--customers", "1e9"], 'mhst: option \'--customers <n>\' argument \'1e9\' is invalid. "1e9" must be a whole number from 1 to 10000000'],
    [["queue", "--servers", "1", "--arrival-rate", "0.5", "--service-rate", "1", "--customers", "10000000", "--reps", "50"], "mhst: --customers × --reps: 10000000 × 50 = 500000000 customers must be <= 200000000"],
    [["queue", "--servers", "0", "--arrival-rate", "0.5", "--service-rate", "1"], 'mhst: option \'--servers <c>\' argument \'0\' is invalid. "0" must be a whole number from 1 to 10000'],
    [["solve", "trailblazer-team", "--target", "waitWeeksMean <= 4", "--vary", "casework.slotsPerDay", "--min", "3", "--max", "6", "--step", "1e-9"], "mhst: --step: 1e-9 gives 3000000001 grid points from 3 to 6; at most 200"],
  ])("%j is refused in one line, exit 2", async (argv, line) => {
    const r = await mhst(...argv);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(line);
    expect(r.stdout).toBe("");
  });

  it("caps --workers at the replications and cores, and says so once", async () => {
    const cores = availableParallelism();
    const r = await mhst("run", "trailblazer-team", "--reps", "1", "--workers", "6", "--scope", "service", "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`mhst: --workers 6 capped at 1 (no more than --reps 1 and the ${cores} cores)\n`);
    expect(JSON.parse(r.stdout).replications).toBe(1);
    const quiet = await mhst("run", "trailblazer-team", "--reps", "1", "--workers", "1", "--scope", "service", "--json");
    expect(quiet.stderr).toBe("");
    expect(JSON.parse(quiet.stdout).kpis).toEqual(JSON.parse(r.stdout).kpis);
  });
});

describe("--out and files", () => {
  it.each([
    ["/proc/self/mhst-out", "mhst: --out: /proc/self/mhst-out is under /proc, not an ordinary file system: give a folder on disk"],
    ["/sys/kernel", "mhst: --out: /sys/kernel is under /sys, not an ordinary file system: give a folder on disk"],
    ["/dev/null", "mhst: --out: /dev/null is under /dev, not an ordinary file system: give a folder on disk"],
    [aFile, `mhst: --out: ${aFile} exists and is not a directory`],
    [join(aFile, "sub", "deeper"), `mhst: --out: ${join(aFile, "sub", "deeper")} cannot be created: ${aFile} is not a directory`],
  ])("--out %s is refused before any run", async (out, line) => {
    const r = await mhst("run", "trailblazer-team", "--reps", "2", "--out", out);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(line);
  });

  it("a link into /proc is refused too", async () => {
    const { symlinkSync } = await import("node:fs");
    const link = join(dir, "to-proc");
    symlinkSync("/proc/self", link);
    const r = await mhst("run", "trailblazer-team", "--out", join(link, "x"));
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toContain("is under /proc");
  });

  it.each([
    [["run", join(dir, "missing.yaml")], `mhst: <scenario>: ${JSON.stringify(join(dir, "missing.yaml"))}: file not found`],
    [["scenario", "check", "no/such.yaml"], 'mhst: "no/such.yaml": file not found'],
    [["run", aDir], `mhst: <scenario>: ${JSON.stringify(aDir)} is a directory, not a scenario file`],
    [["run", "/dev/null"], 'mhst: <scenario>: "/dev/null" is not a regular file, not a scenario file'],
    [["scenario", "schema", "--out", join(dir, "no", "such", "schema.json")], `mhst: --out: cannot write ${join(dir, "no", "such", "schema.json")} (ENOENT)`],
  ])("%j: a file error is reported in words, exit 2", async (argv, message) => {
    const r = await mhst(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("names EISDIR and oversized files in words", () => {
    expect(() => loadScenarioFile(aDir)).toThrow(/a-dir\.yaml: is a directory, not a scenario file$/);
    const big = join(dir, "big.yaml");
    writeFileSync(big, `name: big\ndescription: "${"x".repeat(10_000_001)}"\n`);
    expect(() => loadScenarioFile(big)).toThrow(/big\.yaml: the file is \d+ bytes; a scenario file must be at most 10000000 bytes$/);
  });
});
