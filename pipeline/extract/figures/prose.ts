// Money figures from sentences: a label, then its amount; the phase from the words around it,
// the year where the sentence dates it to another year. Changes (比上年增加…), percentages,
// fund money and amounts whose label is part of a longer name are skipped.
import type { FigureKey, Phase } from '../../../schemas/records.ts';
import { findNumbers, toYuan, type MoneyUnit } from '../../normalize/numbers.ts';
import { CHANGE_RE, FUND_RE, GAP_RE, findLabels, normalizeForMatch, phaseWordsIn, type LabelMatch } from './lexicon.ts';

export interface Candidate {
  key: FigureKey;
  phase: Phase;
  valueYuan: number;
  raw: string;
  year: number | null;
  label: string;
}

export interface ProseContext {
  /** The report's own year; figures of this year get year null. */
  reportYear: number | null;
  /** Phase of an amount no word qualifies: final for accounts and evaluations, budget for budgets. */
  defaultPhase: Phase;
}

interface Money { index: number; end: number; valueYuan: number }

const SENTENCE_END = /[。！？!?]/;
const CLAUSE_END = /[，,；;（）、]/;
const SUB_ITEMS = new Set<FigureKey>([
  'expenditure.basic', 'expenditure.personnel', 'expenditure.public', 'expenditure.project',
  'threePublic.total', 'threePublic.abroad', 'threePublic.vehicle', 'threePublic.vehiclePurchase', 'threePublic.vehicleOps', 'threePublic.reception',
]);
const MAX_GAP = 14;
const CLASSIFICATION_LINE = /[（(](?:类|款|项)[）)]/;

/** Money amounts in match text: a number with 元/万元/亿元 (万 alone counts), not a rate or a per-head standard. */
export function moneyIn(text: string): Money[] {
  const out: Money[] = [];
  for (const n of findNumbers(text)) {
    if (!n.unit || n.percent) continue;
    const end = n.index + n.length;
    const after = text.slice(end, end + 1);
    if (/^[/／每]/.test(after)) continue;
    // 万 or 亿 alone is money only when no other measure word follows (93.89万人 is a head count)
    if (!/元$/.test(n.text) && /^[\p{Script=Han}]/u.test(after) && !/^[，。；、）]/.test(after)) continue;
    // a digit glued before the number (a code, a date) is not an amount
    if (/[\d.]$/.test(text.slice(0, n.index))) continue;
    out.push({ index: n.index, end, valueYuan: toYuan(n.value, n.unit as MoneyUnit) });
  }
  for (const m of text.matchAll(/(?<=为|是)零(?![\p{Script=Han}])/gu)) out.push({ index: m.index!, end: m.index! + 1, valueYuan: 0 });
  return out.sort((a, b) => a.index - b.index);
}

function lastBoundary(text: string, re: RegExp, before: number, floor = 0): number {
  for (let i = before - 1; i >= floor; i--) if (re.test(text[i])) return i + 1;
  return floor;
}

const YEAR_RE = /(?<![比较与自从至到同-])(\d{4})年(?!度?(?:相比|较|比|至|到|-))|(?<![比较与])上(?:一)?年(?!度?(?:相比|较|比))/g;

/** The year a span dates its amount to, or null when it names none. */
function yearIn(text: string, from: number, to: number, reportYear: number | null): number | null | undefined {
  let found: number | null | undefined;
  for (const m of text.slice(from, to).matchAll(YEAR_RE)) {
    if (m[1]) { const y = Number(m[1]); if (y >= 1990 && y <= 2100) found = y; }
    else if (reportYear != null) found = reportYear - 1;
  }
  return found;
}

interface Emitted extends Candidate { index: number; change: boolean }

/** Extracts candidates from one paragraph of prose. */
export function proseFigures(original: string, ctx: ProseContext): Candidate[] {
  const { text, map } = normalizeForMatch(original);
  if (!text) return [];
  const labels = findLabels(text);
  const money = moneyIn(text);
  if (!money.length) return [];

  // a short lead sentence naming a quantity ("2.“公用经费”控制率。") is the paragraph's topic
  const firstEnd = text.search(SENTENCE_END);
  let topic: LabelMatch | null = null;
  if (firstEnd > 0 && firstEnd <= 25 && !money.some((m) => m.index < firstEnd)) {
    topic = labels.find((l) => l.end <= firstEnd && l.free && !l.blocked && !l.weak) ?? null;
  }

  const rawOf = (from: number, to: number) => {
    const a = map[Math.max(0, from)] ?? 0;
    const b = (map[Math.max(0, to - 1)] ?? a) + 1;
    return original.slice(a, b).trim();
  };

  const out: Emitted[] = [];
  for (const n of money) {
    const p = n.index;
    const ss = lastBoundary(text, SENTENCE_END, p);
    const cs = lastBoundary(text, CLAUSE_END, p, ss);
    const prefix = text.slice(cs, p);
    const prev = [...out].reverse().find((f) => f.index >= ss && f.index < p);
    if (CHANGE_RE.test(prefix) || FUND_RE.test(prefix)) continue;

    // the label: the nearest in the clause before the amount
    let label: LabelMatch | null = null;
    const inClause = labels.filter((l) => l.end > cs && l.start >= ss && l.end <= p);
    const nearest = inClause.at(-1);
    if (nearest) {
      label = nearest;
      // 三公经费实际支出数: the weak label after a strong one only repeats its phase
      if (label.weak) {
        const before = inClause.at(-2);
        if (before && !before.blocked && before.free && !before.weak && label.start - before.end <= 6 && !/\d/.test(text.slice(before.end, label.start))) label = before;
      }
      if (label.blocked || !label.free) continue;
      // 公务接待费（款）支出16万元: a line of the economic or functional classification, not the figure of that name
      if (CLASSIFICATION_LINE.test(rawOf(label.start, p + 1))) continue;
      const gap = text.slice(label.end, p);
      if (gap.length > MAX_GAP || !GAP_RE.test(gap)) continue;
    }

    const local = phaseWordsIn(text, cs, p);
    const strongLocal = [...local].reverse().find((w) => w.strong);
    const weakLocal = local.find((w) => !w.strong);

    let key: FigureKey;
    let labelText: string;
    let rawFrom: number;
    if (label && !label.weak) {
      key = label.key; labelText = label.label; rawFrom = label.start;
    } else if (label) {
      // a generic 决算支出 right after "X预算数为…" is X's other phase: the sentence compares one quantity
      const context = prev && !prev.change ? prev : null;
      if (context && SUB_ITEMS.has(context.key)) { key = context.key; labelText = context.label; }
      else if (!context && topic && SUB_ITEMS.has(topic.key)) { key = topic.key; labelText = topic.label; }
      else { key = label.key; labelText = label.label; }
      rawFrom = label.start;
    } else {
      // no label in the clause: "…，全年预算数为4277.40万元" continues the sentence's quantity
      if (!local.length) continue;
      if (prev && !prev.change) { key = prev.key; labelText = prev.label; }
      else if (!prev && topic) { key = topic.key; labelText = topic.label; }
      else continue;
      rawFrom = cs;
    }

    // phase
    const sentenceFigures = out.filter((f) => f.index >= ss && f.index < p);
    const firstInSentence = sentenceFigures[0];
    const inBreakdown = firstInSentence != null && /其中|包括/.test(text.slice(firstInSentence.index, p));
    let phase: Phase;
    if (strongLocal) phase = strongLocal.phase;
    else if (inBreakdown && prev) phase = prev.phase;
    else if (weakLocal) phase = phaseWordsIn(text, ss, cs).some((w) => w.strong && w.phase === 'adjusted') ? 'adjusted' : weakLocal.phase;
    else if (prev) phase = prev.phase;
    else {
      const before = phaseWordsIn(text, ss, cs);
      const strong = [...before].reverse().find((w) => w.strong);
      phase = strong ? strong.phase : before.length ? before.at(-1)!.phase : ctx.defaultPhase;
    }

    // year
    let year = yearIn(text, cs, p, ctx.reportYear);
    if (year === undefined) year = prev ? prev.year ?? ctx.reportYear : yearIn(text, ss, cs, ctx.reportYear);
    if (year === undefined || year === ctx.reportYear) year = null;

    const raw = rawOf(rawFrom, n.end);
    out.push({ key, phase, valueYuan: n.valueYuan, raw, year, label: labelText, index: p, change: false });

    // "…14,057.72万元，为一般公共预算财政拨款收入": a label right after the amount names it too
    const post = /^[，,]?(?:均为|全部为|全部是|全为|为|是)/.exec(text.slice(n.end));
    if (post) {
      const at = n.end + post[0].length;
      const l = labels.find((x) => x.start === at && !x.blocked);
      if (l && !l.weak) out.push({ key: l.key, phase, valueYuan: n.valueYuan, raw: rawOf(rawFrom, l.end), year, label: l.label, index: p, change: false });
    }
    if (label?.also.length) for (const k of label.also) out.push({ key: k, phase, valueYuan: n.valueYuan, raw, year, label: labelText, index: p, change: false });
  }
  return out.map(({ index: _i, change: _c, ...c }) => c);
}
