/**
 * A uniform stream of doubles, and the Alea generator behind every stream the
 * {@link StreamFactory} hands out.
 */

/**
 * A uniform stream of doubles.
 *
 * `next()` returns a value in the open interval (0, 1): never 0 (so `-Math.log(next())` is
 * finite) and never 1 (so `Math.log(1 - next())` is finite too).
 *
 * @example
 * const arrivals = new StreamFactory(42, 0).stream("arrivals");
 * const u = arrivals.next(); // 0 < u < 1
 */
export interface Stream {
  /** The next uniform draw in (0, 1). Advances the stream by one step. */
  next(): number;
}

/** 2^-32: Alea's output resolution. */
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;
/** 2^-33: half a step of the 2^-32 lattice, which moves outputs off 0. */
const TWO_POW_MINUS_33 = 1.1641532182693481e-10;

/**
 * Alea state as `seedrandom.alea(seed, { state: true }).state()` reports it.
 * Each of `s0..s2` is a multiple of 2^-32 in [0, 1); `c` is the integer carry.
 *
 * @example
 * const state: AleaState = seedrandom.alea("1/0/arrivals", { state: true }).state();
 */
export interface AleaState {
  readonly c: number;
  readonly s0: number;
  readonly s1: number;
  readonly s2: number;
}

/**
 * Johannes Baagøe's Alea generator (as shipped in seedrandom), run on a plain object.
 *
 * The recurrence is copied from `seedrandom/lib/alea.js` so that `next()` is a monomorphic
 * method on a class with four numeric fields: V8 keeps them unboxed and inlines the call,
 * which is about twice as fast as calling seedrandom's closure. Tests pin the output to
 * seedrandom's own (value for value, plus the half-step offset below).
 *
 * Alea yields multiples of 2^-32 in [0, 1). Adding 2^-33 moves every value to the midpoint
 * of its cell, so outputs lie in [2^-33, 1 − 2^-33]: strictly inside (0, 1), symmetric
 * under u → 1 − u, and still exact doubles (33 significant bits). Cost: one multiply-add,
 * no allocation.
 *
 * @example
 * const s = new AleaStream({ c: 1, s0: 0.1, s1: 0.2, s2: 0.3 });
 * s.next();
 */
export class AleaStream implements Stream {
  // `declare`: no class-field definitions are emitted, so the fields are created by the
  // constructor with number values. A field defined first as `undefined` gets V8's generic
  // representation, and every later double store would then allocate a new heap number.
  private declare c: number;
  private declare s0: number;
  private declare s1: number;
  private declare s2: number;

  /**
   * @param state initial Alea state, copied (the argument is not kept). Not validated:
   *   only {@link StreamFactory} builds streams, from seedrandom's own seeding.
   */
  constructor(state: AleaState) {
    this.c = state.c;
    this.s0 = state.s0;
    this.s1 = state.s1;
    this.s2 = state.s2;
  }

  /** A uniform double in (0, 1); see the class notes for the exact lattice. */
  next(): number {
    const t = 2091639 * this.s0 + this.c * TWO_POW_MINUS_32;
    this.s0 = this.s1;
    this.s1 = this.s2;
    const c = t | 0;
    this.c = c;
    const s2 = t - c;
    this.s2 = s2;
    return s2 + TWO_POW_MINUS_33;
  }
}
