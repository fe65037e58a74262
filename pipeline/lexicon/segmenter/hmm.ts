// cppjieba's HMMSegment: a run of characters the dictionary left single is cut by Viterbi over the
// states B(egin) E(nd) M(iddle) S(ingle) of hmm_model.utf8; ASCII inside the run is cut by rule
// (a letter and the letters and digits after it; a digit and the digits and dots after it).
import type { DictFile } from './dictionary.ts';
import { MIN_DOUBLE } from './dictionary.ts';
import { atof, decodeRunes, lines, split, trim } from './text.ts';

const E = 1;
const S = 3;
const STATES = 4;

export interface HmmModel {
  start: Float64Array; // [state]
  trans: Float64Array; // [from * 4 + to]
  /** Code point → its row in `emit`, which holds the four states' log probabilities (MIN_DOUBLE where the model has none). */
  row: ReadonlyMap<number, number>;
  emit: Float64Array; // [row * 4 + state]
}

/** Reads hmm_model.utf8 as HMMModel::LoadModel does: comment and blank lines skipped, lines trimmed. */
export function loadHmmModel(file: DictFile): HmmModel {
  const { bytes, name } = file;
  const content: Array<[number, number]> = [];
  for (const [a, b] of lines(bytes)) {
    const [s, e] = trim(bytes, a, b);
    if (s < e && bytes[s] !== 0x23 /* # */) content.push([s, e]);
  }
  if (content.length < 1 + STATES + STATES) throw new Error(`${name}: ${content.length} lines, an HMM model needs ${1 + 2 * STATES}`);
  const numbers = (line: number, want: number): Float64Array => {
    const [a, b] = content[line];
    const cols = split(bytes, a, b, 0x20);
    if (cols.length !== want) throw new Error(`${name}: model line ${line + 1} has ${cols.length} numbers, not ${want}`);
    return Float64Array.from(cols, ([s, e]) => atof(bytes, s, e));
  };
  const start = numbers(0, STATES);
  const trans = new Float64Array(STATES * STATES);
  for (let i = 0; i < STATES; i++) trans.set(numbers(1 + i, STATES), i * STATES);
  const emit = Array.from({ length: STATES }, (_, y) => {
    const map = new Map<number, number>();
    const [a, b] = content[1 + STATES + y];
    for (const [s, e] of split(bytes, a, b, 0x2c /* , */)) {
      const kv = split(bytes, s, e, 0x3a /* : */);
      const rune = kv.length === 2 ? decodeRunes(bytes, kv[0][0], kv[0][1]) : null;
      if (!rune || rune.length !== 1) throw new Error(`${name}: emission "${new TextDecoder().decode(bytes.subarray(s, e))}" is not "character:probability"`);
      map.set(rune[0], atof(bytes, kv[1][0], kv[1][1]));
    }
    return map;
  });
  const row = new Map<number, number>();
  for (const map of emit) for (const rune of map.keys()) if (!row.has(rune)) row.set(rune, row.size);
  const table = new Float64Array(row.size * STATES).fill(MIN_DOUBLE);
  emit.forEach((map, y) => map.forEach((p, rune) => (table[row.get(rune)! * STATES + y] = p)));
  return { start, trans, row, emit: table };
}

const isLetter = (r: number) => (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a);
const isDigit = (r: number) => r >= 0x30 && r <= 0x39;

/** Cuts runes[begin, end) and appends each word as its first and last index to `out`. */
export function hmmCut(model: HmmModel, runes: ArrayLike<number>, begin: number, end: number, out: number[]): void {
  let left = begin;
  let right = begin;
  while (right !== end) {
    if (runes[right] < 0x80) {
      if (left !== right) viterbiCut(model, runes, left, right, out);
      left = right;
      right = letterRun(runes, left, end);
      if (right === left) right = numberRun(runes, left, end);
      if (right === left) right++;
      out.push(left, right - 1);
      left = right;
    } else {
      right++;
    }
  }
  if (left !== right) viterbiCut(model, runes, left, right, out);
}

function letterRun(runes: ArrayLike<number>, i: number, end: number): number {
  if (!isLetter(runes[i])) return i;
  i++;
  while (i !== end && (isLetter(runes[i]) || isDigit(runes[i]))) i++;
  return i;
}

function numberRun(runes: ArrayLike<number>, i: number, end: number): number {
  if (!isDigit(runes[i])) return i;
  i++;
  while (i !== end && (isDigit(runes[i]) || runes[i] === 0x2e)) i++;
  return i;
}

/** The row of rune's emission probabilities, -1 when the model has none (all MIN_DOUBLE). */
function emitRow(model: HmmModel, rune: number): number {
  const r = model.row.get(rune);
  return r === undefined ? -1 : r * STATES;
}

function emitProb(model: HmmModel, row: number, y: number): number {
  return row < 0 ? MIN_DOUBLE : model.emit[row + y];
}

/** Viterbi with cppjieba's order of additions and its ties (first best previous state; E over S at the end). */
function viterbiCut(model: HmmModel, runes: ArrayLike<number>, begin: number, end: number, out: number[]): void {
  const X = end - begin;
  const weight = new Float64Array(X * STATES);
  const path = new Int8Array(X * STATES);
  const first = emitRow(model, runes[begin]);
  for (let y = 0; y < STATES; y++) {
    weight[y * X] = model.start[y] + emitProb(model, first, y);
    path[y * X] = -1;
  }
  for (let x = 1; x < X; x++) {
    const row = emitRow(model, runes[begin + x]);
    for (let y = 0; y < STATES; y++) {
      const now = x + y * X;
      let best = MIN_DOUBLE;
      let from = E;
      const emit = emitProb(model, row, y);
      for (let preY = 0; preY < STATES; preY++) {
        const tmp = weight[x - 1 + preY * X] + model.trans[preY * STATES + y] + emit;
        if (tmp > best) {
          best = tmp;
          from = preY;
        }
      }
      weight[now] = best;
      path[now] = from;
    }
  }
  let stat = weight[X - 1 + E * X] >= weight[X - 1 + S * X] ? E : S;
  const status = new Int8Array(X);
  for (let x = X - 1; x >= 0; x--) {
    status[x] = stat;
    stat = path[x + stat * X];
  }
  let left = begin;
  for (let i = 0; i < X; i++) {
    if (status[i] % 2) {
      // E or S ends a word
      out.push(left, begin + i);
      left = begin + i + 1;
    }
  }
}
