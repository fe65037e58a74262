// Remembering the results of pure functions of short strings. The extractors and checks see the same
// cells, labels and lines again and again (a statement's row names in every table of a report, the
// same names in every report of a county), and some of the work on a string is costly (a dozen
// regular expressions, a jieba tagging). Only short keys are kept: long text (a report's whole body)
// rarely repeats and would hold memory for nothing. The store is bounded by the characters of its keys
// (the results here grow with their string: words, a character map) and starts over when full.

/** The longest key kept by default: a cell, a label, a line, a sentence piece. */
export const SHORT_STRING = 200;
/** Characters of keys kept by default before a store starts over (~a few MiB of results each). */
export const KEPT_CHARS = 200_000;

export interface MemoOptions<V> {
  /** Keys longer than this are computed each time and not kept (default SHORT_STRING). */
  maxKeyLength?: number;
  /** Characters of keys kept (in all) before the store starts over (default KEPT_CHARS). */
  maxChars?: number;
  /** A copy handed out for each call, so a caller that edits its result edits only its own. */
  copy: (value: V) => V;
}

export function memoByString<V>(fn: (s: string) => V, options: MemoOptions<V>): (s: string) => V {
  const { maxKeyLength = SHORT_STRING, maxChars = KEPT_CHARS, copy } = options;
  const seen = new Map<string, V>();
  let chars = 0;
  return (s) => {
    if (s.length > maxKeyLength) return fn(s);
    let value = seen.get(s);
    if (value === undefined) {
      if (chars + s.length > maxChars) { seen.clear(); chars = 0; }
      value = fn(s);
      seen.set(s, value);
      chars += s.length;
    }
    return copy(value);
  };
}
