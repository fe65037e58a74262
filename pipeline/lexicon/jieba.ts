// One segmenter for the process, loaded on first use with the domain's user dictionary.
// It is a TypeScript port of nodejieba's tag() (./segmenter/) over cppjieba's dictionary in ./dict/;
// loading it costs ~0.5 s and ~20 MB, so it is still loaded once, not per document.
import { fileURLToPath } from 'node:url';
import { loadSegmenter, type TaggedWord } from './segmenter/index.ts';

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
// and a tagging is a pure function of the string once the dictionary is loaded: remembered, with a
// bound, and handed out as copies so a caller that edits its words edits only its own.
const MAX_TAGGED = 20_000;

function memoTag(tag: Jieba['tag']): Jieba['tag'] {
  const seen = new Map<string, TaggedWord[]>();
  return (s) => {
    let words = seen.get(s);
    if (!words) {
      if (seen.size >= MAX_TAGGED) seen.clear();
      words = tag(s);
      seen.set(s, words);
    }
    return words.map((w) => ({ word: w.word, tag: w.tag }));
  };
}
