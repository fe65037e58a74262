// Labelled statements of the unit: 预算单位：X, 单位名称：X, 部门名称：X, 预算主管部门：X, 部门：X 单位：万元.
import { cleanName } from './names.ts';

export interface LabelledName { name: string; label: string; rank: number }

// A 单位-level label names the one unit the document is about; a 部门-level label may name the department over it.
const UNIT_LABELS = ['预算单位', '单位名称', '编制单位', '填报单位', '项目单位', '评价单位', '部门（单位）名称', '部门(单位)名称'];
const DEPT_LABELS = ['预算主管部门', '主管部门', '部门名称', '部门'];
const LABEL = new RegExp(`(${[...UNIT_LABELS, ...DEPT_LABELS].map((l) => l.replace(/[()]/g, '\\$&')).join('|')})(?:（[^）]{0,6}）)?\\s*[:：]\\s*`, 'g');

/** Where a labelled value stops: the money-unit label beside it, a wide gap, a sentence mark, another label. */
const VALUE_END = /\s*(?:金额)?单位[:：]|\s{2,}|\t|[，,。；;]|\s+[\p{Script=Han}]{2,6}[:：]/u;

/** Every labelled unit name in a line, in order. */
export function labelledNames(line: string): LabelledName[] {
  const out: LabelledName[] = [];
  for (const m of line.matchAll(LABEL)) {
    const label = m[1];
    const rest = line.slice(m.index! + m[0].length);
    const end = VALUE_END.exec(rest);
    const name = cleanName(end ? rest.slice(0, end.index) : rest);
    // an evaluating firm (评价单位：XX会计师事务所) evaluates the unit, it is not the unit
    if (!name || (label === '评价单位' && /(事务所|公司)$/.test(name))) continue;
    out.push({ name, label, rank: UNIT_LABELS.includes(label) ? 2 : 1 });
  }
  return out;
}

/** The raw labelled values of a line, names or not (a template's 上海市普陀区XX单位). */
export function labelledValues(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(LABEL)) {
    if (m[1] === '部门') continue;
    const rest = line.slice(m.index! + m[0].length);
    const end = VALUE_END.exec(rest);
    const value = (end ? rest.slice(0, end.index) : rest).trim();
    if (value) out.push(value);
  }
  return out;
}
