// Whether the document is a department's consolidated budget (部门: 本级 and subordinate units) or one unit's
// (单位预算, 本级 only), and which units it names as its own. Read from what the document states about its
// own composition (纳入…编制范围的预算单位包括：…, 下属N个预算单位, 本部门无下属单位, 部门预算为局本级预算);
// the title's 单位预算 where nothing is stated. Null when the document says nothing (tables only).
import { cleanName } from './names.ts';

export interface Scope { scope: 'department' | 'unit' | null; consolidates: string[] }

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
function toNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 1) return CN_DIGITS[s] ?? NaN;
  const [a, b] = s.split('十');
  return (a ? CN_DIGITS[a] : 1) * 10 + (b ? CN_DIGITS[b] : 0);
}
const NUM = '(\\d+|[零〇一二两三四五六七八九十]{1,3})';

/** Statements that the document covers its own 本级 only. */
const ONLY_OWN = [
  /无下属(?:预算)?单位/, /下属\s*0\s*家/, /(?:部门|单位)预算(?:为|是|只包括|仅包括|仅包含|只包含)[\p{Script=Han}]{0,8}本级/u,
  /(?:仅|只)(?:包括|包含)[\p{Script=Han}（）]{0,24}本级/u, /(?:共计|共)\s*(?:1|一)\s*(?:家|个)/,
];
/** Statements that it consolidates subordinate units. */
const CONSOLIDATED = [/汇总预算/, /汇总决算/, new RegExp(`下属${NUM}\\s*(?:家|个)`), new RegExp(`(?:下设|所属|包括)${NUM}\\s*个(?:所属)?预算单位`),
  new RegExp(`预算单位(?:共计|共有|共|为)?${NUM}\\s*(?:家|个)`), /编制范围的(?:预算)?单位包括/, /所属(?:事业)?单位的收支/, new RegExp(`下属[\\p{Script=Han}]{0,8}单位(?:有)?${NUM}\\s*(?:家|个)`, 'u'),
  new RegExp(`包含了?[\\p{Script=Han}、]{0,20}等?${NUM}\\s*个所属`, 'u')];

/** Where a list of the document's own units begins. */
const LIST_START = /(?:预算单位|下属单位|所属单位|编制范围的单位|直属单位|预算单位\d+个)[^。]{0,24}?(?:具体包括|分别为|分别是|包括|即)[:：]?/;

export function findScope(paragraphs: string[], title: string | null): Scope {
  let scope: Scope['scope'] = null;
  let consolidates: string[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i].replace(/\s+/g, '');
    if (scope === null && ONLY_OWN.some((re) => re.test(p))) scope = 'unit';
    else if (scope === null && CONSOLIDATED.some((re) => re.test(p)) && !ONLY_OWN.some((re) => re.test(p))) scope = 'department';
    if (!consolidates.length) {
      const m = LIST_START.exec(p);
      if (m && /预算|编制范围|下属|所属/.test(p)) consolidates = listAfter(p.slice(m.index + m[0].length), paragraphs.slice(i + 1));
    }
  }
  if (scope === null && title && /单位预算|单位决算/.test(title)) scope = 'unit';
  if (scope === 'unit' && consolidates.length > 1) scope = 'department';
  return { scope, consolidates };
}

const NUMBERED = /^(?:\d+[.．、）)]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．])/;

/** The unit names listed after a list start: in the same sentence, or as the numbered lines that follow it. */
function listAfter(rest: string, following: string[]): string[] {
  const sentence = rest.split(/。/)[0];
  if (sentence.replace(/[\s：:]/g, '')) return splitList(sentence);
  const out: string[] = [];
  for (const line of following) {
    const t = line.replace(/\s+/g, '');
    if (!NUMBERED.test(t)) break;
    const name = unitItem(t.replace(NUMBERED, ''));
    if (!name) break;
    out.push(name);
  }
  return out;
}

function splitList(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[、，,；;]/)) {
    for (const part of splitAnd(raw)) {
      const name = unitItem(part);
      if (name) out.push(name);
    }
  }
  return out;
}

/** 和/及 join two names only where the part before them is itself a name (A中心和B院), not inside one (人力资源和社会保障局). */
function splitAnd(item: string): string[] {
  const m = /^(.+?)(?:和|及|以及)(.+)$/.exec(item);
  if (m && cleanName(m[1]) && cleanName(m[2])) return [m[1], ...splitAnd(m[2])];
  return [item];
}

/** One listed unit: a name, possibly with a qualifier before it (行政单位1家，为X; 我局管理的直属单位X) or 本级. */
function unitItem(raw: string): string | null {
  const t = raw.replace(/等\d*个?.*$/, '').replace(/[。：:]$/, '').replace(/^(?:为|是|分别为|分别是|包括|其中)/, '');
  if (/^[\p{Script=Han}]{0,12}本级(?:（[^）]*）)?$/u.test(t) || /本级（[^）]*）$/.test(t)) return t;
  const direct = cleanName(t);
  if (direct) return direct;
  // a qualifier glued before the name (我局管理的直属单位X, 行政单位1家，为X)
  const tail = t.replace(/^.*(?:的|为|是)/, '').replace(/^(?:直属|下属|所属)?(?:全额拨款|差额拨款)?(?:事业|行政)?单位(?:\d+家)?/, '');
  return tail !== t ? cleanName(tail) : null;
}
