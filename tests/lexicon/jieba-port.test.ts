// The TypeScript segmenter against nodejieba itself (a devDependency, kept for this comparison):
// every distinct string the pipeline tagged while importing the fixtures and the wild reports
// (fixtures/lexicon/tagged-strings.txt; whole documents cut into their sentences), generated edge
// cases (punctuation, digits, Latin, full-width forms, emoji, lone surrogates, whitespace, long
// runs), and a user dictionary written to hit each of cppjieba's loading rules. Zero differences.
import { mulberry32 } from '../../scripts/prng.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { USER_DICT } from '../../pipeline/lexicon/jieba.ts';
import { HMM_MODEL, MAIN_DICT, loadSegmenter, readDictFile, type TaggedWord } from '../../pipeline/lexicon/segmenter/index.ts';
import { decodeMainTable } from '../../pipeline/lexicon/segmenter/compact.ts';
import { log } from '../../pipeline/lexicon/segmenter/log.ts';
import { buildCompactDict, nodejiebaDictPath } from '../../scripts/build-jieba-dict.ts';

const require = createRequire(import.meta.url);
interface NodeJieba { load(o: { userDict?: string }): boolean; tag(s: string): TaggedWord[] }
const nodejieba = require('nodejieba') as NodeJieba;

const fixture = (name: string) => new URL(`../../fixtures/lexicon/${name}`, import.meta.url).pathname;
const FIXTURE_STRINGS = readFileSync(fixture('tagged-strings.txt'), 'utf8').split('\n').filter((s) => s !== '');

const prng = mulberry32;

function edgeCases(): string[] {
  const cases = [
    '', ' ', '  ', '\t', '\n', '\r\n', '\v\f', '\u3000', '\u00a0', '\0', '中\0国', '，', '。', '，，', '。。', '。a。', ' 中 国 ',
    '2023', '3.14', '1.2.3', '12.', '.5', '0.5元', '１２３', 'ＡＢＣ', '１２.３', '２０２３年', '12%', '１２％', '-3', '+5', '1e5',
    'abc', 'ABC123def', 'a1b2', '1a2b', 'iPhone15Pro', 'COVID-19', 'e-mail', 'AT&T', 'c#', 'B超', 'x光', 'PPP项目', 'GDP增长6.5%',
    '（一）', '【二】', '“三”', '：；', '、', '……', '——', '《预算法》', '第一部分', '一、', '(1)', '①②③', 'Ⅰ Ⅱ', '℃', '㎡',
    '😀', '👍🏽', '𠀀𠀁', 'a😀b', '中😀国', '😀😀😀', '\uD800', '\uDC00', '\uD800\uD800', '\uDC00\uD800', '中\uD83D国', '\uFFFD',
    '一'.repeat(600), 'a'.repeat(600), '1'.repeat(600), '的'.repeat(50), '中华人民共和国'.repeat(80), '北京市'.repeat(200),
    '2023年北京市财政局部门预算', '上海市普陀区人民政府办公室25年预算', '南京市长江大桥', '结婚的和尚未结婚的', '他说的确实在理',
  ];
  for (let c = 0; c < 0x80; c++) {
    const ch = String.fromCharCode(c);
    cases.push(ch, ch + ch, `中${ch}国`, `${ch}1`, `a${ch}`, `${ch}年`);
  }
  for (let c = 0xff01; c <= 0xff5e; c += 3) cases.push(String.fromCharCode(c), `预算${String.fromCharCode(c)}公开`);
  // random strings over an alphabet of the fixtures' characters and every kind of trouble
  const chars = [...new Set([...FIXTURE_STRINGS.slice(0, 400).join('')])];
  const trouble = [...' \t\n，。、.,;:!?-_/()（）【】0123456789０１２３abcxyzABCＡＢＣ%％&#@😀𠀀\u3000\u00a0\r'];
  const rand = prng(20261201);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  for (let n = 0; n < 3000; n++) {
    const len = 1 + Math.floor(rand() * 40);
    let s = '';
    for (let i = 0; i < len; i++) s += rand() < 0.7 ? pick(chars) : pick(trouble);
    cases.push(s);
  }
  // random pieces of the real strings: words cut in the middle, separators at the edges
  for (let n = 0; n < 2000; n++) {
    const s = pick(FIXTURE_STRINGS);
    const a = Math.floor(rand() * s.length);
    cases.push(s.slice(a, a + 1 + Math.floor(rand() * 30)));
  }
  return cases;
}

/** The strings on which the two disagree, with both answers. */
function differences(strings: readonly string[], port: (s: string) => TaggedWord[]): Array<{ s: string; port: string; nodejieba: string }> {
  const out: Array<{ s: string; port: string; nodejieba: string }> = [];
  for (const s of strings) {
    const a = JSON.stringify(port(s));
    const b = JSON.stringify(nodejieba.tag(s));
    if (a !== b) out.push({ s, port: a, nodejieba: b });
  }
  return out;
}

describe('the jieba port (repo user dictionary)', () => {
  const port = loadSegmenter({ userDicts: [USER_DICT] });
  nodejieba.load({ userDict: USER_DICT });

  it('ships nodejieba 3.5.8\'s HMM model, and its dictionary in the compact form the build script makes of it', () => {
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(sha(readFileSync(MAIN_DICT))).toBe(sha(buildCompactDict(nodejiebaDictPath('jieba.dict.utf8'))));
    expect(sha(readDictFile(HMM_MODEL).bytes)).toBe(sha(readFileSync(nodejiebaDictPath('hmm_model.utf8'))));
  });

  it('weighs every word of the shipped dictionaries as the C library\'s log does', () => {
    // cppjieba's weights are glibc's log(freq / sum); segmenter/log.ts rounds correctly, and glibc's
    // log misrounds a few arguments by one ulp (freq 4470, 33826, 52967 … of this sum). SQLite's ln()
    // is the C library's log, so each frequency the dictionaries hold is checked against it.
    const ln = new Database(':memory:').prepare('select ln(?)').pluck();
    const { sum } = decodeMainTable(readDictFile(MAIN_DICT).bytes, MAIN_DICT);
    const freqs = new Set<number>();
    for (const line of readFileSync(nodejiebaDictPath('jieba.dict.utf8'), 'utf8').split('\n')) if (line) freqs.add(Number(line.split(' ')[1]));
    for (const file of [USER_DICT, fixture('user-variants.dict.utf8')]) {
      for (const cols of readFileSync(file, 'utf8').split('\n').map((l) => l.split(' '))) if (cols.length === 3 && Number(cols[1]) > 0) freqs.add(parseInt(cols[1], 10));
    }
    expect(freqs.size).toBeGreaterThan(5000);
    const differ = [...freqs].filter((f) => log(f / sum) !== ln.get(f / sum));
    expect(differ, 'frequencies whose weight the C library rounds the other way: give those user words another frequency').toEqual([]);
  });

  it(`tags the ${FIXTURE_STRINGS.length} strings the pipeline tagged as nodejieba does`, () => {
    expect(FIXTURE_STRINGS.length).toBeGreaterThan(5000);
    expect(differences(FIXTURE_STRINGS, port.tag).slice(0, 5)).toEqual([]);
  });

  it('tags the generated edge cases as nodejieba does', () => {
    const cases = edgeCases();
    expect(cases.length).toBeGreaterThan(5000);
    expect(differences(cases, port.tag).slice(0, 5)).toEqual([]);
  });

  it('reads the words the way the identity finders rely on', () => {
    expect(port.tag('北京市人民政府办公厅')).toEqual([{ word: '北京市人民政府', tag: 'nt' }, { word: '办公厅', tag: 'n' }]);
    expect(port.tag('自评报告')).toEqual([{ word: '自评报告', tag: 'n' }]); // from the user dictionary
    expect(port.tag('')).toEqual([]);
  });
});

describe('the jieba port (a user dictionary with every loading rule)', () => {
  // one, two and three columns; re-added words; single characters; frequency 0, negative, huge;
  // odd spacing; a CR line end; too many columns; an empty line
  const variants = fixture('user-variants.dict.utf8');
  const port = loadSegmenter({ userDicts: [variants] });

  it('tags as nodejieba loaded with the same user dictionary', () => {
    nodejieba.load({ userDict: variants });
    const words = readFileSync(variants, 'utf8').split('\n').map((l) => l.split(' ')[0]).filter((w) => w !== '');
    const rand = prng(7);
    const made = Array.from({ length: 800 }, () =>
      Array.from({ length: 1 + Math.floor(rand() * 5) }, () => words[Math.floor(rand() * words.length)]).join(rand() < 0.3 ? '，' : ''));
    try {
      expect(differences([...words, ...made, ...FIXTURE_STRINGS.slice(0, 1500), ...edgeCases().slice(0, 1500)], port.tag).slice(0, 5)).toEqual([]);
    } finally {
      nodejieba.load({ userDict: USER_DICT });
    }
  });
});

describe('the jieba port on bad dictionary files', () => {
  it('names a missing file', () => {
    expect(() => loadSegmenter({ userDicts: [fixture('no-such.dict.utf8')] })).toThrow(/no-such\.dict\.utf8: cannot read the dictionary file/);
  });

  it('names a compact dictionary that is not one, or is cut short', () => {
    const bytes = readDictFile(MAIN_DICT).bytes;
    expect(() => decodeMainTable(bytes.subarray(0, bytes.length - 1), 'cut.jx')).toThrow(/cut\.jx: truncated or damaged compact dictionary/);
    expect(() => decodeMainTable(readFileSync(fixture('bad-main.dict.utf8')), 'bad-main.dict.utf8')).toThrow(/bad-main\.dict\.utf8: not a compact jieba dictionary/);
  });

  it('names the file and line of a malformed main dictionary', () => {
    expect(() => loadSegmenter({ dict: fixture('bad-main.dict.utf8') })).toThrow(/bad-main\.dict\.utf8: line 2 has 2 columns/);
  });
});

describe('the process-wide tagger (pipeline/lexicon/jieba.ts)', () => {
  it('tags a long text piece by piece exactly as the segmenter tags it whole', async () => {
    const { jieba } = await import('../../pipeline/lexicon/jieba.ts');
    const whole = loadSegmenter({ userDicts: [USER_DICT] });
    // the fixture's sentences joined into report-length texts, with and without their separators
    const texts = [FIXTURE_STRINGS.slice(0, 400).join(''), FIXTURE_STRINGS.slice(400, 800).join('\n'), FIXTURE_STRINGS.slice(800, 1000).join('，')];
    for (const text of texts) {
      expect(text.length).toBeGreaterThan(1000);
      expect(jieba().tag(text)).toEqual(whole.tag(text));
    }
  });
});
