// What kind of report it is: the title decides when it names the type; then the cover; then the standard
// tables' titles (收支预算总表 → budget, 收入支出决算总表 → final accounts); then what the body talks about most.
import type { ReportType } from '../../../schemas/records.ts';

const TYPE_RULES: Array<[RegExp, ReportType]> = [
  [/项目支出绩效自评(报告|表)/, 'project_self_eval'],
  [/(整体支出|部门整体).{0,6}自评/, 'dept_self_eval'],
  [/决算/, 'final_accounts'],
  [/(预算公开|部门预算|单位预算|预算信息公开|预算情况|预算绩效目标|绩效目标申报|(?:区级|市级|省级|县级)?预算$)/, 'budget'],
];

const BUDGET_TABLE = /(?:预算|预算总)表$/;
const FINAL_TABLE = /决算(?:总)?表$/;

export function classifyReport(title: string | null, cover: string, head: string, body: string, tableTitles: string[]): ReportType {
  for (const text of [title ?? '', cover, head]) {
    if (!text) continue;
    if (/核查/.test(text)) return 'verification';
    if (/绩效评价报告/.test(text) && /(事务所|咨询|评价机构|受托|委托单位)/.test(head)) return 'verification';
    // an evaluation of a fund or project by the 财政局 or a third party (重点绩效评价报告, 项目支出绩效评价结果) is
    // someone else's judgement, as a verification is; a unit's own is a 自评
    if (/(重点绩效评价|绩效评价(?:报告|结果|情况的?报告))/.test(text) && !/自评|自我评价/.test(text)) return 'verification';
    // a title naming an evaluation's result, made by the finance bureau's evaluation group, not the unit
    if (text === title && /绩效评价(报告|结果)$/.test(text) && /(财政局|财政厅)[^。]{0,12}评价(工作)?组/.test(head)) return 'verification';
    for (const [re, type] of TYPE_RULES) if (re.test(text)) return type;
  }
  // a scoring table with both the self score and the checker's score is a verification
  if (/自评得分/.test(body) && /核查得分/.test(body)) return 'verification';
  const budgetTables = tableTitles.filter((t) => BUDGET_TABLE.test(t)).length;
  const finalTables = tableTitles.filter((t) => FINAL_TABLE.test(t)).length;
  if (budgetTables + finalTables >= 2) return finalTables > budgetTables ? 'final_accounts' : 'budget';
  const count = (re: RegExp) => (body.match(re) ?? []).length;
  // a target table states 年度指标值 without anything achieved: a budget's 绩效目标表, not an evaluation
  const targetsOnly = count(/实际完成|完成值|实际值|自评得分/g) === 0 ? count(/年度指标值|绩效目标表/g) : 0;
  // targets set against what was achieved (年度指标值 | 实际完成值) of the whole department: its self-evaluation
  const selfEvaluated = count(/实际完成值/g) > 0 && count(/年度指标值/g) > 0 && /整体支出|部门整体/.test(body) ? 3 : 0;
  const scores: Array<[ReportType, number]> = [
    ['final_accounts', count(/决算/g)],
    ['budget', count(/预算公开|部门预算/g) * 3 + targetsOnly],
    ['dept_self_eval', count(/自评/g) + selfEvaluated],
  ];
  const best = scores.sort((a, b) => b[1] - a[1])[0];
  return best[1] >= 3 ? best[0] : 'other';
}
