// cppjieba's MPSegment: the DAG of dictionary words starting at each character, and the path of
// highest summed log-probability through it, computed from the end with cppjieba's ties (the
// first best continuation, i.e. the shortest word, wins) and its order of additions.
import { type Dictionary, MAX_WORD_LENGTH, MIN_DOUBLE } from './dictionary.ts';

/** Cuts runes[begin, end) and appends each word as its first and last index to `out`. */
export function mpCut(dict: Dictionary, runes: ArrayLike<number>, begin: number, end: number, out: number[]): void {
  const n = end - begin;
  // DAG: for character i, candidates (last index j, entry k or -1) in increasing j
  const candStart = new Int32Array(n + 1);
  const candLast: number[] = [];
  const candEntry: number[] = [];
  const range = new Int32Array(2);
  for (let i = 0; i < n; i++) {
    candStart[i] = candLast.length;
    const inTrie = dict.root(range, runes[begin + i]);
    candLast.push(i);
    candEntry.push(inTrie ? dict.wordIn(range, 1) : -1);
    if (inTrie) {
      for (let j = i + 1; j < n && j - i + 1 <= MAX_WORD_LENGTH; j++) {
        if (!dict.narrow(range, j - i, runes[begin + j])) break;
        const k = dict.wordIn(range, j - i + 1);
        if (k >= 0) {
          candLast.push(j);
          candEntry.push(k);
        }
      }
    }
  }
  candStart[n] = candLast.length;

  const weight = new Float64Array(n);
  const pick = new Int32Array(n); // the chosen entry, -1 for a character on its own
  for (let i = n - 1; i >= 0; i--) {
    let best = MIN_DOUBLE;
    let chosen = -1;
    for (let c = candStart[i]; c < candStart[i + 1]; c++) {
      const j = candLast[c];
      const k = candEntry[c];
      let val = 0.0;
      if (j + 1 < n) val += weight[j + 1];
      val += k >= 0 ? dict.weight(k) : dict.minWeight;
      if (val > best) {
        best = val;
        chosen = k;
      }
    }
    weight[i] = best;
    pick[i] = chosen;
  }

  for (let i = 0; i < n; ) {
    const len = pick[i] >= 0 ? dict.length(pick[i]) : 1;
    out.push(begin + i, begin + i + len - 1);
    i += len;
  }
}
