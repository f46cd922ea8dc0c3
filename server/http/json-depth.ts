/**
 * Nesting depth of JSON text, measured on the raw bytes before it is parsed, so that a body
 * nested thousands of levels deep is refused without building it (or overflowing the stack).
 */

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The deepest nesting of objects and arrays in JSON text (0 for a bare value), counting
 * brackets outside strings. It stops counting once `stopAt` is passed, so a huge body costs
 * at most one pass. Malformed text gives some number; the parser then reports it.
 * Cost: O(bytes).
 * @example jsonDepth(Buffer.from('{"a":[1,[2]]}')) // 3
 */
export function jsonDepth(bytes: Uint8Array, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return max;
}
