import { positive } from "./check.js";
import { normalQuantile } from "./normal-quantile.js";
import type { Sampler } from "./sampler.js";
import type { Stream } from "./stream.js";

/**
 * Gamma with `shape` k and `scale` θ: mean kθ, variance kθ².
 *
 * Method: Marsaglia & Tsang (ACM TOMS 26, 2000), a squeeze-and-reject on a cubed normal
 * (normal drawn by inversion), about 1.03 normal–uniform pairs per draw for k >= 1. For
 * k < 1, draws Gamma(k + 1)·u^(1/k) (their boost), which is exact.
 *
 * @param shape k > 0.
 * @param scale θ > 0 (caller's units).
 * @throws RangeError `gamma: shape 0 must be > 0` or `gamma: scale -2 must be > 0`.
 * @example
 * gamma(2, 3)(stream); // mean 6
 */
export function gamma(shape: number, scale: number): Sampler {
  positive("gamma", "shape", shape);
  positive("gamma", "scale", scale);
  if (shape >= 1) {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    return (s) => marsagliaTsang(s, d, c) * scale;
  }
  const d = shape + 1 - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const invShape = 1 / shape;
  return (s) => {
    const g = marsagliaTsang(s, d, c);
    return g * Math.pow(s.next(), invShape) * scale;
  };
}

/** One Gamma(d + 1/3, 1) draw; d >= 2/3, c = 1/√(9d). */
function marsagliaTsang(s: Stream, d: number, c: number): number {
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normalQuantile(s.next());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = s.next();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}
