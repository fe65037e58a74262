// Records extracted from a document: the boundary between extraction and storage.
// Keys and fields follow the project's domain vocabulary (README, "Vocabulary").
import { z } from 'zod';
import { Provenance } from './document.ts';
import { LineItem, Statement } from './statements.ts';

export const ReportType = z.enum(['dept_self_eval', 'project_self_eval', 'verification', 'final_accounts', 'budget', 'other']);
export type ReportType = z.infer<typeof ReportType>;

export { Phase } from './phase.ts';
import { Phase } from './phase.ts';

export const FIGURE_KEYS = [
  'income.total', 'income.fiscal', 'income.other',
  'expenditure.total', 'expenditure.basic', 'expenditure.personnel', 'expenditure.public', 'expenditure.project',
  'threePublic.total', 'threePublic.abroad', 'threePublic.vehicle', 'threePublic.vehiclePurchase',
  'threePublic.vehicleOps', 'threePublic.reception',
  'procurement.total', 'carryover.end',
  'assets.total', 'liabilities.total', 'netAssets.total', 'fixedAssets.total', 'fixedAssets.inUse',
] as const;
export const FigureKey = z.enum(FIGURE_KEYS);
export type FigureKey = z.infer<typeof FigureKey>;

export const Comparator = z.enum(['>', '>=', '=', '<=', '<', 'qualitative']);
export type Comparator = z.infer<typeof Comparator>;

/** Where an extracted value came from: its place in the file and the section it stands in. */
export const Origin = z.object({
  source: Provenance,
  /** Section path, e.g. "四、预算支出管理情况 / （一）支出管理情况". Empty at the top level. */
  section: z.string(),
});
export type Origin = z.infer<typeof Origin>;

export const Figure = Origin.extend({
  key: FigureKey,
  phase: Phase,
  valueYuan: z.number().finite(),
  /** The text as written, e.g. "基本支出379.64万元". */
  raw: z.string().min(1),
  /** The year the figure belongs to, where it is not the report's own (比上年, 2024年安排…). */
  year: z.number().int().min(1949).max(2100).nullable(),
  /** The label that was matched, e.g. 基本支出. */
  label: z.string(),
});
export type Figure = z.infer<typeof Figure>;

export const Indicator = Origin.extend({
  project: z.string().nullable(),
  level1: z.string().nullable(),
  level2: z.string().nullable(),
  level3: z.string().min(1),
  comparator: Comparator.nullable(),
  target: z.string().nullable(),
  targetValue: z.number().finite().nullable(),
  targetUnit: z.string().nullable(),
  actual: z.string().nullable(),
  actualValue: z.number().finite().nullable(),
  // optional: absent where the table has no such column at all
  weight: z.number().finite().nullable().optional(),
  score: z.number().finite().nullable().optional(),
  selfScore: z.number().finite().nullable().optional(),
  /** The table row's cells as written. */
  raw: z.string(),
});
export type Indicator = z.infer<typeof Indicator>;

export const Grade = z.enum(['优', '良', '中', '差']);
export type Grade = z.infer<typeof Grade>;

export const Score = Origin.extend({
  scope: z.enum(['document', 'section', 'project']),
  kind: z.enum(['self', 'review']),
  name: z.string().nullable(),
  value: z.number().finite().nullable(),
  max: z.number().finite().nullable(),
  grade: Grade.nullable(),
  raw: z.string(),
});
export type Score = z.infer<typeof Score>;

export const Project = Origin.extend({
  code: z.string().nullable(),
  name: z.string().min(1),
  budgetYuan: z.number().finite().nullable(),
  adjustedYuan: z.number().finite().nullable(),
  executedYuan: z.number().finite().nullable(),
  executionRate: z.number().finite().nullable(),
  score: z.number().finite().nullable(),
  raw: z.string(),
});
export type Project = z.infer<typeof Project>;

export const DocumentMeta = z.object({
  unit: z.string().nullable(),
  region: z.string().nullable(),
  year: z.number().int().min(1949).max(2100).nullable(),
  reportType: ReportType,
  title: z.string().nullable(),
  /** department: the consolidated 部门 (本级 and its subordinate units); unit: one 预算单位 (单位预算, 本级 only). */
  scope: z.enum(['department', 'unit']).nullable().default(null),
  /** The units a consolidated document names as its own (本级 and 下属单位), as printed. */
  consolidates: z.array(z.string()).default([]),
});
export type DocumentMeta = z.infer<typeof DocumentMeta>;

/** What extraction produces for one document, before validation. */
export const Extraction = z.object({
  meta: DocumentMeta,
  figures: z.array(Figure),
  indicators: z.array(Indicator),
  scores: z.array(Score),
  projects: z.array(Project),
  /** The standard budget and 决算 tables read as statements, and their rows × money columns. */
  statements: z.array(Statement).default([]),
  lineItems: z.array(LineItem).default([]),
});
export type Extraction = z.infer<typeof Extraction>;

export const FlagCategory = z.enum(['arithmetic', 'ratio', 'conflict', 'score', 'target', 'entity', 'year']);
export type FlagCategory = z.infer<typeof FlagCategory>;

export const Evidence = z.object({
  text: z.string(),
  file: z.string(),
  section: z.string(),
  source: Provenance,
});
export type Evidence = z.infer<typeof Evidence>;

export const Flag = z.object({
  category: FlagCategory,
  rule: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  formula: z.string().nullable(),
  stated: z.number().nullable(),
  computed: z.number().nullable(),
  tolerance: z.number().nullable(),
  evidence: z.array(Evidence).min(1),
});
export type Flag = z.infer<typeof Flag>;
