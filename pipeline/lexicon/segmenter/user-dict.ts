// User dictionaries over the main table, as DictTrie::LoadUserDict adds them: "word", "word tag"
// (the main dictionary's median weight) or "word freq tag" (log(freq / main sum)); any other
// column count adds nothing; a user word replaces the main dictionary's entry for it, tag and all
// (an empty tag then falls back to the ASCII rule); a single-character user word is kept out of
// the HMM. The few user words are merged into the sorted table in one pass.
import { type DictFile, Dictionary, type MainTable, type Table } from './dictionary.ts';
import { log } from './log.ts';
import { atoi, decodeRunes, lines, split, text } from './text.ts';

const SPACE = 0x20;

interface UserWord { runes: number[]; weight: number; tag: string }

function readUserWords(main: MainTable, users: readonly DictFile[], singles: Set<number>): UserWord[] {
  const words: UserWord[] = [];
  for (const { bytes } of users) {
    for (const [a, b] of lines(bytes)) {
      if (a === b) continue;
      const cols = split(bytes, a, b, SPACE);
      if (cols.length < 1 || cols.length > 3) continue; // cppjieba stores an empty unit, which never reaches the trie
      const runes = decodeRunes(bytes, cols[0][0], cols[0][1]);
      if (!runes) continue; // likewise a word that is not UTF-8
      let weight = main.median;
      let tag = '';
      if (cols.length === 2) tag = text(bytes, cols[1][0], cols[1][1]);
      if (cols.length === 3) {
        weight = log((1.0 * atoi(bytes, cols[1][0], cols[1][1])) / main.sum);
        tag = text(bytes, cols[2][0], cols[2][1]);
      }
      if (runes.length === 1) singles.add(runes[0]);
      if (runes.length > 0) words.push({ runes, weight, tag });
    }
  }
  return words;
}

function compareRunes(a: ArrayLike<number>, as: number, ae: number, b: ArrayLike<number>, bs: number, be: number): number {
  while (as < ae && bs < be) {
    const d = a[as++] - b[bs++];
    if (d !== 0) return d;
  }
  return ae - as - (be - bs);
}

export function withUserDicts(main: MainTable, users: readonly DictFile[]): Dictionary {
  const singles = new Set<number>();
  const read = readUserWords(main, users, singles);
  if (read.length === 0) return new Dictionary(main, main.minWeight, singles);
  // sorted, and of equal words the last read (the stable sort keeps their order)
  const sorted = read.map((w, i) => ({ ...w, i })).sort((x, y) => compareRunes(x.runes, 0, x.runes.length, y.runes, 0, y.runes.length) || x.i - y.i);
  const user = sorted.filter((w, n) => n + 1 === sorted.length || compareRunes(w.runes, 0, w.runes.length, sorted[n + 1].runes, 0, sorted[n + 1].runes.length) !== 0);
  return new Dictionary(merge(main, user), main.minWeight, singles);
}

/** First main entry not below the word (binary search over whole words). */
function lowerBound(main: Table, w: UserWord): number {
  const { runes, starts } = main;
  let a = 0;
  let b = starts.length - 1;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (compareRunes(runes, starts[mid], starts[mid + 1], w.runes, 0, w.runes.length) < 0) a = mid + 1;
    else b = mid;
  }
  return a;
}

function merge(main: Table, user: UserWord[]): Table {
  const { runes, starts } = main;
  const n = starts.length - 1;
  // where each user word goes, and whether it replaces the main entry there
  const at = user.map((w) => lowerBound(main, w));
  const replaces = user.map((w, u) => at[u] < n && compareRunes(runes, starts[at[u]], starts[at[u] + 1], w.runes, 0, w.runes.length) === 0);
  const count = n + user.length - replaces.filter(Boolean).length;
  let total = runes.length;
  user.forEach((w, u) => (total += w.runes.length - (replaces[u] ? starts[at[u] + 1] - starts[at[u]] : 0)));

  const weights = [...main.weights];
  const weightIndex = new Map<number, number>();
  weights.forEach((w, i) => weightIndex.set(w, i));
  const tags = [...main.tags];
  const tagIndex = new Map(tags.map((t, i) => [t, i]));
  const userWeight = user.map((w) => {
    let i = weightIndex.get(w.weight);
    if (i === undefined) weightIndex.set(w.weight, (i = weights.push(w.weight) - 1));
    return i;
  });
  const userTag = user.map((w) => {
    let i = tagIndex.get(w.tag);
    if (i === undefined) tagIndex.set(w.tag, (i = tags.push(w.tag) - 1));
    return i;
  });

  const wide = runes instanceof Uint32Array || user.some((w) => w.runes.some((r) => r > 0xffff));
  const outRunes = wide ? new Uint32Array(total) : new Uint16Array(total);
  const outStarts = new Uint32Array(count + 1);
  const weightOf = weights.length <= 0x10000 ? new Uint16Array(count) : new Uint32Array(count);
  const tagOf = tags.length <= 0x100 ? new Uint8Array(count) : new Uint16Array(count);
  let j = 0; // next output entry
  let k = 0; // next main entry
  // main entries go over in blocks between the user words, one typed-array copy per block
  const copyMain = (to: number) => {
    if (to <= k) return;
    const p = outStarts[j];
    outRunes.set(runes.subarray(starts[k], starts[to]), p);
    for (let m = k; m < to; m++) outStarts[j + m - k + 1] = p + starts[m + 1] - starts[k];
    weightOf.set(main.weightOf.subarray(k, to), j);
    tagOf.set(main.tagOf.subarray(k, to), j);
    j += to - k;
    k = to;
  };
  user.forEach((w, u) => {
    copyMain(at[u]);
    outRunes.set(w.runes, outStarts[j]);
    outStarts[j + 1] = outStarts[j] + w.runes.length;
    weightOf[j] = userWeight[u];
    tagOf[j] = userTag[u];
    j++;
    if (replaces[u]) k++;
  });
  copyMain(n);
  return { runes: outRunes, starts: outStarts, weightOf, weights: Float64Array.from(weights), tagOf, tags };
}
