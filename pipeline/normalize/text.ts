// Character-level normalisation that every later stage relies on.
// Full NFKC would turn Chinese punctuation (，。：（）) into ASCII and change what a reader sees,
// so only digits, Latin letters, number signs and look-alike radicals are folded.

const FULLWIDTH_ASCII = /[\uFF01-\uFF5E]/g;
// Chinese punctuation that must stay as written.
const KEEP_FULLWIDTH = new Set(['，', '。', '：', '；', '（', '）', '！', '？', '、', '【', '】', '《', '》', '“', '”', '‘', '’', '～']);

/** Kangxi radicals (U+2F00–U+2FDF) and CJK radical supplements that PDFs emit for ordinary characters. */
export function foldRadicals(s: string): string {
  return s.replace(/[\u2E80-\u2EFF\u2F00-\u2FDF]/g, (ch) => ch.normalize('NFKC'));
}

/** Folds full-width digits, letters and number signs to ASCII; keeps Chinese punctuation. */
export function foldWidth(s: string): string {
  return s.replace(FULLWIDTH_ASCII, (ch) => {
    const folded = String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
    // keep full-width brackets and the like that Chinese text uses as punctuation
    return KEEP_FULLWIDTH.has(ch) ? ch : /[0-9A-Za-z.%+\-<>=,]/.test(folded) ? folded : ch;
  });
}

// Every character the steps of normalizeText may change; a string with none of them is its own result.
// Most text has none, and extractors normalise the same cells and lines again and again (some a
// character at a time), so the test comes first.
const ODD = /[\u2E80-\u2EFF\u2F00-\u2FDF\uFF01-\uFF5E\u00A0\u2002-\u200B\u202F\u205F\uFEFF\u2013\u2014]/;

/** Normalises one line of text for matching: radicals, widths, odd spaces. Keeps inner spaces. */
export function normalizeText(s: string): string {
  if (!ODD.test(s)) return s;
  return foldWidth(foldRadicals(s))
    .replace(/[\u00A0\u2002-\u200B\u202F\u205F]/g, ' ')
    .replace(/\uFEFF/g, '')
    .replace(/[－—–]/g, (m) => (m === '－' ? '-' : m));
}

/** Drops all white space (ASCII and U+3000), as Chinese text carries no word spaces. */
export function squash(s: string): string {
  return s.replace(/[\s\u3000]+/g, '');
}

/** A comparison key for labels: normalised, no white space, no punctuation. */
export function labelKey(s: string): string {
  return normalizeText(s).normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
}
