/**
 * A worker thread's summaries name the same scopes, KPIs and series in the same order run
 * after run: for a national scenario some ten thousand strings, which posting copies and
 * the main thread decodes again each time. A worker therefore sends them once, and after
 * that marks a summary whose lists are unchanged; the pool puts back the lists it kept from
 * that thread. The merge then also finds the lists the very ones it laid out before, with no
 * string to compare.
 */
import type { PackedReplicationSummary, ReplicationSummary } from "./types.js";

/** A summary as a worker thread posts it. */
export type PostedSummary = (ReplicationSummary | PackedReplicationSummary) & {
  /** Set when every key list is the one of the thread's previous summary; the lists are then empty. */
  readonly keysAsBefore?: true;
};

/** A summary's key lists: packed KPI scopes and names (absent in the object form), weekly keys, histogram keys. */
type KeyLists = readonly [scopes: readonly string[] | undefined, names: readonly string[] | undefined, weekly: readonly string[], waits: readonly string[] | undefined];

const listsOf = (s: ReplicationSummary | PackedReplicationSummary): KeyLists => {
  const t = "packedKpis" in s ? s.packedKpis : undefined;
  return [t?.scopes, t?.names, s.weekly.keys, s.waits?.keys];
};

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean => {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

const none: readonly string[] = [];

/** Both ends of one thread's stream of summaries: the lists last sent (or received). */
export class SummaryKeys {
  private last: KeyLists | null = null;

  /**
   * Worker side: the summary to post, its key lists emptied and marked when they equal the
   * previous summary's (the first summary, and any whose lists changed, go whole).
   * @example keys.post(summary).keysAsBefore // true from the second summary of a model on
   */
  post(s: ReplicationSummary | PackedReplicationSummary): PostedSummary {
    const lists = listsOf(s);
    const last = this.last;
    this.last = lists;
    if (!last || !lists.every((l, i) => sameList(l, last[i]))) return s;
    const weekly = { ...s.weekly, keys: none };
    const waits = s.waits ? { waits: { ...s.waits, keys: none } } : {};
    if ("packedKpis" in s) return { ...s, weekly, ...waits, packedKpis: { ...s.packedKpis, scopes: none, names: none }, keysAsBefore: true };
    return { ...s, weekly, ...waits, keysAsBefore: true };
  }

  /**
   * Main-thread side: the summary with its key lists, put back from the thread's previous
   * summary when it was marked.
   * @throws Error when a marked summary comes first, or its shape differs from the previous one.
   */
  receive(s: PostedSummary): ReplicationSummary | PackedReplicationSummary {
    if (!s.keysAsBefore) {
      this.last = listsOf(s);
      return s;
    }
    const last = this.last;
    const packed = "packedKpis" in s;
    if (!last || packed !== (last[0] !== undefined) || (s.waits !== undefined) !== (last[3] !== undefined)) {
      throw new Error("SummaryKeys: a summary refers to key lists this thread did not send");
    }
    const { keysAsBefore: _, ...rest } = s;
    const weekly = { ...rest.weekly, keys: last[2] };
    const waits = rest.waits ? { waits: { ...rest.waits, keys: last[3]! } } : {};
    if ("packedKpis" in rest) return { ...rest, weekly, ...waits, packedKpis: { ...rest.packedKpis, scopes: last[0]!, names: last[1]! } };
    return { ...rest, weekly, ...waits };
  }
}
