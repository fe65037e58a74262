// Reads a located statement's tables into typed columns and rows: codes joined from 类|款|项 cells or taken
// from a bracketed prefix, names without their ordinal, amounts in yuan, the side of a two-sided table, and
// a one-row "三公" table turned so that each item is a row.
import type { Box, Table } from '../../schemas/document.ts';
import type { Phase } from '../../schemas/phase.ts';
import type { MoneyUnit, StatementColumn, StatementKind, StatementRow } from '../../schemas/statements.ts';
import { toYuan } from '../normalize/numbers.ts';
import { amountOf, slotGrid, type SlotGrid } from './grid.ts';
import { hasMoney, measureOf, phaseOf, readColumns, yearOf, headerRowCount, type ColumnReading } from './columns.ts';

export interface RowContext { kind: StatementKind; unit: MoneyUnit; defaultPhase: Phase; reportYear: number | null }

const ORDINAL = /^([一二三四五六七八九十]+[、.．]|\d{1,2}[、.．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[）)])/;
const BRACKET_CODE = /^[[【［](\d{3,7})[\]】］]/;
const LEADING_CODE = /^(\d{3}|\d{5}|\d{7})(?=\p{Script=Han})/u;
const ORGANISATION = /(局|厅|委员会|委|办公室|办|中心|院|署|所|站|队|馆|处|会|室|公司|集团|学校|医院|本级|机关|总队|支队)$/;
const NOT_ORGANISATION = /(支出|收入|经费|事务|补助|费|金|资金|合计|总计|小计)$/;
export const TOTAL_NAME = /^(合计|总计|合\s*计|总\s*计)$/;

export interface ReadStatement { columns: StatementColumn[]; rows: Array<Omit<StatementRow, 'level' | 'parent'>>; warnings: string[]; otherColumns?: string[] }

export function readTables(tables: Array<{ table: Table; index: number }>, ctx: RowContext): ReadStatement {
  const warnings: string[] = [];
  const first = tables[0];
  const grid = slotGrid(first.table);
  const reading = readColumns(grid);
  if (!hasMoney(reading)) return { columns: [], rows: [], warnings: [`表格列无法识别（${first.table.title ?? ''}）`] };
  const columns = typeColumns(reading, ctx);
  const moneyCols = reading.roles.flatMap((r, c) => (r === 'money' ? [c] : []));
  const oneRowItems = ctx.kind === 'three_public' && isItemsAsColumns(grid, reading);
  if (oneRowItems) return { ...itemsAsRows(first, grid, reading, ctx), warnings };

  const rows: ReadStatement['rows'] = [];
  tables.forEach(({ table }, ti) => {
    const g = ti === 0 ? grid : slotGrid(table);
    let map: number[] | null = null; // continuation column → first table column
    let skip = reading.headerRows;
    if (ti > 0) {
      // a page that carries only columns with no amount in them (the table's overflow header) adds nothing
      if (!g.some((row) => row.some((s) => s.origin && amountOf(s.text) != null))) return;
      skip = headerRowCount(g);
      const width = g[0]?.length ?? 0;
      if (width === reading.roles.length) map = Array.from({ length: width }, (_, c) => c);
      else {
        const r2 = readColumns(g);
        const m2 = r2.roles.flatMap((r, c) => (r === 'money' ? [c] : []));
        const n2 = r2.roles.flatMap((r, c) => (r === 'name' || r === 'code' ? [c] : []));
        const n1 = reading.roles.flatMap((r, c) => (r === 'name' || r === 'code' ? [c] : []));
        if (m2.length === moneyCols.length && n2.length === n1.length) {
          map = Array(width).fill(-1);
          m2.forEach((c, k) => { map![c] = moneyCols[k]; });
          n2.forEach((c, k) => { map![c] = n1[k]; });
        } else { warnings.push(`续表列数不同，未读（第${table.source.page ?? '?'}页）`); return; }
      }
    }
    const source = (r: number) => table.rowSources?.[r] ?? table.source;
    for (let r = skip; r < g.length; r++) {
      const remapped: Array<{ text: string; origin: boolean; box?: Box }> = Array.from({ length: reading.roles.length }, () => ({ text: '', origin: true }));
      g[r].forEach((s, c) => { const to = map ? map[c] : c; if (to != null && to >= 0) remapped[to] = { text: s.text, origin: s.origin || s.rowSpan === 1, ...(s.box ? { box: s.box } : {}) }; });
      rows.push(...rowsOf(remapped, reading, columns, ctx, source(r)));
    }
  });
  const typed = new Set(columns.map((c) => c.index));
  const otherColumns = moneyCols.filter((c) => !typed.has(c)).map((c) => [reading.labels[c].group, reading.labels[c].leaf].filter(Boolean).join('/'));
  return { columns, rows: inheritCodes(rows), warnings, otherColumns };
}

function typeColumns(reading: ColumnReading, ctx: RowContext): StatementColumn[] {
  const money = reading.roles.flatMap((r, c) => (r === 'money' ? [c] : []));
  let labels = money.map((c) => reading.labels[c]);
  // a header the parser shifted (a blank label over an amount column): the labels in order, when they count the same
  if (labels.some((l) => !l.leaf && !l.group)) {
    const ordered = reading.labels.filter((l, c) => reading.roles[c] !== 'code' && l.leaf && !/(名称|^项目$|编码|代码|^科目$)/.test(l.leaf));
    if (ordered.length === money.length) labels = ordered;
  }
  const names = reading.roles.flatMap((r, c) => (r === 'name' ? [c] : []));
  // in a two-sided table each name column owns the amount columns to its right: the first is income
  const ownerOf = (c: number) => names.filter((n) => n < c).length;
  const sideOf = (c: number) => (names.length < 2 ? null : ownerOf(c) <= 1 ? 'income' as const : 'expenditure' as const);
  const out: StatementColumn[] = [];
  const totalTaken = new Set<string>();
  money.forEach((c, k) => {
    const label = labels[k];
    const side = sideOf(c);
    const year = yearOf(label, ctx.reportYear);
    const phase = phaseOf(label, ctx.defaultPhase);
    const slot = `${ownerOf(c)}|${phase}|${year}`;
    const measure = measureOf(label, totalTaken.has(slot));
    if (measure === 'total') totalTaken.add(slot);
    if (measure) out.push({ index: c, header: [label.group, label.leaf].filter(Boolean).join('/'), measure, phase, side, year });
  });
  return out;
}

function rowsOf(cells: Array<{ text: string; origin: boolean; box?: Box }>, reading: ColumnReading, columns: StatementColumn[], ctx: RowContext, source: Table['source']): ReadStatement['rows'] {
  const nameCols = reading.roles.flatMap((r, c) => (r === 'name' ? [c] : []));
  const codeCols = reading.roles.flatMap((r, c) => (r === 'code' ? [c] : []));
  const segments = nameCols.length >= 2 ? nameCols : [nameCols[0] ?? -1];
  const out: ReadStatement['rows'] = [];
  segments.forEach((nameCol, k) => {
    const until = segments[k + 1] ?? Infinity;
    const side = segments.length >= 2 ? (k === 0 ? 'income' : 'expenditure') : null;
    const mine = columns.filter((col) => col.index > nameCol && col.index < until || (segments.length < 2));
    let name = nameCol >= 0 ? cells[nameCol].text : '';
    // a two-sided table (人员经费 items left, 公用经费 items right) has code columns on each side: each segment its own
    const startOf = (n: number) => { let c = n; while (c > 0 && reading.roles[c - 1] === 'code') c--; return c; };
    const from = segments.length >= 2 ? startOf(nameCol) : -Infinity;
    const to = segments.length >= 2 && k + 1 < segments.length ? startOf(segments[k + 1]) : Infinity;
    const codeParts = codeCols.filter((c) => c >= from && c < to).map((c) => cells[c].text.replace(/\D/g, ''));
    let code: string | null = codeParts.some(Boolean) ? codeParts.join('') || null : null;
    const partial = codeParts.length > 1 && !codeParts[0] && codeParts.some(Boolean);
    const bracket = BRACKET_CODE.exec(name) ?? LEADING_CODE.exec(name);
    if (bracket) { code ??= bracket[1]; name = name.slice(bracket[0].length); }
    name = name.replace(/^其中[:：]?/, '').replace(ORDINAL, '').replace(/^[:：\s]+/, '');
    if (!name && !code && nameCol >= 0) return;
    const values: Record<string, number | null> = {};
    const printed: Record<string, string> = {};
    const boxes: Record<string, Box> = {};
    let any = false;
    for (const col of mine) {
      const cell = cells[col.index];
      const text = cell?.origin ? cell.text : '';
      printed[col.index] = text;
      if (text && cell?.box) boxes[col.index] = cell.box;
      const v = amountOf(text);
      values[col.index] = v == null ? null : toYuan(v, ctx.unit);
      if (v != null) any = true;
    }
    if (!name && !any) return;
    // a blank cell in a row that prints amounts is a zero (some tables print 0.00, others leave it blank)
    if (any) for (const col of mine) if (values[col.index] == null && printed[col.index] === '') values[col.index] = 0;
    // a table of amounts only (合计 | 基本支出 | 项目支出 over one row of numbers) is its own 合计 row
    if (!name) name = code ?? (nameCol < 0 ? '合计' : '');
    if (!name) return;
    const entity = !code && ORGANISATION.test(name) && !NOT_ORGANISATION.test(name) && name.length >= 4 ? name : null;
    out.push({ code: code && /^\d+$/.test(code) ? code : null, name, entity, side, values, cells: printed, source, ...(Object.keys(boxes).length ? { boxes } : {}), ...(partial ? { partialCode: codeParts } : {}) } as ReadStatement['rows'][number]);
  });
  return out;
}

/** 类 code printed only on its first row (201 | 01 | 01, then | 01 | 02): later rows take it from the row above. */
function inheritCodes(rows: ReadStatement['rows']): ReadStatement['rows'] {
  let prev: string | null = null;
  for (const row of rows as Array<ReadStatement['rows'][number] & { partialCode?: string[] }>) {
    if (row.partialCode) {
      const parts = row.partialCode;
      const known: string[] = prev ? splitCode(prev, parts.length) : [];
      const filled: string[] = parts.map((p: string, i: number): string => p || (parts.slice(i + 1).some(Boolean) ? known[i] ?? '' : ''));
      const code: string = filled.join('');
      row.code = /^\d+$/.test(code) && filled.every((p: string, i: number) => p || !parts.slice(i + 1).some(Boolean)) ? code : row.code;
      delete row.partialCode;
    }
    if (row.code) prev = row.code;
  }
  return rows;
}
const splitCode = (code: string, parts: number) => (parts === 3 ? [code.slice(0, 3), code.slice(3, 5), code.slice(5, 7)] : [code.slice(0, 3), code.slice(3, 5)]);

/** A "三公" table printed as one row of amounts with the items as column headers. */
function isItemsAsColumns(grid: SlotGrid, reading: ColumnReading): boolean {
  const data = grid.slice(reading.headerRows).filter((row) => row.some((s) => amountOf(s.text) != null));
  const money = reading.roles.filter((r) => r === 'money').length;
  return data.length >= 1 && data.length <= 3 && money >= 3 && reading.labels.some((l) => /出国|接待|公务用车/.test(l.leaf + l.group));
}

function itemsAsRows(first: { table: Table }, grid: SlotGrid, reading: ColumnReading, ctx: RowContext): Omit<ReadStatement, 'warnings'> {
  const columns: StatementColumn[] = [];
  const rows: ReadStatement['rows'] = [];
  const byName = new Map<string, ReadStatement['rows'][number]>();
  const data = grid.map((row, r) => ({ row, r })).slice(reading.headerRows).filter(({ row }) => row.some((s) => amountOf(s.text) != null));
  const nameCol = reading.roles.indexOf('name');
  const PHASES = ['budget', 'adjusted', 'final'] as const;
  data.forEach(({ row, r }, k) => {
    const rowLabel = nameCol >= 0 ? row[nameCol].text : '';
    const rowPhase = phaseOf({ group: '', leaf: rowLabel }, ctx.defaultPhase);
    const rowYear = yearOf({ group: '', leaf: rowLabel }, ctx.reportYear);
    reading.roles.forEach((role, c) => {
      if (role !== 'money') return;
      const label = reading.labels[c];
      const phase = phaseOf(label, rowPhase);
      const year = yearOf(label, ctx.reportYear) ?? rowYear;
      // one column per printed row and phase: 预算数 and 决算数 side by side under each item
      const key = 1000 + k * 10 + PHASES.indexOf(phase);
      if (!columns.some((col) => col.index === key)) {
        columns.push({ index: key, header: [rowLabel, PHASE_WORD[phase]].filter(Boolean).join('/'), measure: 'total', phase, side: null, year });
      }
      const name = itemName(label);
      if (!name) return;
      const v = amountOf(row[c].text);
      let item = byName.get(`${k}|${name}`);
      if (!item) {
        item = { code: null, name, entity: null, side: null, values: {}, cells: {}, source: first.table.rowSources?.[r] ?? first.table.source };
        byName.set(`${k}|${name}`, item);
        rows.push(item);
      }
      // a blank cell in a printed row of amounts is a zero, as in a table of rows
      item.values[key] = v == null ? (row[c].text === '' ? 0 : null) : toYuan(v, ctx.unit);
      item.cells[key] = row[c].text;
      if (row[c].box && row[c].text) (item.boxes ??= {})[key] = row[c].box!;
    });
  });
  return { columns, rows };
}

const PHASE_WORD = { budget: '预算数', adjusted: '调整预算数', final: '决算数' } as const;
const PHASE_LEAF = /^(本年|上年|\d{4}年)?(预算数?|决算数?|调整预算数?|执行数)$/;

/** The item a column of a one-row "三公" table holds: its own label, or the group over a 小计 or a 预算数/决算数 pair. */
function itemName(label: { group: string; leaf: string }): string {
  const leaf = label.leaf.replace(/^其中[:：]?/, '');
  const groups = label.group.split('/').filter(Boolean);
  const own = leaf && !PHASE_LEAF.test(leaf) ? leaf : groups.pop() ?? '';
  const name = own === '小计' ? groups.pop() ?? own : own;
  return name.replace(/(预算数|决算数)$/, '') || name;
}
