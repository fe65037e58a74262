// Statements: the standard tables of 部门预算, 单位预算 and 部门决算 disclosures (national templates), read as
// typed tables. A statement has a kind, a money unit, the entity it reports and typed columns; its rows are
// classification subjects (功能分类 / 经济分类) with code, level and parent. Each row × money column is a line item.
// Keys follow the project vocabulary ("Statement line items").
import { z } from 'zod';
import { Box, Provenance } from './document.ts';
import { Phase } from './phase.ts';

export const StatementKind = z.enum([
  'summary',                     // 收支总表, 财务收支预算总表, 收入支出决算总表
  'income',                      // 收入总表, 收入决算表
  'expenditure',                 // 支出总表, 本年支出总体情况表, 支出决算表
  'fiscal_summary',              // 财政拨款收支总表, 财政拨款收入支出决算总表
  'fiscal_by_function',          // 财政拨款支出预算表（功能科目） (江苏)
  'fiscal_basic_by_economic',    // 财政拨款基本支出预算表（经济科目） (江苏)
  'general_by_function',         // 一般公共预算支出表 (功能分类)
  'general_basic_by_economic',   // 一般公共预算基本支出表 (经济分类)
  'general_project_by_economic', // 一般公共预算项目支出情况表（按经济分类科目） (广州)
  'government_fund',             // 政府性基金预算支出表
  'state_capital',               // 国有资本经营预算支出表
  'three_public',                // “三公”经费支出表 (with 机关运行经费, 会议费, 培训费 in some)
  'operating_costs',             // 一般公共预算机关运行经费支出预算表
  'basic_detail',                // 部门预算基本支出预算表 (广州, by unit and 经济分类)
  'project',                     // 项目支出表
  'procurement',                 // 政府采购预算表
]);
export type StatementKind = z.infer<typeof StatementKind>;

/** Which money a column holds (vocabulary "measure"). */
export const Measure = z.enum([
  'total', 'basic', 'project', 'personnel', 'public', 'fiscal', 'generalBudget', 'governmentFund', 'stateCapital',
  'fiscalAccount', 'business', 'operating', 'other', 'carryoverStart', 'carryoverEnd',
]);
export type Measure = z.infer<typeof Measure>;

export const MoneyUnit = z.enum(['元', '万元', '亿元']);
export type MoneyUnit = z.infer<typeof MoneyUnit>;
export const MONEY_FACTOR: Record<MoneyUnit, number> = { 元: 1, 万元: 10_000, 亿元: 100_000_000 };

/** A money column: its header as printed and what it means. */
export const StatementColumn = z.object({
  /** 0-based column in the statement's grid. */
  index: z.number().int().nonnegative(),
  header: z.string(),
  measure: Measure,
  phase: Phase,
  /** The side of a two-sided table (收支总表): income or expenditure; null for one-sided tables. */
  side: z.enum(['income', 'expenditure']).nullable(),
  /** The year the column is about where it is not the report's (上年预算数 columns). */
  year: z.number().int().nullable(),
});
export type StatementColumn = z.infer<typeof StatementColumn>;

/** One row of a statement: a subject (or a unit, or a 合计) with its amounts as printed. */
export const StatementRow = z.object({
  /** Classification code, digits only (201, 20101, 2010101; 301, 30101), null where none is printed or known. */
  code: z.string().regex(/^\d+$/).nullable(),
  name: z.string().min(1),
  /** 1 类, 2 款, 3 项; 0 for the 合计/总计 row; null for rows outside the classification. */
  level: z.number().int().min(0).max(3).nullable(),
  /** Index (in `rows`) of the row this one sums into, null for top-level rows. */
  parent: z.number().int().nonnegative().nullable(),
  /** The unit this row belongs to, where the table lists units as rows or blocks; null for the statement's own entity. */
  entity: z.string().nullable(),
  /** The side of a two-sided table this row stands on. */
  side: z.enum(['income', 'expenditure']).nullable(),
  /** The amounts by column index, in yuan; null where the cell is empty. */
  values: z.record(z.string(), z.number().finite().nullable()),
  /** The cells as printed, by column index. */
  cells: z.record(z.string(), z.string()),
  /** Where each printed amount is drawn on its page (PDF), by column index: a line item's own box. */
  boxes: z.record(z.string(), Box).optional(),
  source: Provenance,
});
export type StatementRow = z.infer<typeof StatementRow>;

export const Statement = z.object({
  kind: StatementKind,
  /** The title as printed, e.g. 一般公共预算支出情况表（按功能分类科目）. */
  title: z.string(),
  /** Its number as printed (表5, 公开03表), if any. */
  number: z.string().nullable(),
  moneyUnit: MoneyUnit,
  /** The unit named in the table header (单位名称：…, 部门：…), if any. */
  entity: z.string().nullable(),
  columns: z.array(StatementColumn),
  rows: z.array(StatementRow),
  /** The table carries a 空表说明 or no rows: the document says it is empty. */
  emptyNote: z.string().nullable(),
  /** Headers of amount columns outside the vocabulary (对附属单位补助支出, 单位预留机动经费 …): kept out of line items. */
  otherColumns: z.array(z.string()).default([]),
  /** What could not be read (a continuation whose columns differ): identities over an incomplete statement are not checked. */
  warnings: z.array(z.string()).default([]),
  /** Where it starts and (over page breaks) ends. */
  source: Provenance,
  pageEnd: z.number().int().positive().nullable(),
  section: z.string(),
});
export type Statement = z.infer<typeof Statement>;

/** One row × money column of a statement: the unit of data researchers query. */
export const LineItem = z.object({
  statement: StatementKind,
  code: z.string().nullable(),
  name: z.string().min(1),
  level: z.number().int().min(0).max(3).nullable(),
  parentCode: z.string().nullable(),
  entity: z.string().nullable(),
  measure: Measure,
  phase: Phase,
  year: z.number().int().nullable(),
  valueYuan: z.number().finite(),
  /** The cell as printed. */
  raw: z.string(),
  /** Row and column in the statement. */
  row: z.number().int().nonnegative(),
  column: z.number().int().nonnegative(),
  statementTitle: z.string(),
  moneyUnit: MoneyUnit,
  source: Provenance,
  section: z.string(),
});
export type LineItem = z.infer<typeof LineItem>;
