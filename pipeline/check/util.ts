// Helpers every rule uses: tolerances from the precision a report writes, number formatting, flag and evidence building.
import type { Evidence, Figure, Flag, FlagCategory, Indicator, Project, Score } from '../../schemas/records.ts';
import type { CheckContext } from './types.ts';
import type { Sentence } from './sentences.ts';

/** Half a unit of the last digit written: 2 decimals → 0.005. */
export const halfUnit = (decimals: number) => 0.5 * 10 ** -decimals;

/** Digits after the decimal point in a number as written ("1,946.77" → 2); from a value, its shortest form. */
export function decimalsOf(x: string | number): number {
  const s = typeof x === 'number' ? String(x) : (/[\d,]+(?:\.(\d+))?/.exec(x)?.[0] ?? '');
  return (s.split('.')[1] ?? '').length;
}

/** Rounds away binary noise for display. */
export function round(x: number, d = 2): number {
  return Number(x.toFixed(d));
}

/** Formats a value in yuan as 万元 with the precision given (default 2). */
export function wan(yuan: number, d = 2): string {
  return `${round(yuan / 10_000, d).toFixed(d)}万元`;
}

export function pct(x: number, d = 2): string {
  return `${round(x, d).toFixed(d)}%`;
}

/**
 * Tolerance of a sum of rounded parts against a rounded total: half a unit of the last digit of each term.
 * A zero is exact; a whole number among amounts written to 2 decimals (189万元 beside 170.13万元) is taken
 * at the precision the report writes elsewhere in the list.
 */
export function sumTolerance(terms: Array<number | { value: number; decimals: number }>): number {
  const ts = terms.map((t) => (typeof t === 'number' ? { value: NaN, decimals: t } : t));
  const maxD = Math.max(0, ...ts.map((t) => t.decimals));
  return ts.reduce((acc, t) => acc + (t.value === 0 ? 0 : halfUnit(t.decimals === 0 ? maxD : t.decimals)), 0) + 1e-9;
}

/** Tolerance of a percent a/b×100 stated with `pd` decimals, a and b stated with da, db decimals. */
export function ratioTolerance(a: number, b: number, da: number, db: number, pd: number): number {
  if (b === 0) return halfUnit(pd);
  const ea = halfUnit(da), eb = halfUnit(db);
  return halfUnit(pd) + (100 * (ea / Math.abs(b) + (Math.abs(a) * eb) / (b * b))) + 1e-9;
}

export function sentenceEvidence(ctx: CheckContext, s: Sentence): Evidence {
  return { text: s.text, file: ctx.file, section: s.section, source: s.source };
}

export function recordEvidence(ctx: { file: string }, r: Figure | Indicator | Score | Project, text?: string): Evidence {
  return { text: text ?? r.raw, file: ctx.file, section: r.section, source: r.source };
}

export interface FlagInit {
  category: FlagCategory;
  rule: string;
  severity?: Flag['severity'];
  message: string;
  formula?: string | null;
  stated?: number | null;
  computed?: number | null;
  tolerance?: number | null;
  evidence: Evidence[];
}

export function flag(f: FlagInit): Flag {
  // the same sentence twice in evidence says nothing more
  const seen = new Set<string>();
  const evidence = f.evidence.filter((e) => {
    const k = `${e.text}|${e.source.line ?? ''}|${e.source.page ?? ''}|${e.source.block ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return {
    category: f.category, rule: f.rule, severity: f.severity ?? 'error', message: f.message,
    formula: f.formula ?? null, stated: f.stated ?? null, computed: f.computed ?? null, tolerance: f.tolerance ?? null, evidence,
  };
}

/** Where a piece of evidence stands, for messages: "第12行", "第3页". */
export function where(e: { source: { line?: number; page?: number; sheet?: string; range?: string } }): string {
  const s = e.source;
  if (s.page) return `第${s.page}页`;
  if (s.line) return `第${s.line}行`;
  if (s.sheet) return `${s.sheet}${s.range ? `!${s.range}` : ''}`;
  return '';
}

/** A comparison key for names: no white space or punctuation, no leading project code. */
export function nameKey(s: string): string {
  return s.normalize('NFKC').replace(/^[0-9A-Za-z]{6,}[-－—_]/, '').replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Character-bigram overlap of two strings (0..1 of the shorter one's bigrams). */
export function bigramOverlap(a: string, b: string): number {
  const grams = (s: string) => { const g = new Set<string>(); for (let i = 0; i + 1 < s.length; i++) g.add(s.slice(i, i + 2)); return g; };
  const ga = grams(a), gb = grams(b);
  if (!ga.size || !gb.size) return 0;
  let n = 0;
  for (const g of ga) if (gb.has(g)) n++;
  return n / Math.min(ga.size, gb.size);
}

/** The range of a/b×100 given a and b as printed, each anywhere within half a unit of its last digit. */
export function ratioRange(a: number, da: number, b: number, db: number): [number, number] {
  const ea = halfUnit(da), eb = halfUnit(db);
  const corners = [[a - ea, b - eb], [a - ea, b + eb], [a + ea, b - eb], [a + ea, b + eb]]
    .filter(([, y]) => y > 0).map(([x, y]) => (Math.abs(x) / y) * 100);
  if (!corners.length) return [Infinity, Infinity];
  return [Math.min(...corners), Math.max(...corners)];
}

/**
 * Whether a percent printed with `decimals` digits is the rounded or the truncated value of some ratio in
 * [lo, hi]: 16.078% may be printed 16.08% or 16.07%, 29.15% neither 30% nor 29.2%.
 */
export function printedPercentFits(stated: number, decimals: number, [lo, hi]: [number, number]): boolean {
  const unit = 10 ** -decimals, s = Math.abs(stated);
  return hi >= s - unit / 2 - 1e-9 && lo < s + unit - 1e-9;
}
