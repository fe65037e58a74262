// One segmenter for the process, loaded on first use with the domain's user dictionary.
// It is a TypeScript port of nodejieba's tag() (./segmenter/) over cppjieba's dictionary in ./dict/;
// loading it costs ~0.5 s and ~20 MB, so it is still loaded once, not per document.
import { fileURLToPath } from 'node:url';
import { loadSegmenter, SEPARATOR_CHARS, type TaggedWord } from './segmenter/index.ts';
import { memoByString, SHORT_STRING } from '../shared/memo.ts';

export type { TaggedWord } from './segmenter/index.ts';
interface Jieba { tag(s: string): TaggedWord[] }

let instance: Jieba | null = null;

export const USER_DICT = fileURLToPath(new URL('./user.dict.utf8', import.meta.url));

export function jieba(): Jieba {
  if (!instance) {
    const segmenter = loadSegmenter({ userDicts: [USER_DICT] });
    instance = { tag: memoTag(segmenter.tag) };
  }
  return instance;
}

// The identity finders tag the same short strings (unit names, cover lines) many times per document,
// and the organisation finder a report's whole text, whose sentences recur across a county's reports
// (the same boilerplate, the same names). A tagging is a pure function of the string once the
// dictionary is loaded, and a text tags as the pieces between its separators do: a long text is tagged
// piece by piece, and short strings and pieces are remembered (bounded), handed out as copies so a
// caller that edits its words edits only its own. A whole text is never kept.
const PIECE_END = new RegExp(`[${SEPARATOR_CHARS}]`, 'g');

function memoTag(tag: Jieba['tag']): Jieba['tag'] {
  const remembered = memoByString(tag, { copy: (words) => words.map((w) => ({ word: w.word, tag: w.tag })) });
  return (s) => {
    if (s.length <= SHORT_STRING) return remembered(s);
    const out: TaggedWord[] = [];
    let from = 0;
    for (const m of s.matchAll(PIECE_END)) {
      const to = m.index + 1;
      for (const w of remembered(s.slice(from, to))) out.push(w);
      from = to;
    }
    if (from < s.length) for (const w of remembered(s.slice(from))) out.push(w);
    return out;
  };
}
