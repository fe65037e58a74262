// A table's 合计/小计/总计 row against the rows above it, column by column. Real published tables are read as
// they are laid out: merged cells expanded, a table continued over a page (or split by a converter) joined to
// its first part, 行次/栏次/编码 columns and the 栏次 numbering row left out, 其中 rows left out, a 总计 over
// 小计/…合计 rows taken as the sum of those subtotals, outline-coded rows (A1 over A101, A102) read at one level,
// rate and percent columns left out except shares that must add up to 100, side-by-side halves (收入 | 支出) apart.
import type { Flag } from '../../../schemas/records.ts';
import type { Provenance } from '../../../schemas/document.ts';
import { parseNumber } from '../../normalize/numbers.ts';
import type { TableView } from '../sentences.ts';
import type { Rule } from '../types.ts';
import { flag, round, sumTolerance } from '../util.ts';

const TOTAL = /^(合计|总计|小计)[:：]?$/;
/** A row that sums rows above it within the table: 小计, 本年收入合计, 人员经费合计. */
const SUBTOTAL = /(合计|小计)[:：]?$/;
/** Columns that number or code rows rather than hold amounts. */
const INDEX_HEAD = /(行次|栏次|序号|编号|编码|代码|科目代码)/;
/** The row under the header that numbers the columns (栏次 1 2 3 …). */
const NUMBERING_ROW = /^(栏次|行次|栏号)$/;
/** A cell that says "nothing here". */
const BLANK = /^(|\/|-|－|—|——|--|\\|无|\*)$/;
const SHARE_HEAD = /(占比|比例|比重|构成|结构)/;
const RATE_HEAD = /(率|%|％|百分比)/;

const numOf = (s: string) => parseNumber(s.replace(/[%％]$/, ''));
const decimals = (s: string) => (s.replace(/[%％]$/, '').split('.')[1] ?? '').length;

export interface Grid {
  grid: string[][];
  spanned: string[][];
  sources: Provenance[];
  title: string | null;
  section: string;
  /** Rows that came from a continuation part. */
  firstRowOfPart: Set<number>;
}

const hasNumber = (cells: string[]) => cells.some((c) => numOf(c) != null);
const sameRow = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Joins a table to the one right after it when that one continues it: the next block, the same width, and either
 * the same header row repeated or no header at all (its first row holds numbers), and no title of its own that differs.
 */
export function joinContinuations(tables: TableView[]): Grid[] {
  const out: Array<Grid & { lastBlock: number; width: number; head: string[] }> = [];
  for (const t of tables) {
    const width = t.grid[0]?.length ?? 0;
    const prev = out.at(-1);
    const head = t.grid[0] ?? [];
    const continues = prev && t.block === prev.lastBlock + 1 && width === prev.width && width > 0
      && (!t.title || t.title === prev.title)
      && (sameRow(head, prev.head) || (hasNumber(head) && !head.some((c) => TOTAL.test(c))));
    if (prev && continues) {
      const skip = sameRow(head, prev.head) ? 1 : 0;
      prev.firstRowOfPart.add(prev.grid.length);
      prev.grid.push(...t.grid.slice(skip));
      prev.spanned.push(...t.spanned.slice(skip));
      prev.sources.push(...t.rowSources.slice(skip));
      prev.lastBlock = t.block;
      continue;
    }
    out.push({
      grid: [...t.grid], spanned: [...t.spanned], sources: [...t.rowSources], title: t.title, section: t.section,
      firstRowOfPart: new Set(), lastBlock: t.block, width, head,
    });
  }
  return out;
}

/**
 * Depth of a row in an outline: a subject code split over 类|款|项 cells (201 | 03 | 01) or in one cell (2010301) by its
 * length, a code in its own column of a 类/款/项 layout (| 08 |) by that column, a coded name (A101…) by the code's
 * length, else an outline marker (一、 = 1, （一） = 2, 1. = 3, （1） = 4). Null where the row shows none.
 */
export function depthOf(cells: string[]): number | null {
  const digits = cells.map((c) => (/^\d{2,10}$/.test(c) ? c : null));
  const firstCode = digits.findIndex((d) => d != null);
  if (firstCode >= 0) {
    let code = '';
    for (let i = firstCode; i < cells.length && digits[i] != null; i++) code += digits[i];
    return code.length >= 3 ? 10 + code.length : firstCode + 1;
  }
  for (const c of cells) {
    const m = /^([A-Za-z]\d{1,8})(?:\p{Script=Han}|$)/u.exec(c);
    if (m) return 10 + m[1].length;
    if (/^[一二三四五六七八九十]+[、．.]/.test(c)) return 1;
    if (/^[（(][一二三四五六七八九十]+[）)]/.test(c)) return 2;
    if (/^\d{1,2}[、．.](?!\d)/.test(c)) return 3;
    if (/^[（(]\d{1,2}[）)]/.test(c)) return 4;
  }
  return null;
}

/** The rows at the top of their outline, and the leaves (rows with nothing deeper right under them). */
export function outlineReadings(depths: Array<number | null>): { top: number[]; leaves: number[] } | null {
  const known = depths.filter((d): d is number => d != null);
  if (known.length < 2 || new Set(known).size < 2) return null;
  const min = Math.min(...known);
  const top = depths.flatMap((d, j) => (d == null || d === min ? [j] : []));
  const leaves = depths.flatMap((d, j) => (d == null || depths[j + 1] == null || depths[j + 1]! <= d ? [j] : []));
  return { top, leaves };
}

/** Column names: the header rows' texts (merged headers repeated over the columns they cover). */
function columnNames(g: Grid, headerRows: number[]): string[] {
  const width = g.grid[0]?.length ?? 0;
  return Array.from({ length: width }, (_, c) => [...new Set(headerRows.map((r) => g.spanned[r]?.[c] ?? '').filter(Boolean))].join('/'));
}

/** A column that numbers rows: 1, 2, 3 … (or 27, 28 …) down the data rows and on into the total row. */
function isRowNumbering(values: string[]): boolean {
  const ns = values.filter((v) => !BLANK.test(v)).map(numOf);
  if (ns.length < 3 || ns.some((n) => n == null || !Number.isInteger(n))) return false;
  let steps = 0;
  for (let i = 1; i < ns.length; i++) if (ns[i]! - ns[i - 1]! === 1) steps++;
  return steps >= ns.length - 2;
}

interface Reading { name: string; rows: number[] }

export const tableTotal: Rule = {
  id: 'arithmetic.table-total',
  category: 'arithmetic',
  description: '表格合计行与其上各行之和不符',
  check(ctx) {
    const out: Flag[] = [];
    for (const g of joinContinuations(ctx.tables)) {
      const width = g.grid[0]?.length ?? 0;
      g.grid.forEach((row, r) => {
        // each TOTAL cell with numbers to its right opens a segment (a table may hold 收入 | 支出 side by side)
        const labelCols = row.map((c, i) => (TOTAL.test(c) ? i : -1)).filter((i) => i >= 0);
        labelCols.forEach((labelCol, si) => {
          const end = labelCols[si + 1] ?? width;
          // a label column of another half sits right before the next TOTAL cell; value columns lie between
          // the label may be merged over the code and name columns (合计 over 类 | 款 | 项 | 科目名称)
          let labelEnd = labelCol;
          while (labelEnd + 1 < end && g.grid[r][labelEnd + 1] === '' && g.spanned[r][labelEnd + 1] === g.spanned[r][labelCol]) labelEnd++;
          const valueCols: number[] = [];
          for (let c = labelEnd + 1; c < end; c++) valueCols.push(c);
          if (!valueCols.some((c) => numOf(row[c]) != null)) return;
          const labelCells = (x: string[]) => (si === 0 ? x.slice(0, labelEnd + 1) : x.slice(labelCol, labelEnd + 1));
          const kind = row[labelCol].replace(/[:：]$/, '');

          // walk away from the total to the header (or, for a total over the rows below it, to the next header or
          // total): data rows, then only the subtotals that cover the rows beyond them
          const walk = (start: number, step: 1 | -1) => {
            const found: number[] = [];
            let atHeader = false;
            let subs = false;
            let k = start;
            for (; k >= 0 && k < g.grid.length; k += step) {
              const x = g.grid[k];
              const labels = labelCells(x).filter(Boolean);
              const label = labels.join('');
              if (labels.some((l) => NUMBERING_ROW.test(l))) continue;
              const vals = valueCols.map((c) => x[c]);
              if (!vals.some((v) => numOf(v) != null)) {
                // a header row names its columns; a row with no name is text wrapped from the row above
                if (label && vals.some((v) => !BLANK.test(v))) { atHeader = true; break; }
                continue; // a blank row of this half, a group name, wrapped text
              }
              const isTotal = labels.some((l) => TOTAL.test(l));
              const isSub = isTotal || labels.some((l) => SUBTOTAL.test(l));
              if (isTotal && (labels.some((l) => l.replace(/[:：]$/, '') === kind) || kind === '小计')) break; // another group's total
              if (isSub && (kind === '小计' || step === 1)) break;
              if (isSub) { subs = true; found.push(k); continue; }
              if (subs) continue; // covered by a subtotal below it
              if (/^其中/.test(label) || labels.some((l) => /^其中/.test(l))) continue;
              found.push(k);
            }
            return { rows: found.sort((x, y) => x - y), subs, stop: k, atHeader };
          };
          const up = walk(r - 1, -1);
          let rows = up.rows, subtotals = up.subs;
          const k = up.stop;
          let below = false;
          if (rows.length === 0) {
            // a 合计 under the header, over the rows below it (the standard budget tables)
            const down = walk(r + 1, 1);
            rows = down.rows; subtotals = down.subs; below = true;
          }
          // a header in the middle of a form: the total may also cover rows above it, laid out under other columns
          // (预算执行情况 10分 above 绩效指标 90分); the rows cannot be added column by column
          if (!below && up.atHeader && k > 0 && g.grid.slice(0, k).some((x) => valueCols.some((c) => numOf(x[c]) != null))) return;
          const headerRows: number[] = [];
          // the header: the rows above the table's (or its group's) first row with a number
          for (let h = 0; h < g.grid.length && !hasNumber(g.grid[h]); h++) headerRows.push(h);
          if (k >= 0 && !headerRows.includes(k)) headerRows.push(k);
          if (rows.length < 2) return;
          // a narrative table (score sheets with 指标解释 and 评价意见 columns): its amounts are not a column sum
          const prose = valueCols.filter((c) => rows.some((i) => (g.grid[i][c].match(/\p{Script=Han}/gu)?.length ?? 0) >= 10));
          if (prose.length >= 2) return;
          const names = columnNames(g, headerRows);

          // readings of the rows: all of them; the top level of an outline code; the leaves of it; the top outline level
          const readings: Reading[] = [{ name: 'all', rows }];
          const outline = outlineReadings(rows.map((i) => depthOf(labelCells(g.grid[i]))));
          if (outline) {
            readings.push({ name: 'top', rows: outline.top.map((j) => rows[j]) }, { name: 'leaves', rows: outline.leaves.map((j) => rows[j]) });
          }

          for (const c of valueCols) {
            const totalText = row[c];
            const total = numOf(totalText);
            if (total == null) continue;
            const head = names[c] ?? '';
            if (INDEX_HEAD.test(head)) continue;
            const dataCells = rows.map((i) => g.grid[i][c]);
            if (isRowNumbering([...dataCells, totalText])) continue;
            if (dataCells.some((x) => !BLANK.test(x) && numOf(x) == null)) continue; // text in the column: not amounts
            const percent = /[%％]/.test(totalText) || dataCells.some((x) => /[%％]/.test(x)) || RATE_HEAD.test(head);
            if (percent && !(SHARE_HEAD.test(head) && !/率/.test(head) && !subtotals && Math.abs(total - 100) < 0.5)) continue;

            const results = readings.map((rd) => {
              const vals = rd.rows.map((i) => g.grid[i][c]).filter((x) => !BLANK.test(x)).map((x) => ({ value: numOf(x)!, decimals: decimals(x) }));
              const sum = vals.reduce((s, v) => s + v.value, 0);
              const tol = sumTolerance([...vals, { value: total, decimals: decimals(totalText) }]);
              return { rd, vals, sum, tol, ok: vals.length < 2 || Math.abs(sum - total) <= tol };
            });
            if (results[0].vals.length < 2 || results.some((x) => x.ok)) continue;
            // the message reads the rows the way that comes closest (the top level of an outline, say)
            const { vals, sum, tol, rd } = results.filter((x) => x.vals.length >= 2).reduce((a, b) => (Math.abs(b.sum - total) < Math.abs(a.sum - total) ? b : a));
            out.push(flag({
              category: 'arithmetic', rule: this.id,
              message: `表格${g.title ? `“${g.title}”` : ''}第${c + 1}列${head ? `（${head}）` : ''}${kind}写为${totalText}，但上方各行之和为${vals.map((v) => v.value).join(' + ')} = ${round(sum, 4)}（容差${round(tol, 4)}）`,
              formula: `Σ第${c + 1}列 = ${kind}`, stated: total, computed: round(sum, 6), tolerance: round(tol, 6),
              evidence: [
                { text: row.filter(Boolean).join(' | '), file: ctx.file, section: g.section, source: g.sources[r] },
                ...rd.rows.map((i) => ({ text: g.grid[i].filter(Boolean).join(' | '), file: ctx.file, section: g.section, source: g.sources[i] })),
              ],
            }));
          }
        });
      });
    }
    return out;
  },
};
