import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The package root (the folder with package.json), found from this module so that the
 * sources under vitest and the compiled copy in dist/ both find scenarios/builtin.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("scenarios: cannot find the package root (package.json)");
    dir = up;
  }
  return dir;
}

/** Folder of the built-in scenario files. */
export const builtinDir = (): string => join(packageRoot(), "scenarios", "builtin");

/** Path of the committed JSON Schema. */
export const schemaPath = (): string => join(packageRoot(), "scenarios", "schema.json");
