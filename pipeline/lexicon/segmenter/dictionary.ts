// cppjieba's DictTrie (jieba.dict.utf8 plus user dictionaries) held as sorted arrays instead of a
// trie of hash maps: the words' code points back to back in code-point order, so the words that
// start with a given prefix form one contiguous range, found by binary search one character at a
// time. That answers every question the segmenter asks the trie (is this prefix in it, is it a
// word, with what weight and tag) in a few MB instead of nodejieba's ~240 MB.

/** cppjieba's MIN_DOUBLE: the weight of an impossible path. */
export const MIN_DOUBLE = -3.14e100;
/** cppjieba's MAX_WORD_LENGTH: no word in the DAG is longer. */
export const MAX_WORD_LENGTH = 512;

/** A dictionary file as bytes, and its name for errors. */
export interface DictFile { name: string; bytes: Uint8Array }

/** The words of a dictionary, sorted by code points, one entry per distinct word. */
export interface Table {
  /** Code points of the words back to back; word k is runes[starts[k], starts[k + 1]). */
  runes: Uint16Array | Uint32Array;
  starts: Uint32Array;
  /** Word k's weight is weights[weightOf[k]]: a few thousand distinct weights serve 350k words. */
  weightOf: Uint16Array | Uint32Array;
  weights: Float64Array;
  tagOf: Uint8Array | Uint16Array;
  tags: string[];
}

/** The main dictionary's table and the numbers cppjieba derives from it for the user words. */
export interface MainTable extends Table {
  /** Sum of the main dictionary's frequencies: a user word's weight is log(freq / sum). */
  sum: number;
  /** The lowest weight, which cppjieba gives a character it does not know. */
  minWeight: number;
  /** The median weight (WordWeightMedian), which a user word without a frequency gets. */
  median: number;
}

export class Dictionary {
  private readonly runes: Table['runes'];
  private readonly starts: Uint32Array;
  private readonly weightOf: Table['weightOf'];
  private readonly weights: Float64Array;
  private readonly tagOf: Table['tagOf'];
  private readonly tags: readonly string[];
  /** The range of words starting with each BMP code point (lo, hi per code point): the DAG's first step without a search. */
  private readonly roots: Int32Array;

  constructor(
    table: Table,
    /** The lowest weight of the main dictionary, which cppjieba gives a character it does not know. */
    readonly minWeight: number,
    /** Single characters of the user dictionaries, which the mixed cut keeps out of the HMM. */
    private readonly userSingles: ReadonlySet<number>,
  ) {
    ({ runes: this.runes, starts: this.starts, weightOf: this.weightOf, weights: this.weights, tagOf: this.tagOf, tags: this.tags } = table);
    this.roots = new Int32Array(0x10000 * 2);
    for (let k = 0; k < this.size; k++) {
      const r = this.runes[this.starts[k]];
      if (r > 0xffff) continue;
      if (this.roots[2 * r + 1] === 0) this.roots[2 * r] = k;
      this.roots[2 * r + 1] = k + 1;
    }
  }

  /** Sets range to the words that start with rune; false when there are none. */
  root(range: Int32Array, rune: number): boolean {
    if (rune > 0xffff) {
      range[0] = 0;
      range[1] = this.size;
      return this.narrow(range, 0, rune);
    }
    range[0] = this.roots[2 * rune];
    range[1] = this.roots[2 * rune + 1];
    return range[0] < range[1];
  }

  get size(): number {
    return this.starts.length - 1;
  }

  length(k: number): number {
    return this.starts[k + 1] - this.starts[k];
  }

  weight(k: number): number {
    return this.weights[this.weightOf[k]];
  }

  tag(k: number): string {
    return this.tags[this.tagOf[k]];
  }

  isUserSingle(rune: number): boolean {
    return this.userSingles.has(rune);
  }

  /** Word k's code point at depth d, -1 past its end (so a word sorts before its extensions). */
  private at(k: number, d: number): number {
    const p = this.starts[k] + d;
    return p < this.starts[k + 1] ? this.runes[p] : -1;
  }

  /**
   * Narrows range = [lo, hi), words sharing their first d code points, to those whose next one is
   * rune, in place (no allocation on the hot path); false when none is left.
   */
  narrow(range: Int32Array, d: number, rune: number): boolean {
    let lo = range[0];
    let hi = range[1];
    let a = lo;
    let b = hi;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (this.at(mid, d) < rune) a = mid + 1;
      else b = mid;
    }
    lo = a;
    b = hi;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (this.at(mid, d) <= rune) a = mid + 1;
      else b = mid;
    }
    hi = a;
    range[0] = lo;
    range[1] = hi;
    return lo < hi;
  }

  /** The word of range [lo, …) that is exactly `len` long (it sorts first), or -1. */
  wordIn(range: Int32Array, len: number): number {
    return this.length(range[0]) === len ? range[0] : -1;
  }

  /** The entry for runes[from, to), or -1 (cppjieba's Trie::Find). */
  find(runes: ArrayLike<number>, from: number, to: number): number {
    if (from >= to) return -1;
    const range = new Int32Array(2);
    if (!this.root(range, runes[from])) return -1;
    for (let i = from + 1; i < to; i++) if (!this.narrow(range, i - from, runes[i])) return -1;
    return this.wordIn(range, to - from);
  }
}

