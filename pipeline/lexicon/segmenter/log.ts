// The natural logarithm rounded correctly to the nearest double.
// cppjieba turns each word's frequency into log(freq / sum) with the C library's log. V8's Math.log
// differs from it by one unit in the last place for 49 of jieba.dict.utf8's 5,087 distinct
// frequencies, and a weight one ulp off can flip a tie between two segmentations. glibc's log is
// correctly rounded for all of them (and for all but 34 of 800,000 arguments tried; of frequencies
// 1..200,000 over this dictionary's sum, all but 4470, 33826, 52967, 60073, 79360, 100880 and
// 178929), so the weights are computed here in double-double arithmetic (~106 bits) and rounded
// once. tests/lexicon/jieba-port.test.ts checks every frequency the shipped dictionaries use
// against the C library's log itself (through SQLite's ln()).

const SPLITTER = 134217729; // 2^27 + 1, Dekker's split
const LN2_HI = 0.6931471805599453; // 0x3FE62E42FEFA39EF
const LN2_LO = 2.3190468138462996e-17; // 0x3C7ABC9E3B39803F
const TERMS = 24; // atanh series in t² ≤ 0.0295: 0.0295^24 < 2^-120

type DD = [number, number];

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, (a - (s - bb)) + (b - bb)];
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
}

function add(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  const [t, f] = twoSum(a[1], b[1]);
  const [s2, e2] = quickTwoSum(s, e + t);
  return quickTwoSum(s2, e2 + f);
}

function mul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return quickTwoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}

function div(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  let r = add(a, neg(mul(b, [q1, 0])));
  const q2 = r[0] / b[0];
  r = add(r, neg(mul(b, [q2, 0])));
  const q3 = r[0] / b[0];
  return add(quickTwoSum(q1, q2), [q3, 0]);
}

function neg(a: DD): DD {
  return [-a[0], -a[1]];
}

const INV_ODD: DD[] = Array.from({ length: TERMS + 1 }, (_, k) => div([1, 0], [2 * k + 1, 0]));

/** log(x) correctly rounded (barring a true value within ~2^-100 of a rounding midpoint). */
export function log(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x); // NaN, ±0, negatives, +∞: IEEE's answers
  // x = m · 2^e with m in [√½, √2): the series for log(m) = 2·atanh((m-1)/(m+1)) then converges fast
  let e = Math.floor(Math.log2(x));
  let m = x / 2 ** e;
  if (m >= Math.SQRT2) { m /= 2; e += 1; } else if (m < Math.SQRT1_2) { m *= 2; e -= 1; }
  if (!Number.isFinite(m) || m === 0) return Math.log(x); // subnormal edge: not reached by word weights
  const t = div([m - 1, 0], twoSum(m, 1));
  const t2 = mul(t, t);
  let s = INV_ODD[TERMS];
  for (let k = TERMS - 1; k >= 0; k--) s = add(mul(s, t2), INV_ODD[k]);
  const logm = mul([2 * t[0], 2 * t[1]], s);
  const eln2 = add(twoProd(e, LN2_HI), [e * LN2_LO, 0]);
  const r = add(eln2, logm);
  return r[0] + r[1];
}
