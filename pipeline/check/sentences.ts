// The document's text as the checking rules read it: paragraphs split into sentences, long table cells
// as sentences of their own, and every number in them with its unit, precision and the words before it.
import { memoByString } from '../shared/memo.ts';
import type { Provenance } from '../../schemas/document.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import { findNumbers, type MoneyUnit, toYuan } from '../normalize/numbers.ts';
import { normalizeText } from '../normalize/text.ts';
import { sectionPathOf } from '../segment/index.ts';
import { boxOfCleanRange, cleanIndex, withPlace } from '../boxes/index.ts';

export type NumKind = 'money' | 'percent' | 'count' | 'year' | 'other';

export interface Num {
  value: number;
  kind: NumKind;
  unit: MoneyUnit | null;
  /** Money in yuan; null for other kinds. */
  valueYuan: number | null;
  /** As written, with its unit: "556.87万元", "65%", "24人". */
  text: string;
  /** Digits after the decimal point as written. */
  decimals: number;
  /** Count unit (名, 人, 个 …) for counts. */
  countUnit: string | null;
  start: number;
  end: number;
  /** The words between the previous number or clause break and this number: "2025年部门预算总支出". */
  label: string;
}

export interface Sentence {
  text: string;
  block: number;
  /** Sentence index within its block. */
  seq: number;
  cell: boolean;
  row?: number;
  col?: number;
  section: string;
  source: Provenance;
  nums: Num[];
}

export interface TableView {
  block: number;
  rows: string[][];
  rowSources: Provenance[];
  section: string;
  source: Provenance;
  title: string | null;
  /** The rows laid out on the full grid, merged cells (rowSpan/colSpan) expanded: text at a merged cell's first position only. */
  grid: string[][];
  /** The same grid with a merged cell's text at every position it covers (for column names). */
  spanned: string[][];
}

/** Lays cells with row and column spans out on a rectangular grid, as an HTML table is laid out. */
export function expandSpans(rows: Array<Array<{ text: string; rowSpan?: number; colSpan?: number }>>): { grid: string[][]; spanned: string[][] } {
  const grid: string[][] = [], spanned: string[][] = [];
  const taken: boolean[][] = [];
  rows.forEach((row, r) => {
    grid[r] ??= []; spanned[r] ??= []; taken[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (taken[r][c]) c++;
      const text = cleanText(cell.text);
      const rs = Math.max(1, cell.rowSpan ?? 1), cs = Math.max(1, cell.colSpan ?? 1);
      for (let i = 0; i < rs && r + i < rows.length; i++) {
        for (let j = 0; j < cs; j++) {
          grid[r + i] ??= []; spanned[r + i] ??= []; taken[r + i] ??= [];
          grid[r + i][c + j] = i === 0 && j === 0 ? text : '';
          spanned[r + i][c + j] = text;
          taken[r + i][c + j] = true;
        }
      }
      c += cs;
    }
  });
  const width = Math.max(0, ...grid.map((g) => g.length));
  const fill = (g: string[][]) => g.map((x) => Array.from({ length: width }, (_, i) => x[i] ?? ''));
  return { grid: fill(grid), spanned: fill(spanned) };
}

/**
 * Normalised text for matching: widths folded, LaTeX from PDF converters unwrapped, no white space.
 * A table's cells are cleaned for its sentences, its view and its spans: remembered for short text.
 */
export const cleanText = memoByString(cleanTextOf, { copy: (t) => t });

function cleanTextOf(s: string): string {
  let t = normalizeText(s);
  // LaTeX and Markdown marks come only from converted reports: most text has no backslash, $ or *
  if (/[\\$*]/.test(t)) t = t.replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, '($1)/($2)')
    .replace(/\\text\{([^{}]*)\}/g, '$1')
    .replace(/\\times/g, '×').replace(/\\leq?/g, '≤').replace(/\\geq?/g, '≥').replace(/\\%/g, '%')
    .replace(/\\[a-z]+/g, '').replace(/\$/g, '').replace(/\*\*/g, '');
  return t.replace(/[\s\u3000]+/g, '');
}

const CLAUSE_BREAK = /[，,；;：:（(、。！？!?）)“”"]/;
const COUNT_UNIT = /^(名|人次|人|个|家|次|项|户|辆|台|套|件|份|宗|批次|场|期)/;

export function readNumbers(text: string): Num[] {
  const out: Num[] = [];
  let prevEnd = 0;
  for (const m of findNumbers(text)) {
    const start = m.index;
    let end = m.index + m.length;
    const numText = /^[+-]?[\d,]+(?:\.\d+)?/.exec(m.text)?.[0] ?? m.text;
    const decimals = (numText.split('.')[1] ?? '').length;
    const after = text.slice(end, end + 3);
    let kind: NumKind = 'other';
    let countUnit: string | null = null;
    let written = m.text;
    if (m.percent) {
      kind = 'percent';
      const pm = /^\s*[%％]/.exec(after)!;
      end += pm[0].length;
      written = text.slice(start, end);
    } else if (m.unit) kind = 'money';
    else if (/^(年|年度)/.test(after) && Number.isInteger(m.value) && m.value >= 1900 && m.value <= 2100) kind = 'year';
    else if (COUNT_UNIT.test(after)) {
      kind = 'count';
      countUnit = COUNT_UNIT.exec(after)![1];
      end += countUnit.length;
      written = text.slice(start, end);
    }
    // the label: back to the previous number or clause break
    let from = prevEnd;
    for (let i = start - 1; i >= prevEnd; i--) if (CLAUSE_BREAK.test(text[i])) { from = i + 1; break; }
    const label = text.slice(from, start);
    out.push({
      value: m.value, kind, unit: m.unit, valueYuan: kind === 'money' && m.unit ? toYuan(m.value, m.unit) : null,
      text: written.trim(), decimals, countUnit, start, end, label,
    });
    if (kind !== 'year') prevEnd = end;
  }
  return out;
}

/** Splits a paragraph into sentences at 。；！？ (keeping the mark). */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of text) {
    cur += ch;
    if (/[。；;！？!?]/.test(ch)) { if (cur.trim()) out.push(cur); cur = ''; }
  }
  if (cur.trim()) out.push(cur);
  return out;
}

export function buildSentences(doc: SegmentedDocument): Sentence[] {
  const out: Sentence[] = [];
  doc.blocks.forEach((b, block) => {
    const section = sectionPathOf(doc, block);
    if (b.kind === 'paragraph') {
      // each sentence is boxed on its page: sentences are consecutive stretches of the cleaned text
      const index = b.spans?.length ? cleanIndex(b.text) : null;
      let at = 0;
      splitSentences(cleanText(b.text)).forEach((text, seq) => {
        let source = b.source;
        if (index) {
          const start = index.clean.indexOf(text, at);
          const hit = start >= 0 ? boxOfCleanRange(b, index, start, start + text.length) : null;
          if (hit) source = withPlace(b.source, hit);
          if (start >= 0) at = start + text.length;
        }
        out.push({ text, block, seq, cell: false, section, source, nums: readNumbers(text) });
      });
    } else {
      let seq = 0;
      b.rows.forEach((row, r) => row.forEach((c, col) => {
        const text = cleanText(c.text);
        if (text.length < 8 || !/\p{Script=Han}{4}/u.test(text)) return;
        const rowSource = b.rowSources?.[r] ?? b.source;
        out.push({ text, block, seq: seq++, cell: true, row: r, col, section, source: c.box ? { ...rowSource, box: c.box } : rowSource, nums: readNumbers(text) });
      }));
    }
  });
  return out;
}

export function buildTables(doc: SegmentedDocument): TableView[] {
  const out: TableView[] = [];
  doc.blocks.forEach((b, block) => {
    if (b.kind !== 'table') return;
    out.push({
      block, rows: b.rows.map((r) => r.map((c) => cleanText(c.text))), rowSources: b.rows.map((_, i) => b.rowSources?.[i] ?? b.source),
      section: sectionPathOf(doc, block), source: b.source, title: b.title ?? null, ...expandSpans(b.rows),
    });
  });
  return out;
}

/** The sentences of one block, in order. */
export function blockSentences(all: Sentence[], block: number): Sentence[] {
  return all.filter((s) => s.block === block);
}
