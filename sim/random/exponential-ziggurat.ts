import { positive } from "./check.js";
import type { Sampler } from "./sampler.js";
import type { Stream } from "./stream.js";

/**
 * The ziggurat method for the exponential distribution, after G. Marsaglia and W. W. Tsang,
 * "The Ziggurat Method for Generating Random Variables", Journal of Statistical Software 5(8),
 * 2000, doi:10.18637/jss.v005.i08 (256 layers; constants r and v from its `zigset`).
 *
 * The density e^-x is covered by 255 rectangles and a base strip, all of area v. Layer i
 * (1..255) spans [0, x_i) horizontally and [e^-x_i, e^-x_{i-1}] vertically, x_0 = 0 < x_1 < …
 * < x_255 = r; the base strip (layer 0) is [0, r) × [0, e^-r] plus the tail x >= r, which
 * has area v too, so it is drawn as [0, v/e^-r) with the part beyond r mapped to the tail.
 * A draw picks a layer and a point x in it; if x < x_{i-1} it lies under the curve
 * (97.8 % of draws: one uniform, no log or exp). Otherwise the wedge test (one more uniform
 * and an exp) or, in the base strip, the tail r + Exp(1) (one uniform and a log) decide.
 */

/** Right edge of the base strip, r = x_255 (Marsaglia & Tsang's `de`). */
const R = 7.697117470131487;
/** Area of each layer, v (Marsaglia & Tsang's `ve`). */
const V = 3.949659822581572e-3;
const LAYERS = 256;

/** WIDTH[i]: the width the point x is drawn over, x_i; the base strip's is v/e^-r. */
const WIDTH = new Float64Array(LAYERS);
/** EDGE[i]: x_{i-1}, below which a point of layer i is under the curve (r for the base). */
const EDGE = new Float64Array(LAYERS);
/** DENSITY[i]: e^-x_i, the layer's lower edge (1 at i = 0, for the wedge of layer 1). */
const DENSITY = new Float64Array(LAYERS);

// x_{i-1} from x_i: the rectangle of layer i has area x_i·(e^-x_{i-1} − e^-x_i) = v.
// With the published r and v the recurrence closes at the top: x_1·(1 − e^-x_1) = v to a
// relative 7.5e-13 in double precision, so the top layer (x_0 = 0) has area v as well.
{
  const x = new Float64Array(LAYERS);
  x[LAYERS - 1] = R;
  for (let i = LAYERS - 1; i > 1; i--) x[i - 1] = -Math.log(V / x[i] + Math.exp(-x[i]));
  WIDTH[0] = V / Math.exp(-R);
  EDGE[0] = R;
  DENSITY[0] = 1;
  for (let i = 1; i < LAYERS; i++) {
    WIDTH[i] = x[i];
    EDGE[i] = x[i - 1]; // x[0] = 0: the top layer always goes to the wedge test
    DENSITY[i] = Math.exp(-x[i]);
  }
}

/**
 * A standard exponential variate (mean 1) by the ziggurat: multiply by the mean for another
 * scale. The plain-function form of {@link exponentialZiggurat}, for hot loops: no closure,
 * and small enough that V8 inlines it where the stream's type is known (the M/M/c model).
 *
 * The uniform u = (j + ½)/2^32 carries a 32-bit integer j (every stream from
 * {@link StreamFactory} is on that lattice, so u·2^32 − ½ is exact). Its top 8 bits pick the
 * layer and its low 24 bits the point in it: `u·256` splits, without rounding, into the
 * layer (integer part) and the midpoint of a 2^-24 cell (fraction). Values therefore lie on a
 * lattice of step x_i/2^24 within layer i (at most 4.6e-7), against 2^-32/u for inversion.
 * (Marsaglia & Tsang take the layer from the low 8 bits and x from all 32, so the two share
 * bits; disjoint bits and cell midpoints avoid that at no cost.)
 *
 * Cost: one uniform and no log or exp for 97.8 % of draws; 1.034 uniforms per draw on
 * average (256·v = 1.011 tries, plus one uniform per try that misses the fast path). The
 * number of uniforms varies, so draws do NOT stay aligned across scenarios: do not use it
 * where common random numbers matter (the MHST model keeps inversion, {@link exponential}).
 *
 * @param s the stream to draw from (advanced by one or more steps).
 * @returns a value > 0 (at most about 30.6, given the stream's 2^-33 floor).
 * @example
 * const service = rng.stream("service");
 * const s = expZiggurat(service) * meanService; // days
 */
export function expZiggurat(s: Stream): number {
  const u = s.next() * LAYERS;
  const i = u | 0;
  const x = (u - i) * WIDTH[i];
  if (x < EDGE[i]) return x;
  return expZigguratSlow(s, i, x);
}

/** The rare cases: the wedge test, the tail, and fresh tries after a rejection. */
function expZigguratSlow(s: Stream, i: number, x: number): number {
  for (;;) {
    // Memoryless tail: beyond r, X − r is again standard exponential.
    if (i === 0) return R - Math.log(s.next());
    if (DENSITY[i] + s.next() * (DENSITY[i - 1] - DENSITY[i]) < Math.exp(-x)) return x;
    const u = s.next() * LAYERS;
    i = u | 0;
    x = (u - i) * WIDTH[i];
    if (x < EDGE[i]) return x;
  }
}

/**
 * Exponential with the given `rate` by the ziggurat ({@link expZiggurat}): same distribution
 * as {@link exponential}, mean 1/rate, without a log on 97.8 % of draws.
 *
 * Trade-off: a draw consumes a variable number of uniforms (one, or more when it falls in a
 * wedge or the tail), so two scenarios sharing a stream fall out of step after the first
 * such draw. Use it only where common random numbers across scenarios do not matter (the
 * M/M/c engine benchmark); the MHST model uses inversion, one uniform per draw.
 *
 * @param rate events per unit time (e.g. per day), > 0.
 * @throws RangeError `exponentialZiggurat: rate -1 must be > 0` (also for NaN or infinite rates).
 * @example
 * const gap = exponentialZiggurat(3.6); // mean 1/3.6 time units between arrivals
 * gap(stream);
 */
export function exponentialZiggurat(rate: number): Sampler {
  positive("exponentialZiggurat", "rate", rate);
  const mean = 1 / rate;
  return (s) => expZiggurat(s) * mean;
}

