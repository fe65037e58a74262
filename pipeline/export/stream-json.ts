// The JSON and JSON Lines exports written document by document: the same bytes as exportJson /
// exportJsonl (json.ts) give, with one document's records in memory and its line items in batches.
// JSON: what JSON.stringify({documents}, null, 1) writes; a document sits two levels deep, so each piece of
// it is stringified with one-space indent and every line break shifted by its depth.
import { indicatorOf, figureOf, metaOf, projectOf, scoreOf } from '../store/read.ts';
import type { Db } from '../store/types.ts';
import type { ReviewedDocument, ReviewedRecord } from './dataset.ts';
import { documentJson, lineItemJson } from './json.ts';
import type { Output } from './output.ts';
import { lineItemBatches, walkDocuments, type ExportPlan } from './walk.ts';

export type JsonStyle = 'json' | 'jsonl';

/** Shifts every line after the first of a stringified value by `depth` spaces. */
const shift = (s: string, depth: number) => s.replace(/\n/g, '\n' + ' '.repeat(depth));

/** The stored row as extracted: the corrected row with the original values of corrected fields put back. */
const extractedRow = (r: ReviewedRecord) => ({ ...r.row, ...r.original });

function extracted(d: ReviewedDocument) {
  return {
    meta: metaOf(d.row),
    figures: d.figures.map((r) => figureOf(extractedRow(r))),
    indicators: d.indicators.map((r) => indicatorOf(extractedRow(r))),
    scores: d.scores.map((r) => scoreOf(extractedRow(r))),
    projects: d.projects.map((r) => projectOf(extractedRow(r))),
  };
}

/** Writes the documents of the plan to `out`; returns how many. */
export async function writeJson(db: Db, plan: ExportPlan, out: Output, style: JsonStyle, batchSize?: number): Promise<number> {
  const pretty = style === 'json';
  // JSON: documents at depth 2, their keys at 3, line items at 4
  const text = (v: unknown, depth: number) => (pretty ? shift(JSON.stringify(v, null, 1), depth) : JSON.stringify(v));
  if (pretty) await out.write('{\n "documents": [');
  let n = 0;
  for await (const d of walkDocuments(db, plan)) {
    const head = text(documentJson(d, extracted(d)), 2);
    // the object without lineItems, its closing brace taken off: lineItems is the last key
    const close = pretty ? '\n  }' : '}';
    await out.write((pretty ? (n ? ',\n  ' : '\n  ') : '') + head.slice(0, -close.length) + (pretty ? ',\n   "lineItems": [' : ',"lineItems":['));
    let items = 0;
    for await (const batch of lineItemBatches(db, d.row.id, batchSize)) {
      const parts = batch.map((li) => (pretty ? '\n    ' : '') + text(lineItemJson(li), 4));
      await out.write((items ? ',' : '') + parts.join(','));
      items += batch.length;
    }
    await out.write(pretty ? (items ? '\n   ]' : ']') + close : ']}\n');
    n++;
  }
  if (pretty) await out.write((n ? '\n ]' : ']') + '\n}\n');
  else if (!n) await out.write('\n');
  return n;
}
