import type { z } from "zod";
import { scenarioSchema } from "../schema/index.js";
import type { DocPath } from "./issues.js";

type Def = {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  items?: z.ZodType[];
  in?: z.ZodType;
};

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Strips wrappers (optional, default, nullable, pipes) and spreads unions into their options. */
function unwrap(s: z.ZodType): z.ZodType[] {
  const def = defOf(s);
  if (def.innerType && ["optional", "default", "prefault", "nullable", "readonly", "catch", "nonoptional"].includes(def.type)) {
    return unwrap(def.innerType);
  }
  if (def.type === "pipe" && def.in) return unwrap(def.in);
  if (def.type === "union" && def.options) return def.options.flatMap(unwrap);
  return [s];
}

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * The schemas a document path can reach: a string segment selects an object field, a record
 * entry or (on a list) an item by id; a number selects a list or tuple item. Empty when the
 * path names no field of the scenario format.
 */
export function schemasAt(path: DocPath, root: z.ZodType = scenarioSchema): z.ZodType[] {
  let current = unwrap(root);
  for (const seg of path) {
    // Names of Object.prototype are never fields, and setting them would reach the prototype.
    if (typeof seg === "string" && UNSAFE_KEYS.has(seg)) return [];
    const next: z.ZodType[] = [];
    for (const s of current) {
      const def = defOf(s);
      if (def.type === "object" && typeof seg === "string" && def.shape && Object.hasOwn(def.shape, seg)) next.push(def.shape[seg]!);
      else if (def.type === "record" && typeof seg === "string" && def.valueType) next.push(def.valueType);
      else if (def.type === "array" && def.element) next.push(def.element);
      else if (def.type === "tuple" && typeof seg === "number" && def.items?.[seg]) next.push(def.items[seg]!);
    }
    current = next.flatMap(unwrap);
    if (current.length === 0) return [];
  }
  return current;
}

/** Field names of the mapping at a document path, or undefined when it is not a fixed mapping. */
export function knownFields(path: DocPath): string[] | undefined {
  const fields = schemasAt(path).flatMap((s) => {
    const def = defOf(s);
    return def.type === "object" && def.shape ? Object.keys(def.shape) : [];
  });
  return fields.length > 0 ? [...new Set(fields)] : undefined;
}

/**
 * A valid stand-in for a required field whose value was wrong (so the rest of the document can
 * still be checked): the smallest allowed number, the first enum option, a placeholder id.
 * Undefined when the field may simply be left out.
 */
export function standIn(path: DocPath): unknown {
  const [schema] = schemasAt(path.slice(0, -1));
  const parentDef = schema ? defOf(schema) : undefined;
  const key = path[path.length - 1]!;
  const field = parentDef?.type === "object" && parentDef.shape ? parentDef.shape[String(key)] : undefined;
  if (!field || field.safeParse(undefined).success) return undefined;
  const [inner] = unwrap(field);
  const def = inner ? (defOf(inner) as Def & { entries?: Record<string, string>; values?: unknown[] }) : undefined;
  switch (def?.type) {
    case "number": {
      type Check = { _zod: { def: { check: string; value: number; inclusive: boolean } } };
      const checks = ((def as { checks?: Check[] }).checks ?? []).map((c) => c._zod.def);
      const low = checks.find((c) => c.check === "greater_than");
      const high = checks.find((c) => c.check === "less_than");
      const min = low ? low.value + (low.inclusive ? 0 : 1) : 0;
      return high ? Math.min(min, high.value) : min;
    }
    case "string": return ["x", "2000-01-01"].find((c) => inner!.safeParse(c).success);
    case "enum": return def.entries ? Object.values(def.entries)[0] : undefined;
    case "literal": return def.values?.[0];
    case "boolean": return false;
    default: return undefined;
  }
}
