// The label vocabulary of money figures: how reports name each figure key, which words signal the
// phase (budget / adjusted / final), and which words mark an amount we must not take (a change,
// an insurance fund, a project). Labels are matched on "match text" (see normalizeForMatch): widths
// folded, white space and quotes dropped, and parentheticals without digits removed, so
// “三公”经费 / "三公"经费 / 三公经费 and 因公出国（境）费 / 因公出国费 all meet the same label.
import { memoByString } from '../../shared/memo.ts';
import type { FigureKey, Phase } from '../../../schemas/records.ts';
import { normalizeText } from '../../normalize/text.ts';

export interface LabelDef {
  key: FigureKey;
  /** Regex sources over match text. */
  patterns: string[];
  /**
   * A weak label is a generic total made of a phase word and 收入/支出 (实际支出, 决算支出, 预算收入).
   * It names the unit's total only when nothing in the sentence says which quantity is meant.
   */
  weak?: boolean;
  /** Emit the same amount under these keys too (收、支总计 → income and expenditure totals). */
  also?: FigureKey[];
}

export const LABELS: LabelDef[] = [
  // totals
  { key: 'income.total', also: ['expenditure.total'], patterns: ['收、?支总计', '收入支出总计', '收支总额'] },
  { key: 'income.total', patterns: ['本年收入合计', '收入合计', '收入总计', '收入总额', '总收入', '部门收入', '收入预算合计', '预算收入合计'] },
  { key: 'income.total', weak: true, patterns: ['决算收入', '预算收入', '实际收入', '部门决算收入', '部门预算收入', '收入预算'] },
  { key: 'income.fiscal', patterns: ['一般公共预算财政拨款收入', '一般公共预算拨款收入', '一般公共预算财政拨款(?!支出|基本|项目)', '一般公共预算拨款(?!支出)', '财政拨款收入', '本级财政安排', '财政拨款预算收入'] },
  { key: 'income.other', patterns: ['其他收入', '其他资金'] },
  { key: 'expenditure.total', patterns: ['本年支出合计', '支出合计', '支出总计', '支出总额', '总支出', '部门支出', '支出预算合计', '预算支出合计', '一般公共预算财政拨款支出'] },
  { key: 'expenditure.total', weak: true, patterns: ['决算支出', '预算支出', '实际支出', '部门决算支出', '部门预算支出', '支出预算'] },
  { key: 'expenditure.basic', patterns: ['基本支出'] },
  { key: 'expenditure.personnel', patterns: ['人员经费', '人员支出'] },
  { key: 'expenditure.public', patterns: ['日常公用经费', '日常公用支出', '公用经费', '公用支出'] },
  { key: 'expenditure.project', patterns: ['项目支出', '项目经费'] },
  // "三公" 经费
  { key: 'threePublic.total', patterns: ['三公经费', '三公'] },
  { key: 'threePublic.abroad', patterns: ['因公出国(?:\\(境\\)|（境）|境)?(?:费用|经费|费)', '出国费'] },
  { key: 'threePublic.vehicle', patterns: ['公务用车购置及运行(?:维护|维修)?(?:费用|经费|费)', '公务用车购置和运行(?:维护)?(?:费用|经费|费)'] },
  { key: 'threePublic.vehiclePurchase', patterns: ['公务用车购置(?:费用|经费|费)?(?!及|和)'] },
  { key: 'threePublic.vehicleOps', patterns: ['公务用车运行(?:维护|维修)?(?:费用|经费|费)', '公车运行(?:维护|维修)?(?:费用|经费|费)'] },
  { key: 'threePublic.reception', patterns: ['公务接待(?:费用|经费|费)'] },
  // others
  { key: 'procurement.total', patterns: ['政府采购支出总额', '政府采购总额', '政府采购金额', '政府采购预算', '政府采购计划', '计划采购金额', '决算采购金额', '实际采购金额', '采购计划金额'] },
  { key: 'carryover.end', patterns: ['年末(?:财政拨款)?结转(?:和|及)?结余'] },
  { key: 'assets.total', patterns: ['资产总额', '资产总计'] },
  { key: 'liabilities.total', patterns: ['负债总额', '负债总计'] },
  { key: 'netAssets.total', patterns: ['净资产(?:总额)?'] },
  { key: 'fixedAssets.total', patterns: ['所有固定资产总额', '固定资产总额', '固定资产原值', '固定资产总值'] },
  { key: 'fixedAssets.inUse', patterns: ['实际在用固定资产总额', '在用固定资产(?:总额)?', '在用资产'] },
];

/** Words that look like labels but name something else; matched first so they block shorter labels inside them. */
export const NOT_LABELS: string[] = [
  '年初结转(?:和|及)?结余', '政府性基金预算财政拨款', '国有资本经营预算财政拨款', '基金预算拨款',
  '政府采购(?:货物|工程|服务)(?:类)?(?:支出|预算|采购)?', '授予中小企业合同金额', '授予小微企业合同金额', '面向中小企业预留',
  '项目支出绩效', '项目经费绩效', '机关运行经费', '工资福利支出', '商品和服务支出', '对个人和家庭的补助',
  '其他资本性支出', '资本性支出',
];

/** What may stand between a label and its amount: phase and filler words only (会议费 may not). */
export const GAP_RE = /^(?:[:：]|\d{4}年度?|为|是|达到?|共计?|合计|总计|总额|金额|数额|规模|数|的|约|均|各|支出?|收入|财政拨款|一般公共预算|决算|预算|实际|年初|调整后?|全年|本年|当年|执行|完成|安排|下达|到位|支付|中|资金|经费|了|已|累计|其中|有|分别|总)*$/;

export interface PhaseWord { re: RegExp; phase: Phase; strong: boolean }

/** Phase signals, longest first; strong words decide alone, weak ones (预算, 安排) yield to context. */
export const PHASE_WORDS: PhaseWord[] = [
  { re: /完成(?:全年|年初)?预算(?!数?的|率)/g, phase: 'budget', strong: true },
  { re: /调整后的?预算|调整预算|预算调整|全年预算|调整后|调整数|下达预算|财政下达/g, phase: 'adjusted', strong: true },
  { re: /预算执行|决算|实际|执行数|执行|完成|实付|支付|到位/g, phase: 'final', strong: true },
  { re: /年初预算|预算安排|年初|批复预算|计划|申报/g, phase: 'budget', strong: true },
  { re: /预算|安排/g, phase: 'budget', strong: false },
];

/** Spans masked before phase words are read: 预算 in them does not mean a phase. */
export const PHASE_MASK = /一般公共预算|政府性基金预算|国有资本经营预算|财政专户|预决算|预算单位|预算法|预算编制|预算绩效|预算管理|部门预算项目|预算项目|完成率|执行率|控制率|完成预算数的|完成预算的/g;

/** An amount whose clause says it is a difference, not a level. */
export const CHANGE_RE = /比|较|相比|同比|环比|增加|减少|增长|下降|降低|上升|节约|节省|超支|超出|压减|差额|差异|增幅|降幅|多支|少支/;

/** Insurance-fund, other-fund and state-capital (国有资本经营预算) money, never the department's own general figure. */
export const FUND_RE = /基金|社保费|保险费收入|国有资本经营/;

/** Sections and table titles about one project, whose money is project-level. */
export const PROJECT_CONTEXT_RE = /项目(?:支出)?绩效(?:目标)?(?:自评|评价|监控)|项目概况|项目基本情况|项目资金|项目绩效|项目实施|项目完成情况|项目效益|项目名称|项目支出绩效自评表|预算项目绩效/;

// ---------------------------------------------------------------------------------------------------
// match text

export interface MatchText { text: string; /** original index of each match-text character */ map: number[] }

const DROP = /[\s\u3000“”‘’"'「」『』〝〞]/;

/** Normalises a line for matching, keeping a map back to the original characters. */
export const normalizeForMatch = memoByString(matchText, { copy: (m) => ({ text: m.text, map: m.map.slice() }) });

function matchText(original: string): MatchText {
  const chars: string[] = [];
  const map: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const c = normalizeText(original[i]);
    if (DROP.test(c)) continue;
    for (const ch of c) { chars.push(ch === '(' ? '（' : ch === ')' ? '）' : ch); map.push(i); }
  }
  // parentheticals without digits (（境）, （账面净值，下同）, （减少）) are transparent to matching
  let text = chars.join('');
  let keep = map;
  for (let pass = 0; pass < 2; pass++) {
    const re = /（[^（）\d]{0,24}）/g;
    const outChars: string[] = [];
    const outMap: number[] = [];
    let last = 0;
    for (const m of text.matchAll(re)) {
      // keep a parenthetical that carries a money unit: it may be a table unit such as （万元）
      if (/万元|元|亿元/.test(m[0]) && m[0].length <= 6) continue;
      for (let k = last; k < m.index!; k++) { outChars.push(text[k]); outMap.push(keep[k]); }
      last = m.index! + m[0].length;
    }
    for (let k = last; k < text.length; k++) { outChars.push(text[k]); outMap.push(keep[k]); }
    text = outChars.join('');
    keep = outMap;
  }
  return { text, map: keep };
}

export interface LabelMatch { key: FigureKey; also: FigureKey[]; weak: boolean; start: number; end: number; label: string; /** false where the word is part of a longer name (劳务派遣人员经费, 基金支出总额) */ free: boolean; blocked: boolean }

interface Compiled { def: LabelDef | null; re: RegExp }
let compiled: Compiled[] | null = null;

function compile(): Compiled[] {
  if (compiled) return compiled;
  const list: Compiled[] = [];
  for (const p of NOT_LABELS) list.push({ def: null, re: new RegExp(p, 'g') });
  for (const def of LABELS) for (const p of def.patterns) list.push({ def, re: new RegExp(p, 'g') });
  compiled = list;
  return list;
}

// What may stand right before a label: nothing, punctuation, a digit or year, a unit name's last
// character, or a word that qualifies the amount (本年, 部门, 决算, 财政拨款, 日常, 其中 …).
const FREE_BEFORE = /(^|[^\p{Script=Han}]|[年度局厅委办院室心部门位级初末算际后总中的为是和及与括含即、其本全该我各当有排款])$/u;

// A label that opens with a phase word (计划采购金额, 决算采购金额) delimits itself.
const PHASE_INITIAL = /^(计划|决算|实际|预算|年初|调整|全年|本年|所有)/;

/** Every label occurrence in match text, longest first and without overlaps. */
export const findLabels = memoByString(labelsIn, { copy: (found) => found.map((l) => ({ ...l })) });

function labelsIn(text: string): LabelMatch[] {
  const found: Array<LabelMatch & { len: number }> = [];
  for (const { def, re } of compile()) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      if (!m[0]) continue;
      const start = m.index!;
      const end = start + m[0].length;
      found.push({
        key: def?.key ?? 'income.total', also: def?.also ?? [], weak: def?.weak ?? false, start, end, label: m[0],
        free: def != null && (FREE_BEFORE.test(text.slice(Math.max(0, start - 1), start)) || (!def.weak && PHASE_INITIAL.test(m[0]))), blocked: def == null, len: m[0].length,
      });
    }
  }
  found.sort((a, b) => b.len - a.len || a.start - b.start);
  const taken: LabelMatch[] = [];
  for (const f of found) {
    if (taken.some((t) => f.start < t.end && t.start < f.end)) continue;
    const { len: _len, ...rest } = f;
    taken.push(rest);
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** Finds the phase words in a span of match text (masked words removed), in order. */
export function phaseWordsIn(text: string, from = 0, to = text.length): Array<{ index: number; phase: Phase; strong: boolean; word: string }> {
  const span = text.slice(from, to).replace(PHASE_MASK, (m) => '\u0000'.repeat(m.length));
  const out: Array<{ index: number; phase: Phase; strong: boolean; word: string }> = [];
  const used = new Array<boolean>(span.length).fill(false);
  for (const pw of PHASE_WORDS) {
    pw.re.lastIndex = 0;
    for (const m of span.matchAll(pw.re)) {
      const s = m.index!;
      if (used.slice(s, s + m[0].length).some(Boolean)) continue;
      for (let k = s; k < s + m[0].length; k++) used[k] = true;
      out.push({ index: from + s, phase: pw.phase, strong: pw.strong, word: m[0] });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** A label written in a table cell: the cell is the label, give or take 其中/phase words/units. */
export function labelOfCell(cellText: string): LabelMatch | null {
  const { text } = normalizeForMatch(cellText);
  const t = text
    .replace(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+[.、．])/, '')
    .replace(/^(其中|含|包括)[:：]?/, '').replace(/[:：]$/, '');
  if (!t || t.length > 24 || /\d/.test(t.replace(/（[^）]*）/g, ''))) return null;
  // in a table, a bare 财政拨款 row (收入来源 | 财政拨款 | 92,008.68) is the fiscal income
  if (/^(?:财政拨款|财政拨款资金|财政资金)$/.test(t)) return { key: 'income.fiscal', also: [], weak: false, start: 0, end: t.length, label: t, free: true, blocked: false };
  const labels = findLabels(t).filter((l) => !l.blocked);
  if (labels.length !== 1) return null;
  const l = labels[0];
  // what is left besides the label must be phase or filler words
  const rest = (t.slice(0, l.start) + t.slice(l.end)).replace(/（[^）]*）/g, '');
  if (rest && !/^(?:年初|全年|本年|当年|上年|调整后|调整|预算|决算|执行|实际|安排|合计|小计|总计|总额|数|金额|支出|收入|财政拨款|一般公共预算|本级|部门|的|[:：])*$/.test(rest)) return null;
  return l;
}
