/**
 * Calibrated scenarios: which field each calibration estimate sets, and writing them into a
 * scenario file with its comments kept.
 */
export { estimateText, fieldEdits, pathText, written, type FieldEdit, type Unmapped } from "./field-map.js";
export { writeCalibrated } from "./write-calibrated.js";
export { backtestMeasures, backtestResult, backtestSetup, backtestShift, type BacktestMeasureArg, simulatedMeasures, type BacktestSetup, type MonthlyMeasures } from "./backtest-setup.js";
export { ESTIMATE_NAMES } from "./estimate-names.js";
