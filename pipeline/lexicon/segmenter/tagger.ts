// nodejieba's tag(): cppjieba's MixSegment cut (dictionary DAG, then HMM over runs of characters
// the dictionary left single) of each piece between separators, each word tagged by PosTagger:
// its dictionary tag, else a tag from its ASCII (m for digits, eng for letters, x for none).
import type { Dictionary } from './dictionary.ts';
import { type HmmModel, hmmCut } from './hmm.ts';
import { mpCut } from './mp.ts';

export interface TaggedWord { word: string; tag: string }

/**
 * cppjieba's SPECIAL_SEPARATORS: space, tab, newline, full-width comma, ideographic full stop. The text
 * between two of them is cut on its own, so a text tags as its pieces do, one after another.
 */
export const SEPARATOR_CHARS = ' \t\n，。';
const SEPARATORS = new Set([...SEPARATOR_CHARS].map((c) => c.codePointAt(0)!));

export function tag(dict: Dictionary, model: HmmModel, sentence: string): TaggedWord[] {
  const text = wellFormed(sentence);
  const runes: number[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < text.length; ) {
    const r = text.codePointAt(i)!;
    runes.push(r);
    offsets.push(i);
    i += r > 0xffff ? 2 : 1;
  }
  offsets.push(text.length);

  const words: number[] = [];
  // PreFilter: each separator is a piece of its own, and so is each stretch between them
  for (let begin = 0; begin < runes.length; ) {
    let end = begin;
    while (end < runes.length && !SEPARATORS.has(runes[end])) end++;
    if (end === begin) end++;
    mixCut(dict, model, runes, begin, end, words);
    begin = end;
  }

  const out: TaggedWord[] = [];
  for (let w = 0; w < words.length; w += 2) {
    const l = words[w];
    const r = words[w + 1];
    out.push({ word: text.slice(offsets[l], offsets[r + 1]), tag: lookupTag(dict, runes, l, r + 1) });
  }
  return out;
}

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** N-API hands cppjieba the string as UTF-8, where a lone surrogate becomes U+FFFD (String#toWellFormed, ES2024). */
function wellFormed(s: string): string {
  return SURROGATE.test(s) ? s.replace(LONE_SURROGATE, '\uFFFD') : s;
}

function mixCut(dict: Dictionary, model: HmmModel, runes: number[], begin: number, end: number, out: number[]): void {
  const mp: number[] = [];
  mpCut(dict, runes, begin, end, mp);
  const count = mp.length / 2;
  const single = (i: number) => mp[2 * i] === mp[2 * i + 1] && !dict.isUserSingle(runes[mp[2 * i]]);
  for (let i = 0; i < count; i++) {
    if (!single(i)) {
      out.push(mp[2 * i], mp[2 * i + 1]);
      continue;
    }
    let j = i;
    while (j < count && single(j)) j++;
    hmmCut(model, runes, mp[2 * i], mp[2 * (j - 1)] + 1, out);
    i = j - 1;
  }
}

function lookupTag(dict: Dictionary, runes: number[], from: number, to: number): string {
  const k = dict.find(runes, from, to);
  if (k >= 0 && dict.tag(k) !== '') return dict.tag(k);
  return specialTag(runes, from, to);
}

/** PosTagger::SpecialRule, including its quirk of looking only until half the word's length of ASCII is seen. */
function specialTag(runes: number[], from: number, to: number): string {
  const size = to - from;
  const half = Math.floor(size / 2);
  let m = 0;
  let eng = 0;
  for (let i = from; i < to && eng < half; i++) {
    if (runes[i] < 0x80) {
      eng++;
      if (runes[i] >= 0x30 && runes[i] <= 0x39) m++;
    }
  }
  if (eng === 0) return 'x';
  if (m === eng) return 'm';
  return 'eng';
}
