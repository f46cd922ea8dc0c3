/**
 * CSV text (RFC 4180: comma-separated, double-quoted fields with "" for a quote, CRLF or LF
 * line ends) split into records that keep the line each record starts on, so that a bad row
 * can be reported by its line in the file. Blank lines are skipped.
 */

/** One CSV record: its fields and the 1-based line of the file it starts on. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

/**
 * Splits CSV text into records. A byte-order mark at the start is dropped.
 *
 * Cost: one pass over the text.
 * @throws RangeError `line 12: a quoted field is not closed` for a quote left open at the end.
 * @example csvRecords('a,b\n1,"x, y"\n') // [{ line: 1, fields: ["a", "b"] }, { line: 2, fields: ["1", "x, y"] }]
 */
export function csvRecords(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = "";
    let end = false;
    while (!end) {
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new RangeError(`line ${start}: a quoted field is not closed`);
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === "\n") line++;
          field += ch;
          i++;
        }
      }
      // Unquoted part (or what follows a closing quote) up to the next comma or line end.
      while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") field += text[i++];
      fields.push(field);
      field = "";
      if (i >= n) end = true;
      else if (text[i] === ",") i++;
      else {
        if (text[i] === "\r") i++;
        if (text[i] === "\n") i++;
        line++;
        end = true;
      }
    }
    if (!(fields.length === 1 && fields[0].trim() === "")) out.push({ line: start, fields });
  }
  return out;
}
