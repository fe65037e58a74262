// Word's automatic numbering (word/numbering.xml) and paragraph styles (word/styles.xml):
// recovers the labels Word draws (一、 （一） 1. ①) and the heading level of a paragraph style.
import { attr, child, children, intVal, onOff, val, type XNode } from './xml.ts';

interface Level {
  start: number;
  numFmt: string;
  lvlText: string;
  /** 0 = never restart; n = restart after a paragraph at 1-based level n (or shallower). */
  lvlRestart?: number;
  isLgl: boolean;
  suff: 'tab' | 'space' | 'nothing';
}

interface NumInstance {
  abstractId: string;
  /** Levels overridden by this instance, with an optional start override. */
  overrides: Map<number, { start?: number; level?: Level }>;
}

interface StyleInfo {
  name: string;
  basedOn?: string;
  outlineLvl?: number;
  numId?: string;
  ilvl?: number;
}

function readLevel(lvl: XNode): Level {
  const suff = val(child(lvl, 'suff'));
  const restart = intVal(child(lvl, 'lvlRestart'));
  return {
    start: intVal(child(lvl, 'start')) ?? 0,
    numFmt: val(child(lvl, 'numFmt')) ?? 'decimal',
    lvlText: val(child(lvl, 'lvlText')) ?? '',
    lvlRestart: restart,
    isLgl: onOff(child(lvl, 'isLgl')) ?? false,
    suff: suff === 'space' || suff === 'nothing' ? suff : 'tab',
  };
}

export class Styles {
  private readonly styles = new Map<string, StyleInfo>();
  private defaultParagraph?: string;

  constructor(root?: XNode) {
    if (!root) return;
    for (const s of children(root, 'style')) {
      const id = attr(s, 'styleId');
      if (!id || (attr(s, 'type') ?? 'paragraph') !== 'paragraph') continue;
      const pPr = child(s, 'pPr');
      const numPr = child(pPr, 'numPr');
      this.styles.set(id, {
        name: val(child(s, 'name')) ?? id,
        basedOn: val(child(s, 'basedOn')),
        outlineLvl: intVal(child(pPr, 'outlineLvl')),
        numId: val(child(numPr, 'numId')),
        ilvl: intVal(child(numPr, 'ilvl')),
      });
      if (/^(1|true|on)$/.test(attr(s, 'default') ?? '')) this.defaultParagraph = id;
    }
  }

  private chain(styleId: string | undefined): StyleInfo[] {
    const out: StyleInfo[] = [];
    const seen = new Set<string>();
    let id = styleId ?? this.defaultParagraph;
    while (id && !seen.has(id)) {
      seen.add(id);
      const s = this.styles.get(id);
      if (!s) break;
      out.push(s);
      id = s.basedOn;
    }
    return out;
  }

  /** Heading level 1–9 from the style's name (heading N, 标题 N) or its outline level. */
  headingLevel(styleId: string | undefined): number | undefined {
    const chain = this.chain(styleId);
    for (const s of chain) {
      const m = /^(?:heading|标题)\s*([1-9])$/i.exec(s.name.trim());
      if (m) return Number(m[1]);
      if (s.outlineLvl !== undefined) return s.outlineLvl >= 0 && s.outlineLvl <= 8 ? s.outlineLvl + 1 : undefined;
    }
    return undefined;
  }

  /** The numbering a style applies to its paragraphs, if any. */
  numbering(styleId: string | undefined): { numId: string; ilvl?: number } | undefined {
    for (const s of this.chain(styleId)) if (s.numId !== undefined) return { numId: s.numId, ilvl: s.ilvl };
    return undefined;
  }
}

/** Tracks the counters of every list as paragraphs are visited in document order. */
export class Numbering {
  private readonly abstracts = new Map<string, Map<number, Level>>();
  /** abstractNum styleLinks: a numStyleLink resolves through a style to another num. */
  private readonly numStyleLink = new Map<string, string>();
  private readonly nums = new Map<string, NumInstance>();
  /** Counters per abstract list (Word continues a list across num instances of one abstractNum). */
  private readonly counters = new Map<string, Map<number, number>>();
  private readonly startedNums = new Set<string>();

  constructor(root: XNode | undefined, private readonly styles: Styles) {
    if (!root) return;
    for (const a of children(root, 'abstractNum')) {
      const id = attr(a, 'abstractNumId');
      if (id === undefined) continue;
      const levels = new Map<number, Level>();
      for (const lvl of children(a, 'lvl')) levels.set(Number(attr(lvl, 'ilvl') ?? 0), readLevel(lvl));
      this.abstracts.set(id, levels);
      const link = val(child(a, 'numStyleLink'));
      if (link) this.numStyleLink.set(id, link);
    }
    for (const n of children(root, 'num')) {
      const id = attr(n, 'numId');
      const abstractId = val(child(n, 'abstractNumId'));
      if (id === undefined || abstractId === undefined) continue;
      const overrides = new Map<number, { start?: number; level?: Level }>();
      for (const o of children(n, 'lvlOverride')) {
        const ilvl = Number(attr(o, 'ilvl') ?? 0);
        const lvl = child(o, 'lvl');
        overrides.set(ilvl, { start: intVal(child(o, 'startOverride')), level: lvl ? readLevel(lvl) : undefined });
      }
      this.nums.set(id, { abstractId, overrides });
    }
  }

  private resolveAbstract(abstractId: string, depth = 0): string {
    const link = this.numStyleLink.get(abstractId);
    if (!link || depth > 5) return abstractId;
    const viaStyle = this.styles.numbering(link);
    const num = viaStyle && this.nums.get(viaStyle.numId);
    return num ? this.resolveAbstract(num.abstractId, depth + 1) : abstractId;
  }

  private level(num: NumInstance, abstractId: string, ilvl: number): Level | undefined {
    return num.overrides.get(ilvl)?.level ?? this.abstracts.get(abstractId)?.get(ilvl);
  }

  /**
   * Advances the list a paragraph belongs to and returns the label Word would draw before it
   * ('' for bullets and unnumbered paragraphs), and the separator that follows it.
   */
  next(numId: string | undefined, ilvlIn: number | undefined): { label: string; suff: Level['suff'] } | undefined {
    if (numId === undefined || numId === '0') return undefined;
    const num = this.nums.get(numId);
    if (!num) return undefined;
    const abstractId = this.resolveAbstract(num.abstractId);
    const ilvl = Math.max(0, Math.min(8, ilvlIn ?? 0));
    const lvl = this.level(num, abstractId, ilvl);
    if (!lvl) return undefined;
    let counters = this.counters.get(abstractId);
    if (!counters) { counters = new Map(); this.counters.set(abstractId, counters); }
    if (!this.startedNums.has(numId)) {
      // a num instance that overrides a start restarts its list the first time it is used
      this.startedNums.add(numId);
      for (const [l, o] of num.overrides) if (o.start !== undefined) counters.set(l, o.start - 1);
    }
    const prev = counters.get(ilvl);
    counters.set(ilvl, prev === undefined ? lvl.start : prev + 1);
    // deeper levels restart after this one, unless they say never (lvlRestart 0) or name a shallower level
    for (const l of [...counters.keys()]) {
      if (l <= ilvl) continue;
      const deeper = this.level(num, abstractId, l);
      const restart = deeper?.lvlRestart;
      if (restart === 0) continue;
      if (restart !== undefined && ilvl + 1 > restart) continue;
      counters.delete(l);
    }
    if (lvl.numFmt === 'bullet') return { label: '', suff: lvl.suff };
    const label = lvl.lvlText.replace(/%([1-9])/g, (_m, d: string) => {
      const l = Number(d) - 1;
      const at = this.level(num, abstractId, l);
      const n = counters!.get(l) ?? at?.start ?? 1;
      const fmt = lvl.isLgl && l < ilvl ? 'decimal' : at?.numFmt ?? 'decimal';
      return formatNumber(n, fmt);
    });
    return { label, suff: lvl.suff };
  }
}

const CN_DIGITS = '〇一二三四五六七八九';
const CN_COUNT_DIGITS = '零一二三四五六七八九';
const TIANGAN = '甲乙丙丁戊己庚辛壬癸';
const DIZHI = '子丑寅卯辰巳午未申酉戌亥';

/** Chinese counting numerals: 1 一, 10 十, 11 十一, 21 二十一, 105 一百零五, 1234 一千二百三十四. */
export function chineseCounting(n: number): string {
  if (n <= 0 || n >= 100000) return String(n);
  const units = ['', '十', '百', '千', '万'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i];
    if (d === 0) { zero = out.length > 0; return; }
    if (zero) { out += CN_COUNT_DIGITS[0]; zero = false; }
    out += CN_COUNT_DIGITS[d] + unit;
  });
  // 一十 … 一十九 are written 十 … 十九
  return n >= 10 && n < 20 ? out.slice(1) : out;
}

function letters(n: number, upper: boolean): string {
  // Word repeats the letter: a … z, aa … zz, aaa …
  if (n <= 0) return String(n);
  const ch = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'none': return '';
    case 'decimalZero': return n < 10 && n >= 0 ? `0${n}` : String(n);
    case 'upperRoman': return roman(n);
    case 'lowerRoman': return roman(n).toLowerCase();
    case 'upperLetter': return letters(n, true);
    case 'lowerLetter': return letters(n, false);
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographLegalTraditional':
      return fmt === 'chineseLegalSimplified' ? chineseCounting(n).replace(/[零一二三四五六七八九十百千万]/g, (c) => '零壹贰叁肆伍陆柒捌玖拾佰仟万'['零一二三四五六七八九十百千万'.indexOf(c)]) : chineseCounting(n);
    case 'ideographDigital':
    case 'japaneseDigitalTenThousand':
    case 'taiwaneseDigital':
      return String(n).split('').map((d) => CN_DIGITS[Number(d)] ?? d).join('');
    case 'ideographTraditional': return n >= 1 && n <= 10 ? TIANGAN[n - 1] : String(n);
    case 'ideographZodiac': return n >= 1 && n <= 12 ? DIZHI[n - 1] : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedParen': return n >= 1 && n <= 20 ? String.fromCodePoint(0x2474 + n - 1) : `(${n})`;
    case 'decimalEnclosedFullstop': return n >= 1 && n <= 20 ? String.fromCodePoint(0x2488 + n - 1) : `${n}.`;
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/[0-9]/g, (d) => String.fromCodePoint(0xff10 + Number(d)));
    default: return String(n);
  }
}

