// Whether the document is a department's consolidated budget (部门: 本级 and subordinate units) or one unit's
// (单位预算, 本级 only), and which units it names as its own. Read from what the document states about its own
// composition; a statement about the budget (纳入…编制范围的预算单位共计1家，仅包括…本级) outranks one about the
// organisation (本部门下属单位包括：东郊国宾馆…). A title's 单位预算 is one unit by definition. Null when the
// document says nothing (tables only).
import type { Block } from '../../../schemas/document.ts';
import { normalizeText } from '../../normalize/text.ts';
import { cleanName } from './names.ts';

export interface Scope { scope: 'department' | 'unit' | null; consolidates: string[] }

const NUM = '(?:\\d+|[零〇一二两三四五六七八九十]{1,3})';

/** Statements that the document covers its own 本级 only. */
const ONLY_OWN = [
  /无下属(?:预算)?单位/, /下属\s*0\s*家/, /(?:部门|单位)预算(?:为|是|只包括|仅包括|仅包含|只包含)[\p{Script=Han}]{0,8}本级/u,
  /(?:仅|只)(?:包括|包含)[\p{Script=Han}（）]{0,24}本级/u, /预算单位(?:共计|共有|共)\s*(?:1|一)\s*(?:家|个)/,
];
/** Statements that it consolidates subordinate units. */
const CONSOLIDATED = [/汇总预算/, /汇总决算/, new RegExp(`下属[\\p{Script=Han}]{0,8}?${NUM}\\s*(?:家|个)`, 'u'), new RegExp(`(?:下设|所属|包括)${NUM}\\s*个(?:所属)?预算单位`),
  new RegExp(`预算单位(?:共计|共有|共|为)?${NUM}\\s*(?:家|个)`), /编制范围的(?:预算)?单位(?:包括|有)/, /所属(?:事业)?单位的收支/,
  new RegExp(`下属[\\p{Script=Han}]{0,8}单位(?:有)?${NUM}\\s*(?:家|个)`, 'u'), new RegExp(`${NUM}\\s*个(?:直属|下属|所属)[\\p{Script=Han}]{0,6}单位`, 'u'),
  new RegExp(`包含了?[\\p{Script=Han}、]{0,20}等?${NUM}\\s*个所属`, 'u')];

/** A statement about the budget's own composition (rank 3 when it says which units it takes in), not the organisation's. */
const IN_SCOPE = /编制范围|预算单位(?:共计|共有|共|为)?\s*\d|预算单位(?:共计|共有|共)/;
const ABOUT_BUDGET = /预算单位|(?:部门|单位|汇总)(?:预算|决算)(?:为|是|包括|只|仅)|预算数据/;

/** Where a list of the document's own units begins. */
const LIST_START = /单位[^。]{0,24}?(?:具体包括|分别为|分别是|包括|即)[:：]?/;

const text = (b: Block) => normalizeText(b.kind === 'paragraph' ? b.text : '').replace(/\s+/g, '');

/** Paragraphs a page break cut (…分别为北京市国际服 | 务贸易…) joined again; a list's numbered lines stay apart. */
function sentences(blocks: Block[]): Array<{ text: string; next: number }> {
  const out: Array<{ text: string; next: number }> = [];
  for (let i = 0; i < blocks.length; i++) {
    if (blocks[i].kind !== 'paragraph') continue;
    let t = text(blocks[i]);
    let j = i + 1;
    while (t && !/[。；;：:!！?？]$/.test(t) && j < blocks.length && blocks[j].kind === 'paragraph' && !NUMBERED.test(text(blocks[j])) && t.length < 600) t += text(blocks[j++]);
    out.push({ text: t, next: j });
  }
  return out;
}

export function findScope(blocks: Block[], title: string | null): Scope {
  let best: { rank: number; scope: Scope['scope'] } = { rank: 0, scope: null };
  let list: { rank: number; names: string[] } = { rank: 0, names: [] };
  for (const { text: p, next } of sentences(blocks)) {
    const own = ONLY_OWN.some((re) => re.test(p));
    const whole = !own && CONSOLIDATED.some((re) => re.test(p));
    const rank = IN_SCOPE.test(p) ? 3 : ABOUT_BUDGET.test(p) ? 2 : 1;
    if ((own || whole) && rank > best.rank) best = { rank, scope: own ? 'unit' : 'department' };
    const m = LIST_START.exec(p);
    if (m && rank > list.rank && /预算|决算|编制范围|下属|所属|直属/.test(p)) {
      const names = listAfter(p.slice(m.index + m[0].length), blocks.slice(next));
      if (names.length) list = { rank, names };
    }
  }
  if (title && /单位(?:预算|决算)/.test(title)) return { scope: 'unit', consolidates: [] };
  if (best.scope === null) {
    // nothing stated: the unit rows of a table that lists its money by unit (项目名称（资金使用单位）)
    const units = unitRows(blocks);
    if (units.length > 1) return { scope: 'department', consolidates: units };
  }
  if (best.scope === 'unit') return { scope: 'unit', consolidates: list.rank >= best.rank && list.names.length === 1 ? list.names : [] };
  return { scope: best.scope, consolidates: best.scope === 'department' ? list.names : [] };
}

const NUMBERED = /^(?:\d+[.．、）)]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．])/;
const INNER_NUMBER = /[（(][一二三四五六七八九十]+[）)]/g;

/** The unit names listed after a list start: in the same sentence, the numbered lines after it, or a 单位名称 table. */
function listAfter(rest: string, following: Block[]): string[] {
  // the list ends where the sentence does, or where it turns to what is left out (，不含东郊国宾馆…)
  const sentence = rest.split(/。|[，,；;]?(?:不含|不包括|除此|另外|另有)/)[0];
  if (sentence.replace(/[\s：:]/g, '')) return splitList(sentence);
  const first = following[0];
  if (first?.kind === 'table') return namesInTable(first.rows.map((r) => r.map((c) => normalizeText(c.text).replace(/\s+/g, ''))));
  const out: string[] = [];
  for (const b of following) {
    const t = text(b);
    if (b.kind !== 'paragraph' || !NUMBERED.test(t)) break;
    const items = t.replace(NUMBERED, '').split(INNER_NUMBER).map(unitItem);
    if (!items[0]) break;
    out.push(...items.filter((x): x is string => !!x));
  }
  return out;
}

/** The 单位名称 column of a table that lists units (序号 | 单位名称 | 备注). */
function namesInTable(rows: string[][]): string[] {
  const col = rows[0]?.findIndex((c) => /^(?:单位名称|预算单位|单位)$/.test(c)) ?? -1;
  if (col < 0) return [];
  return rows.slice(1).map((r) => unitItem((r[col] ?? '').replace(/（[^）]*单位）$/, ''))).filter((x): x is string => !!x);
}

/** Distinct unit names in the first column of tables whose header says the rows are units (资金使用单位, 单位名称). */
function unitRows(blocks: Block[]): string[] {
  const out = new Set<string>();
  for (const b of blocks) {
    if (b.kind !== 'table' || !/(?:资金使用单位|单位名称|预算单位)/.test(b.rows[0]?.[0]?.text ?? '')) continue;
    for (const r of b.rows.slice(1)) {
      const cell = normalizeText(r[0]?.text ?? '').replace(/\s+/g, '');
      const name = cleanName(cell);
      if (name && name === cell.replace(/（本级）$/, '') && /^[\p{Script=Han}]{2,8}?[省市区县]/u.test(name)) out.add(name);
    }
  }
  return [...out];
}

function splitList(list: string): string[] {
  const out: string[] = [];
  for (const raw of list.split(/[、，,；;]/)) {
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
  const t = raw.replace(/等\d*个?.*$/, '').replace(/[。：:]$/, '').replace(/^[（(]/, '').replace(/^(?:为|是|分别为|分别是|包括|其中)/, '');
  if (/^[\p{Script=Han}]{0,16}本级(?:[\p{Script=Han}]{0,2})?(?:（[^）]*）)?$/u.test(t)) return t;
  const direct = cleanName(t);
  if (direct) return direct;
  // a qualifier glued before the name (我局管理的直属单位X, 行政单位1家，为X)
  const tail = t.replace(/^.*(?:的|为|是)/, '').replace(/^(?:直属|下属|所属)?(?:全额拨款|差额拨款)?(?:事业|行政)?单位(?:\d+家)?/, '');
  return tail !== t ? cleanName(tail) : null;
}
