import { main } from "../../cli/main.js";

/** Runs `mhst` in-process and captures its output. */
export async function mhst(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY: false });
  return { code, stdout, stderr };
}

/** Asserts a one-line usage error and returns it. */
export function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split("\n");
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got:\n${stderr}`);
  return lines[0];
}
