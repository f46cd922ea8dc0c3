/**
 * Parameter checks shared by the sampler factories. Each throws a RangeError whose message
 * names the function, the parameter, the value and the rule, e.g.
 * `exponential: rate -1 must be > 0`.
 */

/**
 * Throws unless `x` is a finite number.
 *
 * @param fn the factory's name.
 * @param name the parameter's name.
 * @param x its value.
 * @throws RangeError `gamma: shape NaN must be a finite number`.
 * @example
 * finite("uniform", "min", min);
 */
export function finite(fn: string, name: string, x: number): void {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new RangeError(`${fn}: ${name} ${String(x)} must be a finite number`);
  }
}

/**
 * Throws unless `x` is finite and > 0.
 *
 * @throws RangeError `exponential: rate -1 must be > 0`.
 * @example
 * positive("exponential", "rate", rate);
 */
export function positive(fn: string, name: string, x: number): void {
  finite(fn, name, x);
  if (!(x > 0)) throw new RangeError(`${fn}: ${name} ${x} must be > 0`);
}

/**
 * Throws unless `x` is finite and >= 0.
 *
 * @throws RangeError `normal: sd -1 must be >= 0`.
 * @example
 * nonNegative("normal", "sd", sd);
 */
export function nonNegative(fn: string, name: string, x: number): void {
  finite(fn, name, x);
  if (!(x >= 0)) throw new RangeError(`${fn}: ${name} ${x} must be >= 0`);
}

/**
 * Throws unless `x` is a probability in [0, 1].
 *
 * @throws RangeError `bernoulli: p 1.5 must lie in [0, 1]`.
 * @example
 * probability("bernoulli", "p", p);
 */
export function probability(fn: string, name: string, x: number): void {
  finite(fn, name, x);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`${fn}: ${name} ${x} must lie in [0, 1]`);
}
