// Checks a parsed document against the limits and against being a report at all.
import { blockText, type ParsedDocument } from '../../schemas/document.ts';
import { ParseError } from '../../parsers/shared/errors.ts';
import type { Limits } from './limits.ts';
import { labelledValues } from '../extract/identity/labels.ts';
import { PLACEHOLDER } from '../extract/identity/names.ts';

/** Words that every budget or performance report uses; a document with none of them is something else. */
const REPORT_WORDS = /预算|决算|绩效|支出|收入|经费|资金|指标|评价|自评|财政/;
const MIN_HAN = 200;

export function countCells(doc: ParsedDocument): number {
  return doc.blocks.reduce((n, b) => n + (b.kind === 'table' ? b.rows.reduce((m, r) => m + r.length, 0) : 0), 0);
}


/** Throws a ParseError naming the problem when the document breaks a limit or is no report. */
export function guardDocument(doc: ParsedDocument, limits: Limits): void {
  if (doc.pages != null && doc.pages > limits.maxPages) {
    throw new ParseError(doc.path, 'limit/pages', `${doc.pages} pages, more than the limit of ${limits.maxPages} (--max-pages)`);
  }
  const cells = countCells(doc);
  if (cells > limits.maxCells) {
    throw new ParseError(doc.path, 'limit/cells', `${cells} table cells, more than the limit of ${limits.maxCells} (--max-cells)`);
  }
  const text = doc.blocks.map(blockText).join('\n');
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  if (han < MIN_HAN) throw new ParseError(doc.path, 'input/no-chinese-text', `no Chinese text to read (${han} Chinese characters): not a report`);
  if (!REPORT_WORDS.test(text)) throw new ParseError(doc.path, 'input/not-a-report', 'no budget or performance vocabulary (预算, 决算, 绩效, 支出 …): not a report');
  const template = placeholderUnits(text);
  if (template) throw new ParseError(doc.path, 'input/template', `a blank template, not a report: the unit is a placeholder (${template})`);
}

/** The placeholder a template writes for its unit (预算单位：上海市普陀区XX单位), when every labelled unit is one. */
export function placeholderUnits(text: string): string | null {
  const values = text.split('\n').flatMap(labelledValues);
  return values.length > 0 && values.every((v) => PLACEHOLDER.test(v)) ? values[0] : null;
}
