/**
 * A waiting line with two priority classes: urgent cases before routine ones, FIFO within
 * a class. Leaving the line (withdrawal) is lazy: the caller marks the case as no longer
 * waiting and the line skips it when it reaches the front.
 */

/** Two-class FIFO line of case ids. */
export class WaitLine {
  private readonly q: [number[], number[]] = [[], []];
  private readonly head = [0, 0];
  /** Cases waiting (live entries). The owner decrements it when a case leaves early. */
  alive = 0;

  /** Adds a case at the back of its class (0 = urgent, 1 = routine). */
  push(id: number, routine: number): void {
    this.q[routine].push(id);
    this.alive++;
  }

  /**
   * Removes and returns the first live case, urgent class first; -1 when none.
   * @param isLive tells whether an entry still waits (withdrawn ones are skipped).
   */
  pop(isLive: (id: number) => boolean): number {
    for (let c = 0; c < 2; c++) {
      const q = this.q[c];
      while (this.head[c] < q.length) {
        const id = q[this.head[c]++];
        if (isLive(id)) {
          this.alive--;
          this.compact(c);
          return id;
        }
      }
    }
    return -1;
  }

  // Drops the consumed prefix now and then so memory tracks the live length.
  private compact(c: number): void {
    if (this.head[c] > 1024 && this.head[c] * 2 > this.q[c].length) {
      this.q[c] = this.q[c].slice(this.head[c]);
      this.head[c] = 0;
    }
  }
}
