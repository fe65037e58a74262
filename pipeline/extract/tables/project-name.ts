// The project a table belongs to: a 项目名称 row in the table, or a 项目名称： line just before it.
import type { SegmentedDocument } from '../../../schemas/sections.ts';
import { clean } from './cells.ts';
import type { TableRow } from './rows.ts';

const NAME_LABEL = /^项目(名称|全称)[:：]?$/;
const NAME_LINE = /项目(?:名称|全称)\s*[:：]\s*(\S.{1,80}?)\s*$/;

/** "51118121T000000046261-城乡居民医疗保险县级配套资金" → code and name; a name without a code stays whole. */
export function splitCode(text: string): { code: string | null; name: string } {
  const t = text.trim().replace(/\s+/g, ' ');
  const m = /^([0-9A-Za-z][0-9A-Za-z_]{5,})\s*[-－—_:：\s]\s*(\S.*)$/.exec(t);
  if (m && /\d{4,}/.test(m[1])) return { code: m[1], name: m[2].trim() };
  return { code: null, name: t };
}

/** The project named by a row such as 项目名称 | 51118…-城乡居民医疗保险县级配套资金, or null. */
export function projectNameInRow(row: TableRow): string | null {
  // a merged cell repeated over the columns it spans counts once
  const cells = row.cells.map((c) => c.trim()).filter((c, i, all) => c !== '' && c !== all[i - 1]);
  if (cells.length < 2 || cells.length > 4) return null;
  const first = clean(cells[0]);
  const inline = NAME_LINE.exec(cells[0]);
  if (inline) return inline[1];
  if (!NAME_LABEL.test(first)) return null;
  const value = cells[1];
  // a header row (项目名称 | 数量 | 金额) names no project
  // (项目名称 | 自评分数, 项目名称 | 项目类别 | 金额: the second cell is a column name, not a project)
  const v = clean(value);
  if (/^(数量|金额|预算|子项目|年度|单位|类别)/.test(v) || value.length < 2) return null;
  if (v.length <= 8 && /(?:得分|分数|评分|金额|数量|预算数?|决算数?|类别|类型|编码|代码|备注|性质|资金|执行数|完成值)$/.test(v)) return null;
  return value;
}

/** A 项目名称：… line among the few blocks before a table. */
export function projectNameBefore(doc: SegmentedDocument, blockIndex: number, lookBack = 3): string | null {
  for (let b = blockIndex - 1; b >= Math.max(0, blockIndex - lookBack); b--) {
    const block = doc.blocks[b];
    if (block.kind !== 'paragraph') break;
    const m = NAME_LINE.exec(block.text);
    if (m) return m[1];
  }
  const table = doc.blocks[blockIndex];
  if (table.kind === 'table' && table.title) {
    const m = NAME_LINE.exec(table.title);
    if (m) return m[1];
  }
  return null;
}
