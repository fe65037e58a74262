// One nodejieba instance for the process, loaded on first use with the domain's user dictionary.
// The dictionary is large (~300 MB resident): never load it per document or per worker.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export interface TaggedWord { word: string; tag: string }
interface Jieba { load(opts: { userDict?: string }): void; cut(s: string, hmm?: boolean): string[]; tag(s: string): TaggedWord[] }

let instance: Jieba | null = null;

export const USER_DICT = fileURLToPath(new URL('./user.dict.utf8', import.meta.url));

export function jieba(): Jieba {
  if (!instance) {
    const lib = require('nodejieba') as Jieba;
    lib.load({ userDict: USER_DICT });
    instance = { load: (o) => lib.load(o), cut: (s, hmm) => lib.cut(s, hmm), tag: memoTag(lib) };
  }
  return instance;
}

// The identity finders tag the same short strings (unit names, cover lines) many times per document,
// and a tagging is a pure function of the string once the dictionary is loaded: remembered, with a
// bound, and handed out as copies so a caller that edits its words edits only its own.
const MAX_TAGGED = 20_000;

function memoTag(lib: Jieba): Jieba['tag'] {
  const seen = new Map<string, TaggedWord[]>();
  return (s) => {
    let words = seen.get(s);
    if (!words) {
      if (seen.size >= MAX_TAGGED) seen.clear();
      words = lib.tag(s);
      seen.set(s, words);
    }
    return words.map((w) => ({ word: w.word, tag: w.tag }));
  };
}
