// The checking engine: a catalogue of small named rules run over one document (checkDocument) or over the
// reports of a database (checkAcross). Rules are pure: they read records and text and return flags.
import type { Extraction, Flag } from '../../schemas/records.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import { buildSentences, buildTables } from './sentences.ts';
import { noteLowConfidence } from './ocr.ts';
import type { CheckContext, CrossRule, ReportSummary, Rule } from './types.ts';
import { proseRate } from './rules/prose-rate.ts';
import { proseShare } from './rules/prose-share.ts';
import { proseGrowth } from './rules/prose-growth.ts';
import { formula } from './rules/formula.ts';
import { staffControl } from './rules/staff-control.ts';
import { classItems } from './rules/class-items.ts';
import { changeComponents } from './rules/change-components.ts';
import { subsidiaryScope } from './rules/subsidiary-scope.ts';
import { fundsYear } from './rules/funds-year.ts';
import { headcount } from './rules/headcount.ts';
import { entityName } from './rules/entity-name.ts';
import { figureParts } from './rules/figure-parts.ts';
import { figureValues } from './rules/figure-values.ts';
import { labelValues } from './rules/label-values.ts';
import { tableTotal } from './rules/table-total.ts';
import { projectProse, projectRate } from './rules/project-prose.ts';
import { indicatorTarget } from './rules/indicator-target.ts';
import { executionScore } from './rules/execution-score.ts';
import { indicatorDuplicate } from './rules/indicator-duplicate.ts';
import { indicatorStandard } from './rules/indicator-standard.ts';
import { scoreGrade, scoreOverWeight, scoreSectionSum, scoreTableSum } from './rules/scores.ts';
import { STATEMENT_RULES } from './statements/index.ts';
import { headingYear } from './rules/heading-year.ts';
import { placeholderName } from './rules/placeholder.ts';
import { comparisonWord } from './rules/comparison-word.ts';

export type { CheckContext, CrossRule, ReportSummary, Rule } from './types.ts';

/** Every in-document rule, in the order their flags are reported (earlier rules win duplicates). */
export const RULES: Rule[] = [
  // arithmetic: identities over the standard tables read as statements, then sums over other tables' raw grids
  ...STATEMENT_RULES,
  figureParts, onRawGrids(classItems), onRawGrids(tableTotal),
  // ratio
  formula, proseRate, proseShare, proseGrowth, staffControl, projectRate,
  // conflict
  figureValues, labelValues, comparisonWord, projectProse, headcount, changeComponents, subsidiaryScope, indicatorDuplicate, indicatorStandard,
  // score, target
  scoreOverWeight, scoreTableSum, scoreSectionSum, scoreGrade, indicatorTarget, executionScore,
  // entity, year
  entityName, placeholderName, fundsYear, headingYear,
];

/**
 * A rule that sums the rows of a raw grid holds only where the grid's nesting is unknown. In a document whose
 * tables were read as statements, the statement identities check the same sums by code, so the grid rule would
 * only add nested 类/款/项 rows together.
 */
function onRawGrids(rule: Rule): Rule {
  return { ...rule, check: (ctx) => (ctx.extraction.statements.length ? [] : rule.check(ctx)) };
}

export { CROSS_RULES } from './cross.ts';
import { CROSS_RULES } from './cross.ts';

export function buildContext(doc: SegmentedDocument, extraction: Extraction): CheckContext {
  return { doc, extraction, meta: extraction.meta, file: doc.file, sentences: buildSentences(doc), tables: buildTables(doc) };
}

const evKey = (e: Flag['evidence'][number]) => `${e.file}|${e.source.page ?? ''}|${e.source.line ?? ''}|${e.source.sheet ?? ''}${e.source.range ?? ''}|${e.source.block ?? ''}`;

/**
 * Drops a flag that repeats an earlier one (a record rule and a prose rule seeing the same thing):
 * same category and either the same stated value at a shared place, or two or more places in common.
 */
export function dedupe(flags: Flag[]): Flag[] {
  const out: Flag[] = [];
  for (const f of flags) {
    const fk = new Set(f.evidence.map(evKey));
    const dup = out.some((g) => {
      if (g.category !== f.category) return false;
      const shared = new Set(g.evidence.map(evKey).filter((k) => fk.has(k))).size;
      return shared >= 2 || (shared >= 1 && g.stated != null && g.stated === f.stated);
    });
    if (!dup) out.push(f);
  }
  return out;
}

/** Runs every in-document rule. A rule that throws is reported as an info flag, not a crash. */
export function checkDocument(doc: SegmentedDocument, extraction: Extraction, rules: Rule[] = RULES): Flag[] {
  const ctx = buildContext(doc, extraction);
  const flags: Flag[] = [];
  for (const rule of rules) {
    try {
      flags.push(...rule.check(ctx));
    } catch (err) {
      flags.push({
        category: rule.category, rule: rule.id, severity: 'info', message: `规则${rule.id}运行出错：${(err as Error).message}`,
        formula: null, stated: null, computed: null, tolerance: null, evidence: [{ text: '', file: doc.file, section: '', source: { file: doc.file } }],
      });
    }
  }
  return noteLowConfidence(dedupe(flags));
}

/** Runs every cross-report rule over the reports of one database. */
export function checkAcross(reports: ReportSummary[], rules: CrossRule[] = CROSS_RULES): Array<{ file: string; flag: Flag }> {
  return rules.flatMap((r) => r.check(reports));
}
