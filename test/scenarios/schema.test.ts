import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listBuiltinScenarios, scenarioJsonSchema, schemaPath } from "../../scenarios/index.js";

describe("JSON Schema", () => {
  it("scenarios/schema.json is up to date (regenerate with `npm run schema`)", () => {
    const committed = readFileSync(schemaPath(), "utf8");
    expect(committed).toBe(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  });

  it("documents every default with its source or as an assumption", () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (node === null || typeof node !== "object") return;
      const n = node as Record<string, unknown>;
      const section = JSON.stringify(n.default) === "{}"; // a section: its fields carry the defaults
      if ("default" in n && !section && (typeof n.description !== "string" || !/seed|domain-figures|assumption|Default/i.test(n.description))) {
        if (!path.endsWith("Mix") && !/\.(lowMood|anxiety|behaviour|sleep|primary|secondary|special|alternativeProvision|college|emhp|clinician|seniorClinician|mhstPlus|educationalPsychologist)$/.test(path)) missing.push(path);
      }
      for (const [k, v] of Object.entries(n)) walk(v, `${path}.${k}`);
    };
    walk(scenarioJsonSchema(), "");
    expect(missing).toEqual([]);
  });

  it("every built-in names the schema for editors on its first line", () => {
    for (const s of listBuiltinScenarios()) {
      expect(readFileSync(s.path, "utf8").split("\n")[0]).toBe("# yaml-language-server: $schema=../schema.json");
    }
  });
});

describe("built-in files", () => {
  it("comment every value with its source or `# assumption`", () => {
    const bare: string[] = [];
    for (const s of listBuiltinScenarios()) {
      let inDescription = false;
      readFileSync(s.path, "utf8").split("\n").forEach((line, i) => {
        if (/^description:/.test(line)) return void (inDescription = true);
        if (inDescription && /^\s/.test(line)) return;
        inDescription = false;
        const blank = /^\s*(#.*)?$/.test(line) || /^name:/.test(line) || /:\s*$/.test(line) || /^\s*- id: [\w-]+$/.test(line);
        if (!blank && !line.includes("#")) bare.push(`${s.id}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(bare).toEqual([]);
  });
});
