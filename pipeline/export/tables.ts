// The cleaned tables that the CSV and XLSX exports write: one row shape per table, with Chinese and
// English column headers and a number type per column.
//
// Cleaned means: canonical keys (vocabulary keys beside their Chinese names), money in yuan, comparators,
// target values and units in their own columns, indicator hierarchies filled down by extraction (merged
// cells resolved), figure rows that repeat the same document + key + phase + year + value collapsed into
// one (出现次数 counts them, 其他出处 lists the other places), analyst corrections applied with the
// extracted value kept beside them, every row with its source (file, section, page/line/place, text) and
// the ids of the flags that point at it (标记; see dataset.ts for how a flag points at rows).
//
// The last columns of each record table are for the analyst (更正字段, 更正值, 处理, 理由): export, fill them
// in, and `jixiao review import FILE.csv` records them (pipeline/review/import.ts).
import type { Provenance } from '../../schemas/document.ts';
import { isLowConfidence, ocrConfidence } from '../../schemas/confidence.ts';
import type { Db } from '../store/types.ts';
import type { DocumentFilter, StoredLineItem } from '../store/read.ts';
import { FIELDS, type RecordKind } from '../review/fields.ts';
import { loadDataset, type Dataset, type ReviewedDocument, type ReviewedFlag, type ReviewedRecord } from './dataset.ts';

export type ColumnType = 'text' | 'int' | 'yuan' | 'score' | 'rate' | 'number';
export interface Column { key: string; zh: string; type: ColumnType; width?: number }
export type Row = Record<string, string | number | null>;
export interface Table { name: TableName; sheet: string; columns: Column[]; rows: Row[] }
export type TableName = 'documents' | 'figures' | 'indicators' | 'scores' | 'projects' | 'flags' | 'line-items';
/** The tables an analyst reviews (and `jixiao review import` reads back). */
export const TABLE_NAMES: TableName[] = ['documents', 'figures', 'indicators', 'scores', 'projects', 'flags'];
/** Every table an export writes: the reviewed ones, then the statements' line items. */
export const EXPORT_TABLE_NAMES: TableName[] = [...TABLE_NAMES, 'line-items'];
export const TABLE_OF: Record<RecordKind, TableName> = { figure: 'figures', indicator: 'indicators', score: 'scores', project: 'projects' };
export const KIND_OF: Partial<Record<TableName, RecordKind>> = { figures: 'figure', indicators: 'indicator', scores: 'score', projects: 'project' };

export const REPORT_TYPE_ZH: Record<string, string> = {
  dept_self_eval: '部门整体支出绩效自评', project_self_eval: '项目支出绩效自评', verification: '核查/评价报告',
  final_accounts: '部门决算', budget: '部门预算', other: '其他',
};
export const PHASE_ZH: Record<string, string> = { budget: '年初预算', adjusted: '调整后预算', final: '决算/实际' };
export const CATEGORY_ZH: Record<string, string> = {
  arithmetic: '加总不符', ratio: '比率不符', conflict: '前后矛盾', score: '得分问题', target: '目标与得分不符', entity: '单位名称', year: '年度错误',
};
export const SEVERITY_ZH: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
export const STATUS_ZH: Record<string, string> = { open: '待处理', confirmed: '已确认', dismissed: '已驳回' };
export const SCOPE_ZH: Record<string, string> = { document: '全文', section: '部分', project: '项目' };
export const KIND_ZH: Record<string, string> = { self: '自评', review: '核查' };
export const FIGURE_ZH: Record<string, string> = {
  'income.total': '收入合计', 'income.fiscal': '财政拨款收入', 'income.other': '其他收入',
  'expenditure.total': '支出合计', 'expenditure.basic': '基本支出', 'expenditure.personnel': '人员经费', 'expenditure.public': '公用经费',
  'expenditure.project': '项目支出', 'threePublic.total': '“三公”经费', 'threePublic.abroad': '因公出国（境）费',
  'threePublic.vehicle': '公务用车购置及运行维护费', 'threePublic.vehiclePurchase': '公务用车购置费', 'threePublic.vehicleOps': '公务用车运行维护费',
  'threePublic.reception': '公务接待费', 'procurement.total': '政府采购金额', 'carryover.end': '年末结转和结余', 'assets.total': '资产总额',
  'liabilities.total': '负债总额', 'netAssets.total': '净资产', 'fixedAssets.total': '固定资产总额', 'fixedAssets.inUse': '在用固定资产',
};

export const STATEMENT_ZH: Record<string, string> = {
  summary: '收支总表', income: '收入总表', expenditure: '支出总表', fiscal_summary: '财政拨款收支总表',
  fiscal_by_function: '财政拨款支出表（功能分类）', fiscal_basic_by_economic: '财政拨款基本支出表（经济分类）',
  general_by_function: '一般公共预算支出表（功能分类）', general_basic_by_economic: '一般公共预算基本支出表（经济分类）',
  general_project_by_economic: '一般公共预算项目支出表（经济分类）', government_fund: '政府性基金预算支出表',
  state_capital: '国有资本经营预算支出表', three_public: '“三公”经费支出表', operating_costs: '机关运行经费支出表',
  basic_detail: '基本支出预算表', project: '项目支出表', procurement: '政府采购预算表',
};
export const MEASURE_ZH: Record<string, string> = {
  total: '合计', basic: '基本支出', project: '项目支出', personnel: '人员经费', public: '公用经费', fiscal: '财政拨款',
  generalBudget: '一般公共预算', governmentFund: '政府性基金预算', stateCapital: '国有资本经营预算', fiscalAccount: '财政专户管理资金',
  business: '事业收入', operating: '经营收入', other: '其他', carryoverStart: '上年结转', carryoverEnd: '年末结转和结余',
};

const c = (key: string, zh: string, type: ColumnType = 'text', width?: number): Column => ({ key, zh, type, width });

const DOC_COLS = [c('id', '编号', 'int', 6), c('file', '文件', 'text', 30), c('unit', '单位', 'text', 22), c('year', '年度', 'int', 6)];
const SOURCE_COLS = [
  c('raw', '原文', 'text', 40), c('section', '章节', 'text', 40), c('page', '页', 'int', 5), c('line', '行', 'int', 6),
  c('place', '位置', 'text', 14), c('flag_ids', '标记', 'text', 8),
  // values read by OCR: the recogniser's confidence, and a mark where it is low (check the digits)
  c('ocr_confidence', 'OCR置信度', 'number', 8), c('low_confidence', 'OCR低置信', 'text', 8),
];
const CORRECTION_COLS = (numeric: boolean) => [
  c('value_original', '原值', numeric ? 'yuan' : 'text', 14), c('value_corrected', '已更正为', numeric ? 'yuan' : 'text', 14),
  c('corrected_by', '更正人', 'text', 10), c('corrected_at', '更正时间', 'text', 20), c('correction_reason', '更正理由', 'text', 20),
];
const KEY_COLS = [c('record_key', '记录键', 'text', 30), c('sha256', 'SHA256', 'text', 20)];
/** Columns the analyst fills in; empty in every export. */
export const INPUT_COLS = { field: c('field', '更正字段', 'text', 10), value: c('new_value', '更正值', 'text', 12), action: c('action', '处理', 'text', 8), reason: c('reason', '理由', 'text', 20) };

export const COLUMNS: Record<TableName, Column[]> = {
  documents: [
    c('id', '编号', 'int', 6), c('file', '文件', 'text', 30), c('unit', '单位', 'text', 22), c('region', '地区', 'text', 14), c('year', '年度', 'int', 6),
    c('report_type', '报告类型', 'text', 16), c('report_type_zh', '报告类型（中文）', 'text', 18), c('title', '标题', 'text', 36),
    c('format', '格式', 'text', 6), c('pages', '页数', 'int', 6), c('figures', '金额数', 'int', 7), c('indicators', '指标数', 'int', 7),
    c('scores', '得分数', 'int', 7), c('projects', '项目数', 'int', 7), c('flags', '标记数', 'int', 7), c('flags_open', '待处理标记', 'int', 9),
    c('score', '总得分', 'score', 8), c('path', '路径', 'text', 30), c('sha256', 'SHA256', 'text', 20), c('imported_at', '导入时间', 'text', 20),
  ],
  figures: [
    ...DOC_COLS, c('key', '指标键', 'text', 22), c('key_zh', '名称', 'text', 16), c('phase', '阶段', 'text', 9), c('phase_zh', '阶段（中文）', 'text', 10),
    c('figure_year', '所属年度', 'int', 8), c('value_yuan', '金额（元）', 'yuan', 16), c('label', '标签', 'text', 16), c('occurrences', '出现次数', 'int', 8),
    ...SOURCE_COLS, c('also_at', '其他出处', 'text', 16), ...CORRECTION_COLS(true), ...KEY_COLS, INPUT_COLS.value, INPUT_COLS.action, INPUT_COLS.reason,
  ],
  indicators: [
    ...DOC_COLS, c('ord', '序号', 'int', 5), c('project', '项目', 'text', 20), c('level1', '一级指标', 'text', 12), c('level2', '二级指标', 'text', 14),
    c('level3', '三级指标', 'text', 26), c('comparator', '指标性质', 'text', 8), c('target', '指标值（原文）', 'text', 14),
    c('target_value', '目标值', 'number', 10), c('target_unit', '计量单位', 'text', 8), c('actual', '实际完成值（原文）', 'text', 14),
    c('actual_value', '完成值', 'number', 10), c('weight', '权重', 'score', 7), c('score', '得分', 'score', 7), c('self_score', '自评得分', 'score', 8),
    ...SOURCE_COLS, ...CORRECTION_COLS(false), ...KEY_COLS, INPUT_COLS.field, INPUT_COLS.value, INPUT_COLS.action, INPUT_COLS.reason,
  ],
  scores: [
    ...DOC_COLS, c('scope', '范围', 'text', 9), c('scope_zh', '范围（中文）', 'text', 8), c('kind', '类型', 'text', 7), c('kind_zh', '类型（中文）', 'text', 8),
    c('name', '名称', 'text', 20), c('value', '得分', 'score', 8), c('max', '满分', 'score', 8), c('grade', '等级', 'text', 6),
    ...SOURCE_COLS, ...CORRECTION_COLS(false), ...KEY_COLS, INPUT_COLS.field, INPUT_COLS.value, INPUT_COLS.action, INPUT_COLS.reason,
  ],
  projects: [
    ...DOC_COLS, c('code', '项目编码', 'text', 24), c('name', '项目名称', 'text', 28), c('budget_yuan', '年初预算（元）', 'yuan', 16),
    c('adjusted_yuan', '调整后预算（元）', 'yuan', 16), c('executed_yuan', '执行数（元）', 'yuan', 16), c('execution_rate', '执行率', 'rate', 9),
    c('score', '得分', 'score', 7),
    ...SOURCE_COLS, ...CORRECTION_COLS(false), ...KEY_COLS, INPUT_COLS.field, INPUT_COLS.value, INPUT_COLS.action, INPUT_COLS.reason,
  ],
  flags: [
    ...DOC_COLS, c('scope', '范围', 'text', 9), c('category', '类别', 'text', 11), c('category_zh', '类别（中文）', 'text', 12), c('rule', '规则', 'text', 24),
    c('severity', '严重程度', 'text', 8), c('message', '说明', 'text', 60), c('formula', '公式', 'text', 24), c('stated', '陈述值', 'number', 12),
    c('computed', '计算值', 'number', 12), c('tolerance', '容差', 'number', 9), c('evidence', '证据', 'text', 60), c('evidence_places', '证据出处', 'text', 20),
    c('rows', '关联记录', 'text', 20), c('status', '状态', 'text', 9), c('status_zh', '状态（中文）', 'text', 8), c('reviewed_by', '审核人', 'text', 10),
    c('reviewed_at', '审核时间', 'text', 20), c('review_reason', '审核理由', 'text', 24), c('flag_key', '标记键', 'text', 30), c('sha256', 'SHA256', 'text', 20),
    INPUT_COLS.action, INPUT_COLS.reason,
  ],
  'line-items': [
    ...DOC_COLS, c('statement', '表类', 'text', 22), c('statement_zh', '表类（中文）', 'text', 22), c('statement_title', '表名', 'text', 30),
    c('code', '科目编码', 'text', 10), c('name', '科目名称', 'text', 24), c('level', '级次', 'int', 5), c('parent_code', '上级编码', 'text', 10),
    c('entity', '所属单位', 'text', 22), c('measure', '口径', 'text', 12), c('measure_zh', '口径（中文）', 'text', 12),
    c('phase', '阶段', 'text', 9), c('phase_zh', '阶段（中文）', 'text', 10), c('item_year', '所属年度', 'int', 8),
    c('value_yuan', '金额（元）', 'yuan', 16), c('money_unit', '原表单位', 'text', 8), c('raw', '原文', 'text', 14),
    c('column_header', '栏目', 'text', 16), c('row', '表内行', 'int', 6), c('column', '表内列', 'int', 6),
    c('section', '章节', 'text', 30), c('page', '页', 'int', 5), c('sha256', 'SHA256', 'text', 20),
  ],
};

export const SHEET_NAMES: Record<TableName, string> = {
  documents: '报告', figures: '金额', indicators: '指标', scores: '得分', projects: '项目', flags: '标记', 'line-items': '明细',
};

/** Where a value stands, for the 位置 column: "块 31", "绩效目标表!A10:D10", "行 93–96". */
export function placeOf(s: Provenance): string {
  const parts: string[] = [];
  if (s.sheet) parts.push(`${s.sheet}${s.range ? `!${s.range}` : ''}`);
  else if (s.range) parts.push(s.range);
  if (s.block != null) parts.unshift(`块 ${s.block}`);
  if (s.line != null && s.lineEnd != null && s.lineEnd !== s.line) parts.push(`行 ${s.line}–${s.lineEnd}`);
  return parts.join(' ');
}

/** "第3页", "第59行", "块 31": a short human place, for 其他出处 and 证据出处. */
export function whereOf(s: Provenance): string {
  if (s.page != null) return `第${s.page}页`;
  if (s.line != null) return `第${s.line}${s.lineEnd && s.lineEnd !== s.line ? `–${s.lineEnd}` : ''}行`;
  return placeOf(s) || '';
}

function fieldZh(kind: RecordKind, column: string): string {
  return FIELDS[kind].find((f) => f.column === column)?.zh ?? column;
}

function docCols(d: ReviewedDocument): Row {
  return { file: d.row.file, unit: d.row.unit, year: d.row.year };
}

function sourceCols(r: ReviewedRecord): Row {
  return {
    raw: r.row.raw, section: r.row.section, page: r.source.page ?? null, line: r.source.line ?? null, place: placeOf(r.source),
    flag_ids: r.flagIds.join(';'),
    ocr_confidence: ocrConfidence(r.source), low_confidence: isLowConfidence(r.source) ? '是' : null,
  };
}

function correctionCols(r: ReviewedRecord, numeric: boolean): Row {
  if (!r.corrections.length) return { value_original: null, value_corrected: null, corrected_by: null, corrected_at: null, correction_reason: null };
  const last = [...r.corrections].sort((a, b) => a.corrected_at.localeCompare(b.corrected_at)).at(-1)!;
  const join = (f: (c: (typeof r.corrections)[number]) => unknown) => r.corrections.map((c) => `${fieldZh(r.kind, c.field)}=${f(c) ?? ''}`).join('；');
  return {
    value_original: numeric ? (r.original.value_yuan as number | null) ?? null : join((c) => r.original[c.field]),
    value_corrected: numeric ? (r.row.value_yuan as number | null) ?? null : join((c) => c.value_corrected),
    corrected_by: [...new Set(r.corrections.map((c) => c.corrected_by))].join(';'),
    corrected_at: last.corrected_at,
    correction_reason: r.corrections.map((c) => c.reason).filter(Boolean).join('；') || null,
  };
}

const keyCols = (d: ReviewedDocument, r: ReviewedRecord): Row => ({ record_key: r.key, sha256: d.row.sha256 });

function documentScore(d: ReviewedDocument): number | null {
  const doc = d.scores.filter((s) => s.row.scope === 'document' && s.row.value != null);
  const pick = doc.find((s) => s.row.kind === 'review') ?? doc[0];
  return pick ? (pick.row.value as number) : null;
}

export function buildTables(dataset: Dataset): Table[] {
  const rows: Record<TableName, Row[]> = { documents: [], figures: [], indicators: [], scores: [], projects: [], flags: [], 'line-items': [] };
  for (const d of dataset.documents) {
    const own = documentTables(d);
    for (const name of EXPORT_TABLE_NAMES) for (const r of own[name]) rows[name].push(r);
  }
  return EXPORT_TABLE_NAMES.map((name) => ({ name, sheet: SHEET_NAMES[name], columns: COLUMNS[name], rows: rows[name] }));
}

/**
 * One document's rows of every table (line items: those in d.lineItems). Every rule of the tables is
 * within one document (figures collapse within their document), so the tables are these rows in document order.
 */
export function documentTables(d: ReviewedDocument): Record<TableName, Row[]> {
  const rows: Record<TableName, Row[]> = { documents: [], figures: [], indicators: [], scores: [], projects: [], flags: [], 'line-items': [] };
  {
    const figureGroups = new Map<string, ReviewedRecord[]>();
    for (const f of d.figures) figureGroups.set(f.key, [...(figureGroups.get(f.key) ?? []), f]);
    rows.documents.push({
      id: d.row.id, file: d.row.file, unit: d.row.unit, region: d.row.region, year: d.row.year, report_type: d.row.report_type,
      report_type_zh: REPORT_TYPE_ZH[d.row.report_type] ?? d.row.report_type, title: d.row.title, format: d.row.format, pages: d.row.pages,
      figures: figureGroups.size, indicators: d.indicators.length, scores: d.scores.length, projects: d.projects.length,
      flags: d.flags.length, flags_open: d.flags.filter((f) => f.status === 'open').length, score: documentScore(d),
      path: d.row.path, sha256: d.row.sha256, imported_at: d.row.imported_at,
    });
    for (const group of figureGroups.values()) {
      const f = group[0];
      const flagIds = [...new Set(group.flatMap((g) => g.flagIds))].sort((a, b) => a - b);
      rows.figures.push({
        id: f.id, ...docCols(d), key: f.row.key, key_zh: FIGURE_ZH[f.row.key] ?? null, phase: f.row.phase, phase_zh: PHASE_ZH[f.row.phase] ?? null,
        figure_year: f.row.year ?? d.row.year, value_yuan: f.row.value_yuan, label: f.row.label, occurrences: group.length,
        ...sourceCols(f), flag_ids: flagIds.join(';'),
        also_at: group.slice(1).map((g) => whereOf(g.source)).filter(Boolean).join('; ') || null,
        ...correctionCols(f, true), ...keyCols(d, f),
      });
    }
    for (const r of d.indicators) {
      const x = r.row;
      rows.indicators.push({
        id: r.id, ...docCols(d), ord: x.ord, project: x.project, level1: x.level1, level2: x.level2, level3: x.level3, comparator: x.comparator,
        target: x.target, target_value: x.target_value, target_unit: x.target_unit, actual: x.actual, actual_value: x.actual_value,
        weight: x.weight, score: x.score, self_score: x.self_score, ...sourceCols(r), ...correctionCols(r, false), ...keyCols(d, r),
      });
    }
    for (const r of d.scores) {
      const x = r.row;
      rows.scores.push({
        id: r.id, ...docCols(d), scope: x.scope, scope_zh: SCOPE_ZH[x.scope] ?? null, kind: x.kind, kind_zh: KIND_ZH[x.kind] ?? null, name: x.name,
        value: x.value, max: x.max, grade: x.grade, ...sourceCols(r), ...correctionCols(r, false), ...keyCols(d, r),
      });
    }
    for (const r of d.projects) {
      const x = r.row;
      rows.projects.push({
        id: r.id, ...docCols(d), code: x.code, name: x.name, budget_yuan: x.budget_yuan, adjusted_yuan: x.adjusted_yuan, executed_yuan: x.executed_yuan,
        execution_rate: x.execution_rate, score: x.score, ...sourceCols(r), ...correctionCols(r, false), ...keyCols(d, r),
      });
    }
    for (const f of d.flags) rows.flags.push(flagRow(d, f));
    rows['line-items'] = lineItemRows(d);
  }
  return rows;
}

/** Rows of line-items.csv / 明细 for the document's line items (`items`: a batch of them, by default all). */
export function lineItemRows(d: ReviewedDocument, items: StoredLineItem[] = d.lineItems): Row[] {
  return items.map((li) => {
    const statement = li.statementOrd != null ? d.statements[li.statementOrd] : undefined;
    return {
      id: li.id, ...docCols(d), statement: li.statement, statement_zh: STATEMENT_ZH[li.statement] ?? null, statement_title: li.statementTitle,
      code: li.code, name: li.name, level: li.level, parent_code: li.parentCode, entity: li.entity,
      measure: li.measure, measure_zh: MEASURE_ZH[li.measure] ?? null, phase: li.phase, phase_zh: PHASE_ZH[li.phase] ?? null,
      item_year: li.year ?? d.row.year, value_yuan: li.valueYuan, money_unit: li.moneyUnit, raw: li.raw,
      column_header: statement?.columns.find((col) => col.index === li.column)?.header ?? null, row: li.row, column: li.column,
      section: li.section, page: li.source.page ?? null, sha256: d.row.sha256,
    };
  });
}

function flagRow(d: ReviewedDocument, f: ReviewedFlag): Row {
  return {
    id: f.id, ...docCols(d), scope: f.scope, category: f.category, category_zh: CATEGORY_ZH[f.category] ?? null, rule: f.rule, severity: f.severity,
    message: f.message, formula: f.formula, stated: f.stated, computed: f.computed, tolerance: f.tolerance,
    evidence: f.evidence.map((e) => e.text).join('\n'),
    evidence_places: f.evidence.map((e) => `${e.file === d.row.file ? '' : `${e.file} `}${whereOf(e.source)}`).join('; '),
    rows: f.links.map((l) => `${TABLE_OF[l.kind]} ${l.id}`).join('; '),
    status: f.status, status_zh: STATUS_ZH[f.status], reviewed_by: f.review?.reviewed_by ?? null, reviewed_at: f.review?.reviewed_at ?? null,
    review_reason: f.review?.reason ?? null, flag_key: f.key, sha256: d.row.sha256,
  };
}

export async function loadTables(db: Db, filter: DocumentFilter = {}): Promise<{ tables: Table[]; dataset: Dataset }> {
  const dataset = await loadDataset(db, filter);
  return { tables: buildTables(dataset), dataset };
}
