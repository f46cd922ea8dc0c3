/**
 * A waiting line with two priority classes: urgent cases before routine ones, FIFO within
 * a class. Leaving the line (withdrawal) is lazy: the caller marks the case as no longer
 * waiting and the line skips it when it reaches the front.
 */

/** Two-class FIFO line of case ids on growable typed ring buffers (no allocation in steady state). */
export class WaitLine {
  private urgent: Int32Array<ArrayBuffer> = new Int32Array(8);
  private routine: Int32Array<ArrayBuffer> = new Int32Array(8);
  private uHead = 0;
  private uCount = 0;
  private rHead = 0;
  private rCount = 0;
  /** Cases waiting (live entries). The owner decrements it when a case leaves early. */
  alive = 0;

  /** Adds a case at the back of its class (0 = urgent, 1 = routine). */
  push(id: number, routine: number): void {
    if (routine) {
      if (this.rCount === this.routine.length) {
        this.routine = grow(this.routine, this.rHead, this.rCount);
        this.rHead = 0;
      }
      this.routine[(this.rHead + this.rCount++) & (this.routine.length - 1)] = id;
    } else {
      if (this.uCount === this.urgent.length) {
        this.urgent = grow(this.urgent, this.uHead, this.uCount);
        this.uHead = 0;
      }
      this.urgent[(this.uHead + this.uCount++) & (this.urgent.length - 1)] = id;
    }
    this.alive++;
  }

  /**
   * Removes and returns the first live case, urgent class first; -1 when none.
   * @param isLive tells whether an entry still waits (withdrawn ones are skipped).
   */
  pop(isLive: (id: number) => boolean): number {
    while (this.uCount > 0) {
      const id = this.urgent[this.uHead];
      this.uHead = (this.uHead + 1) & (this.urgent.length - 1);
      this.uCount--;
      if (isLive(id)) {
        this.alive--;
        return id;
      }
    }
    while (this.rCount > 0) {
      const id = this.routine[this.rHead];
      this.rHead = (this.rHead + 1) & (this.routine.length - 1);
      this.rCount--;
      if (isLive(id)) {
        this.alive--;
        return id;
      }
    }
    return -1;
  }
}

// Capacities stay powers of two so that a mask replaces the modulo.
function grow(ring: Int32Array, head: number, count: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(ring.length * 2);
  for (let k = 0; k < count; k++) out[k] = ring[(head + k) & (ring.length - 1)];
  return out;
}
