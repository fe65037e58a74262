// Which standard table a title names. Titles vary by region and year (收支总表, 收支总体情况表, 财务收支预算总表,
// 收入支出决算总表 …); the words that tell the tables apart do not. Rules are ordered: the more specific first
// (a 政府性基金预算财政拨款收入支出决算表 is a fund table before it is a 收支 table).
import type { StatementKind } from '../../schemas/statements.ts';
import { squash } from '../normalize/text.ts';

const RULES: Array<[RegExp, StatementKind]> = [
  [/三公/, 'three_public'],
  [/机关运行经费/, 'operating_costs'],
  [/政府采购/, 'procurement'],
  [/国有资本经营预算/, 'state_capital'],
  [/政府性基金/, 'government_fund'],
  [/一般公共预算.*项目支出.*(经济分类|经济科目)/, 'general_project_by_economic'],
  [/一般公共预算.*基本支出/, 'general_basic_by_economic'],
  [/一般公共预算.*支出/, 'general_by_function'],
  [/财政拨款.*收.{0,3}支.*总(表|体情况表)|财政拨款收支/, 'fiscal_summary'],
  [/财政拨款.*基本支出/, 'fiscal_basic_by_economic'],
  [/财政拨款.*支出/, 'fiscal_by_function'],
  [/收.{0,3}支.{0,4}总(表|体情况表)|财务收支|收入支出决算总表/, 'summary'],
  [/收入.{0,4}(总表|总体情况表|决算表|预算表)/, 'income'],
  [/支出.{0,4}(总表|总体情况表|决算表)/, 'expenditure'],
  [/基本支出.{0,4}预算表/, 'basic_detail'],
  [/项目支出.{0,8}(预算表|决算表|情况表)/, 'project'],
];

/** Tables that look like statements by their words but are not money statements (绩效目标表 …). */
const NOT_STATEMENT = /绩效|目标|说明$|情况说明|政府购买服务|资产|人员|名词解释/;

/** The statement kind a title names, or null when it names none. */
export function statementKind(title: string): StatementKind | null {
  const t = squash(title);
  if (!/表/.test(t) || NOT_STATEMENT.test(t)) return null;
  for (const [re, kind] of RULES) if (re.test(t)) return kind;
  return null;
}

/**
 * A line that is a statement's title rather than a sentence about one: short, ends with 表 (or 表 and a
 * bracketed note such as （按功能分类科目）), and names a kind. "详见表5一般公共预算支出情况表。" is a sentence.
 */
export function isStatementTitle(line: string): boolean {
  const t = cleanTitle(line).replace(TOC_ORDINAL, '');
  if (t.length < 4 || t.length > 48) return false;
  if (!/表([（(][^）)]{1,14}[）)])?(（续）|\(续\)|续)?$/.test(t)) return false;
  if (/[，。；;,]|详见|参见|见附|附件/.test(t)) return false;
  return statementKind(t) != null;
}

/** The ordinal a 目录 line puts before a title: 一、 or 1. (1.2026年… is the ordinal 1 and the year). */
export const TOC_ORDINAL = /^([一二三四五六七八九十]+[、.．]|\d{1,2}[、.．](?=\d{4}年|\D))/;

/** The table's number as printed before or in its title (表5, 公开03表), if any. */
export function statementNumber(text: string): string | null {
  const m = /(公开\s*\d+\s*表|表\s*[0-9一二三四五六七八九十]+(?:-\d+)?)/.exec(squash(text));
  return m ? m[1].replace(/\s+/g, '') : null;
}

/** The title without a leading year and number (2026年预算单位收入预算总表 keeps its words). */
export function cleanTitle(text: string): string {
  return squash(text).replace(/^((表|公开)\s*[0-9一二三四五六七八九十]+(-\d+)?表?|\d{1,2}表)[-—、.．:：\s]*/, '').replace(TOC_ORDINAL, '');
}
