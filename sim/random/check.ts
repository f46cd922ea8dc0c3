/**
 * Parameter checks shared by the sampler factories. Each throws a RangeError whose message
 * names the function, the parameter, the value and the rule, e.g.
 * `exponential: rate -1 must be > 0`.
 */

/** Throws unless `x` is a finite number. */
export function finite(fn: string, name: string, x: number): void {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new RangeError(`${fn}: ${name} ${String(x)} must be a finite number`);
  }
}

/** Throws unless `x` is finite and > 0. */
export function positive(fn: string, name: string, x: number): void {
  finite(fn, name, x);
  if (!(x > 0)) throw new RangeError(`${fn}: ${name} ${x} must be > 0`);
}

/** Throws unless `x` is finite and >= 0. */
export function nonNegative(fn: string, name: string, x: number): void {
  finite(fn, name, x);
  if (!(x >= 0)) throw new RangeError(`${fn}: ${name} ${x} must be >= 0`);
}

/** Throws unless `x` is a probability in [0, 1]. */
export function probability(fn: string, name: string, x: number): void {
  finite(fn, name, x);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`${fn}: ${name} ${x} must lie in [0, 1]`);
}
