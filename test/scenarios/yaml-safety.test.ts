import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import { createApp } from "../../server/index.js";
import { gatedEngine } from "../server/helpers.js";
import { errorsOf, MINIMAL } from "./fixtures.js";

const bomb = (() => {
  let text = 'lol: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\n';
  let prev = "a";
  for (const n of "bcdefghi") {
    text += `${n}: &${n} [${Array(9).fill(`*${prev}`).join(", ")}]\n`;
    prev = n;
  }
  return MINIMAL + text;
})();

describe("hostile YAML is refused with the problem and its line", () => {
  it("refuses tags other than the core ones", () => {
    expect(errorsOf(MINIMAL.replace("name: Minimal", "name: !foo Minimal"))).toEqual(["bad.yaml:1: name: has the tag !foo: a scenario file takes plain values only (no YAML tags)"]);
    expect(errorsOf(`${MINIMAL}description: !!js/function "function () {}"\n`)).toEqual(["bad.yaml:9: description: has the tag !!js/function: a scenario file takes plain values only (no YAML tags)"]);
    expect(errorsOf(`${MINIMAL}description: !!binary aGVsbG8=\n`)[0]).toContain("has the tag !!binary");
    // The core tags are plain values written out.
    expect(errorsOf(MINIMAL.replace("name: Minimal", "name: !!str Minimal"))).toEqual([]);
  });

  it("refuses __proto__ keys anywhere", () => {
    expect(errorsOf(`__proto__: { polluted: 1 }\n${MINIMAL}`)).toEqual(["bad.yaml:1: __proto__: is not allowed as a key (__proto__ would change the data's prototype)"]);
    expect(errorsOf(MINIMAL.replace("{ id: t }", "{ id: t, __proto__: { x: 1 } }"))).toEqual([
      "bad.yaml:2: teams[0].__proto__: is not allowed as a key (__proto__ would change the data's prototype)",
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses an alias bomb at once, and takes a few aliases", () => {
    const t0 = Date.now();
    expect(errorsOf(bomb)).toEqual(["bad.yaml:10: YAML aliases expand to more than 100 copies (an alias bomb); write the values out, or use fewer aliases"]);
    expect(Date.now() - t0).toBeLessThan(10_000); // a guard against a hang, not a speed target
    const shared = MINIMAL.replace("clusters: [a, b] }", "clusters: &both [a, b] }") + "  - { id: p2, allocation: { clusters: *both } }\n";
    expect(errorsOf(shared)).toEqual([]);
  });

  it("refuses nesting deeper than 32 levels, shallow or very deep", () => {
    const nested = (n: number) => `${MINIMAL}description: ${"[".repeat(n)}${"]".repeat(n)}\n`;
    expect(errorsOf(nested(40))).toEqual(["bad.yaml:9: description" + "[0]".repeat(31) + ": is nested more than 32 levels deep (mappings and lists); at most 32"]);
    const t0 = Date.now();
    expect(errorsOf(nested(100_000))[0]).toMatch(/^bad\.yaml:9: YAML nesting too deep \(more than 32 levels|^bad\.yaml:9: description.*is nested more than 32 levels/);
    let block = MINIMAL + "description:\n";
    for (let i = 1; i < 3000; i++) block += `${" ".repeat(i)}k:\n`;
    expect(errorsOf(block)[0]).toMatch(/nest/);
    expect(Date.now() - t0).toBeLessThan(10_000); // a guard against a hang, not a speed target
    // 32 levels is within the rule (the value is then wrong for other reasons).
    expect(errorsOf(nested(30)).join("\n")).not.toContain("nested");
  });

  describe("through the CLI and the API", () => {
    const dir = mkdtempSync(join(tmpdir(), "mhst-yaml-"));
    const file = join(dir, "bomb.yaml");
    writeFileSync(file, bomb);
    const mhst = createApp({ dataDir: ":memory:", engine: gatedEngine(), log: () => {} });
    afterAll(() => mhst.close());

    it("exits 2 with the line", async () => {
      let stderr = "";
      const code = await main(["run", file, "--reps", "2"], { stdout: () => {}, stderr: (s) => void (stderr += s), isTTY: false });
      expect(code).toBe(2);
      expect(stderr).toBe(`mhst: ${file}:10: YAML aliases expand to more than 100 copies (an alias bomb); write the values out, or use fewer aliases\n`);
    });

    it("answers 400 with the line, for validate, runs and the editor", async () => {
      for (const [path, body] of [
        ["/api/scenarios/validate", { text: bomb }],
        ["/api/runs", { text: bomb }],
        ["/api/scenarios/edit", { text: bomb, set: ["calendar.years=2"] }],
        ["/api/scenarios/edit", { text: "a: !!js/function x\n", set: ["calendar.years=2"] }],
      ] as const) {
        const res = await request(mhst.app).post(path).send(body);
        expect(res.status, path).toBe(400);
        expect(res.body.issues[0].line, path).toBeGreaterThanOrEqual(1);
        expect(res.body.error, path).toMatch(/alias bomb|has the tag !!js\/function/);
      }
    });
  });
});
