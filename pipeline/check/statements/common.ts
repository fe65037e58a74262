// What the statement identities share: a row's amount in a column, the tolerance its printed precision
// allows, the evidence of a row, and amounts written back in the statement's own unit.
import type { Evidence } from '../../../schemas/records.ts';
import type { Statement, StatementColumn, StatementRow } from '../../../schemas/statements.ts';
import { MONEY_FACTOR } from '../../../schemas/statements.ts';
import { decimalsOf, halfUnit } from '../util.ts';

/**
 * The amount a row holds in a column, in yuan; a blank cell in a row that prints amounts is 0. Null where the
 * row has no such column or the cell holds text that is not one amount (two numbers run together): unknown,
 * so no identity over it is checked.
 */
export function amount(row: StatementRow, col: StatementColumn): number | null {
  if (!(String(col.index) in row.values)) return null;
  const v = row.values[col.index];
  if (v == null && (row.cells[col.index] ?? '').trim() !== '') return null;
  return v ?? 0;
}

/**
 * A difference that equals an amount which stands twice in a column, once in a row and again in the row under
 * it: the parser's reading of a cell drawn across two rows, not the document's arithmetic.
 */
export function explainedByRepeatedCell(s: Statement, col: StatementColumn, diff: number, tol: number): boolean {
  for (let i = 1; i < s.rows.length; i++) {
    const a = s.rows[i - 1].values[col.index], b = s.rows[i].values[col.index];
    if (a != null && a === b && a !== 0 && Math.abs(Math.abs(diff) - a) <= tol) return true;
  }
  return false;
}

/** Tolerance in yuan of an identity over printed terms: half a unit of each printed term's last digit. */
export function tolerance(s: Statement, cells: string[]): number {
  const printed = cells.filter((c) => c && /\d/.test(c));
  const maxD = Math.max(0, ...printed.map((c) => decimalsOf(c)));
  // a whole number among amounts printed with decimals may be cut, not rounded (22,118,861 for 22,118,861.34)
  const term = (c: string) => (decimalsOf(c) === 0 && maxD > 0 ? 1 : halfUnit(maxD));
  return (printed.reduce((a, c) => a + term(c), 0) + 1e-9) * MONEY_FACTOR[s.moneyUnit];
}

/** Amount in yuan written in the statement's unit, as the document would print it. */
export function printed(s: Statement, yuan: number): string {
  const v = yuan / MONEY_FACTOR[s.moneyUnit];
  const d = s.moneyUnit === '元' ? (Number.isInteger(v) ? 0 : 2) : 2;
  return `${v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d })}${s.moneyUnit}`;
}

export function rowEvidence(file: string, s: Statement, row: StatementRow, col?: StatementColumn): Evidence {
  const cells = col ? `${row.cells[col.index] ?? ''}` : Object.values(row.cells).join(' ');
  return { text: `${s.title}：${row.code ? `${row.code} ` : ''}${row.name}${col ? `（${col.header}）` : ''} ${cells}`.trim(), file, section: s.section, source: row.source };
}

/** Current-year money columns only: identities hold within one year's figures. */
export const currentColumns = (s: Statement) => s.columns.filter((c) => c.year == null);

/** A statement whose reading is whole: every page read, rows with amounts. */
export const readable = (s: Statement) => s.warnings.length === 0 && s.rows.length > 0;

export const label = (row: StatementRow) => `${row.code ? `${row.code} ` : ''}${row.name}`;

/** A clause about last year or a change gives no amount of this year's tables. */
export const NOT_THIS_YEAR = /上年|去年|上一年|比|较|增加|减少|增长|下降|持平|变动|\d{4}年(度)?(预算)?执行/;

/** The words of a sentence's clause just before a number in it. */
export const clauseBefore = (text: string, at: number) => text.slice(Math.max(0, at - 30), at).split(/[，。；;]/).at(-1) ?? '';
