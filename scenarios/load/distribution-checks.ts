import type { Distribution } from "../../sim/model/config.js";
import type { DocPath } from "./issues.js";

/** Reports one problem at a document path. */
type Add = (path: DocPath, value: unknown, message: string) => void;

/**
 * The parameter relations of a distribution that zod does not check: min <= mode <= max, one
 * weight per value, weights not all 0. Each problem is reported at the parameter's path.
 */
export function checkDistribution(path: DocPath, d: Distribution, add: Add): void {
  switch (d.kind) {
    case "uniform":
      if (d.min > d.max) add([...path, "min"], d.min, `must be <= max (${d.max})`);
      break;
    case "triangular":
      if (d.min > d.max) add([...path, "min"], d.min, `must be <= max (${d.max})`);
      else if (d.mode < d.min || d.mode > d.max) add([...path, "mode"], d.mode, `must lie in [min, max] = [${d.min}, ${d.max}]`);
      break;
    case "normal":
      if (d.min !== undefined && d.max !== undefined && d.min > d.max) add([...path, "min"], d.min, `must be <= max (${d.max})`);
      break;
    case "discrete":
      if (d.values.length !== d.weights.length) {
        add([...path, "weights"], d.weights, `must have one weight per value (${d.values.length} values)`);
      } else if (d.weights.reduce((a, b) => a + b, 0) <= 0) add([...path, "weights"], d.weights, "must not all be 0");
      break;
    default:
      break;
  }
}
