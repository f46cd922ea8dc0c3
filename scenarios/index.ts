/**
 * Scenario files: the YAML format, its schema, the loader (parse, fill defaults, validate,
 * freeze) and the built-in scenarios. Everything outside scenarios/ imports from here.
 */
export { loadScenarioFile, loadScenarioText, scenarioWarnings, type LoadOptions } from "./load/load.js";
export { listBuiltinScenarios, loadScenario, resolveScenario, scenarioHead, type BuiltinScenario, type ScenarioHead } from "./load/builtin.js";
export { applyOverrides } from "./load/overrides.js";
export { ScenarioError, formatIssue, type ScenarioIssue } from "./load/issues.js";
export { parseScenario, type ParsedScenario } from "./load/parse.js";
export { fillDefaults } from "./load/fill-defaults.js";
export { deepFreeze } from "./load/freeze.js";
export { englandYear } from "./load/calendar-template.js";
export { allocateHalfDays } from "./load/allocate.js";
export { scenarioSchema, scenarioJsonSchema, type ScenarioInput } from "./schema/index.js";
export { schemaPath } from "./load/paths.js";
export { scenarioAssumptions, type ScenarioAssumption } from "./load/assumptions.js";
export { scenarioUncertainty, uncertaintyOf } from "./load/scenario-uncertainty.js";
