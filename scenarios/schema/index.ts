export { scenarioSchema, scenarioJsonSchema, type ScenarioInput } from "./scenario.js";
export { distribution, type DistributionInput, DISTRIBUTION_KINDS } from "./distribution.js";
export type { CalendarInput } from "./calendar.js";
export type { TemplateInput } from "./structure.js";
