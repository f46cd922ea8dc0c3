import { loadScenarioText, ScenarioError } from "../../scenarios/index.js";

/** A small valid scenario; tests edit copies of it. */
export const MINIMAL = `name: Minimal
teams: [{ id: t }]
clusters: [{ id: a }, { id: b }]
schools:
  - { id: s1, pupils: 600, cluster: a }
  - { id: s2, pupils: 300, cluster: b }
practitioners:
  - { id: p1, allocation: { clusters: [a, b] } }
`;

/** The formatted error lines of loading `text` as `bad.yaml`, or [] when it loads. */
export function errorsOf(text: string, overrides?: string[]): string[] {
  try {
    loadScenarioText(text, { file: "bad.yaml", overrides });
    return [];
  } catch (err) {
    if (err instanceof ScenarioError) return err.message.split("\n");
    throw err;
  }
}
