/** A typed array of counts, as narrow as its values allow (see {@link narrowCounts}). */
export type CountArray = Float64Array | Int32Array | Uint16Array;

/**
 * The values of `data` in the narrowest typed array that holds every one of them exactly:
 * 16-bit unsigned while all are whole numbers in 0..65535, 32-bit signed while whole and in
 * that range, else `data` itself (as it is an array already narrowed). Narrowed, a negative
 * zero reads back as zero.
 *
 * A replication's weekly series and wait histograms are counts, so a worker thread sends
 * them in a quarter of the bytes, and the main thread, which merges every replication's,
 * reads that much less. Cost: one pass that copies while it checks (a second one into 32 bits
 * when a count passes 65535).
 *
 * @example narrowCounts(Float64Array.of(0, 3, 300)) // Uint16Array [0, 3, 300]
 * @example narrowCounts(Float64Array.of(1.5)) // the same Float64Array
 */
export function narrowCounts(data: CountArray): CountArray {
  if (!(data instanceof Float64Array)) return data;
  const n = data.length;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const v = data[i];
    // Not a whole number in 0..65535 (a fraction, NaN and the infinities included).
    if ((v & 0xffff) !== v) return wider(data);
    out[i] = v;
  }
  return out;
}

/** `data` as 32-bit signed integers when every value is one, else `data`. */
function wider(data: Float64Array): CountArray {
  const n = data.length;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = data[i];
    if ((v | 0) !== v) return data;
    out[i] = v;
  }
  return out;
}
