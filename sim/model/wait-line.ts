/**
 * A waiting line in the order a service manager runs it: children with clinical priority
 * first, then by referral date (or concern date where known), then by case id. Leaving the
 * line early (withdrawal, moving to another route) is lazy: the owner decrements `alive` and
 * the line skips the entry when it reaches the front.
 */

/** Order key of a case: priority class, then order day, then id (exact in a double). */
export function orderKey(urgent: boolean, day: number, id: number): number {
  // Days lie in [-2^13, 2^15) and ids below 2^30, so the key stays below 2^52: exact.
  return (urgent ? 0 : 2 ** 51) + (day + 8192) * 2 ** 30 + id;
}

/** A binary min-heap of case ids by order key, on growable typed arrays. */
export class WaitLine {
  private ids: Int32Array<ArrayBuffer> = new Int32Array(8);
  private keys: Float64Array<ArrayBuffer> = new Float64Array(8);
  private n = 0;
  /** Cases waiting (live entries). The owner decrements it when a case leaves early. */
  alive = 0;

  /** Adds a case with its order key. Cost O(log n). */
  push(id: number, key: number): void {
    if (this.n === this.ids.length) {
      const ids = new Int32Array(this.n * 2);
      ids.set(this.ids);
      const keys = new Float64Array(this.n * 2);
      keys.set(this.keys);
      this.ids = ids;
      this.keys = keys;
    }
    let i = this.n++;
    const ids = this.ids;
    const keys = this.keys;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (keys[up] <= key) break;
      ids[i] = ids[up];
      keys[i] = keys[up];
      i = up;
    }
    ids[i] = id;
    keys[i] = key;
    this.alive++;
  }

  /**
   * The first live case without removing it, or -1; dead entries at the front are dropped.
   * @param isLive tells whether an entry still waits on this line.
   */
  peek(isLive: (id: number) => boolean): number {
    while (this.n > 0) {
      const id = this.ids[0];
      if (isLive(id)) return id;
      this.removeTop();
    }
    return -1;
  }

  /** Order key of the front entry (call after a successful {@link peek}). */
  topKey(): number {
    return this.keys[0];
  }

  /** Removes and returns the first live case, or -1. */
  pop(isLive: (id: number) => boolean): number {
    const id = this.peek(isLive);
    if (id < 0) return -1;
    this.removeTop();
    this.alive--;
    return id;
  }

  /**
   * The live case with the smallest key among those `where` accepts, or -1, without removing
   * it; a caller who takes it changes its state (so the line skips it later) and decrements
   * `alive`. Cost O(n): for the few lines a school-named half-day scans.
   */
  bestWhere(isLive: (id: number) => boolean, where: (id: number) => boolean): number {
    let best = -1;
    let key = Infinity;
    for (let i = 0; i < this.n; i++) {
      const id = this.ids[i];
      if (this.keys[i] < key && isLive(id) && where(id)) {
        key = this.keys[i];
        best = id;
      }
    }
    return best;
  }

  private removeTop(): void {
    const last = --this.n;
    if (last === 0) return;
    const ids = this.ids;
    const keys = this.keys;
    const id = ids[last];
    const key = keys[last];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      if (c + 1 < last && keys[c + 1] < keys[c]) c++;
      if (keys[c] >= key) break;
      ids[i] = ids[c];
      keys[i] = keys[c];
      i = c;
    }
    ids[i] = id;
    keys[i] = key;
  }
}
