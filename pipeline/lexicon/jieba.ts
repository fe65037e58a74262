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
    instance = lib;
  }
  return instance;
}
