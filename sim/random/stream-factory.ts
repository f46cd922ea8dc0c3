import seedrandom from "seedrandom";
import { KeyedStream } from "./keyed-stream.js";
import { AleaStream, type Stream } from "./stream.js";

/**
 * Named, independent random streams for one replication of one experiment.
 *
 * Each stream's seed is the string `${masterSeed}/${replication}/${name}`, hashed by
 * seedrandom's Alea seeding (Baagøe's Mash). A stream therefore depends only on those three
 * values: it does not matter which other streams were made before it, or how far they have
 * been drawn, so adding a new random process to the model never shifts the numbers of an
 * existing one (the basis for common random numbers across scenarios).
 *
 * @example
 * const rng = new StreamFactory(2026, 3);
 * const arrivals = rng.stream("arrivals");
 * const sessions = rng.stream("sessions");
 * arrivals.next(); // same value on every run with seed 2026, replication 3
 */
export class StreamFactory {
  /** The experiment's master seed. */
  readonly masterSeed: number;
  /** The replication number (0, 1, 2, ...). */
  readonly replication: number;

  /**
   * @param masterSeed any finite number; usually a small integer such as 2026.
   * @param replication replication index, an integer >= 0.
   * @throws RangeError if `masterSeed` is not finite or `replication` is not an integer >= 0,
   *   e.g. `StreamFactory: replication -1 must be an integer >= 0`.
   */
  constructor(masterSeed: number, replication: number) {
    if (!Number.isFinite(masterSeed)) {
      throw new RangeError(`StreamFactory: masterSeed ${masterSeed} must be a finite number`);
    }
    if (!Number.isSafeInteger(replication) || replication < 0) {
      throw new RangeError(`StreamFactory: replication ${replication} must be an integer >= 0`);
    }
    this.masterSeed = masterSeed;
    this.replication = replication;
  }

  /**
   * A stream named `name`, started from its beginning. Calling it twice with the same name
   * gives two separate streams that produce the same sequence. Cost: one seed hash
   * (microseconds); make streams once per replication, not per draw.
   *
   * @param name stream name, a non-empty string such as `"arrivals"` or `"sessions/emhp"`.
   * @throws RangeError if `name` is empty: `StreamFactory.stream: name "" must be a non-empty string`.
   * @example
   * new StreamFactory(1, 0).stream("triage").next();
   */
  stream(name: string): Stream {
    if (typeof name !== "string" || name.length === 0) {
      throw new RangeError(`StreamFactory.stream: name ${JSON.stringify(name)} must be a non-empty string`);
    }
    const seed = `${this.masterSeed}/${this.replication}/${name}`;
    return new AleaStream(seedrandom.alea(seed, { state: true }).state());
  }

  /**
   * A counter-based stream named `name` (see {@link KeyedStream}): its key comes from the
   * stream of the same name, so it too depends only on (master seed, replication, name).
   * @throws RangeError if `name` is empty.
   * @example
   * new StreamFactory(1, 0).keyed("dna").at(42, 3).next();
   */
  keyed(name: string): KeyedStream {
    const s = this.stream(`keyed/${name}`);
    return new KeyedStream(Math.floor(s.next() * 4294967296), Math.floor(s.next() * 4294967296));
  }
}
