// Projects listed one per row in a table of money (重点项目支出情况, 项目支出情况表, 项目执行情况一览):
// 项目名称 | 年初预算数 | 调整后预算数 | 执行数 | 执行率 | 自评得分. Also the grouped form of evaluation reports, where a
// project (or 子项目) spans several rows, one per year, closed by its 小计 row: the 小计 is the project's money.
// The standard budget statements (项目支出表 by 功能分类) are statements, not this: they are left to pipeline/statements.
import type { Project } from '../../schemas/records.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import type { MoneyUnit } from '../../schemas/statements.ts';
import { locateStatements } from '../statements/locate.ts';
import { parseMoney, parsePercent } from '../normalize/numbers.ts';
import { normalizeText } from '../normalize/text.ts';
import { originOf } from './origin.ts';
import { cellNumber, clean, isBlank, isNumeric } from './tables/cells.ts';
import { splitCode } from './tables/project-name.ts';
import { tableRows } from './tables/rows.ts';

type Role = 'name' | 'group' | 'year' | 'budget' | 'adjusted' | 'executed' | 'rate' | 'score' | 'other';

const NAME = /^(?:项目名称|项目|子项目|子项目名称|资金名称|专项名称|专项资金名称)$/;

function roleOf(label: string): Role {
  const whole = clean(label);
  const t = whole.replace(/[（(][^）)]*[）)]$/, '');
  if (NAME.test(t)) return 'name';
  // a column in percent is a rate, whatever it is called (预算执行（%）)
  if (/[%％]/.test(whole) && /执行|完成|支出/.test(t)) return 'rate';
  if (/^(年度|年份)$/.test(t)) return 'year';
  if (/执行率|完成率|支出进度/.test(t)) return 'rate';
  if (/调整后|全年预算|调整预算/.test(t)) return 'adjusted';
  if (/年初预算|预算安排|预算数|批复预算|预算金额|安排资金|下达资金/.test(t)) return 'budget';
  if (/执行数|全年执行|实际支出|支出数|决算数|支出金额|执行金额|实际执行/.test(t)) return 'executed';
  if (/^(自评)?得分$|^自评分数?$|^评价得分$/.test(t)) return 'score';
  return 'other';
}

const TOTAL = /^(合计|总计|小计|总额)/;
const SUBTOTAL = /^小计$/;
const UNIT = /(亿元|万元|元)/;

interface Header { row: number; roles: Role[]; unit: MoneyUnit | null }

function headerOf(rows: string[][]): Header | null {
  for (let r = 0; r < Math.min(3, rows.length); r++) {
    const roles = rows[r].map(roleOf);
    const money = (['budget', 'adjusted', 'executed'] as const).filter((x) => roles.includes(x)).length;
    if (!roles.includes('name') || money + (roles.includes('rate') ? 1 : 0) < 2) continue;
    if (rows[r].some((c) => isNumeric(c))) continue;
    // the outer of two name columns (项目名称 | 子项目) names the group; the inner one the project
    const names = roles.map((x, k) => (x === 'name' ? k : -1)).filter((k) => k >= 0);
    for (const k of names.slice(0, -1)) roles[k] = 'group';
    const unit = rows[r].map((c) => UNIT.exec(normalizeText(c))?.[1]).find(Boolean) as MoneyUnit | undefined;
    return { row: r, roles, unit: unit ?? null };
  }
  return null;
}

function unitBefore(doc: SegmentedDocument, b: number): MoneyUnit | null {
  for (let i = b - 1; i >= Math.max(0, b - 2) && doc.blocks[i].kind === 'paragraph'; i--) {
    const m = /(?:单位|金额)\s*[:：（(]\s*(亿元|万元|元)/.exec(normalizeText((doc.blocks[i] as { text: string }).text));
    if (m) return m[1] as MoneyUnit;
  }
  return null;
}

export function extractProjectLists(doc: SegmentedDocument): Project[] {
  const statementBlocks = new Set(locateStatements(doc).flatMap((s) => s.tables));
  const out: Project[] = [];
  doc.blocks.forEach((block, b) => {
    if (block.kind !== 'table' || statementBlocks.has(b)) return;
    const { rows } = tableRows(block);
    const cells = rows.map((r) => r.cells);
    const h = headerOf(cells);
    if (!h) return;
    const col = (role: Role) => h.roles.indexOf(role);
    const unit = h.unit ?? unitBefore(doc, b) ?? '万元';
    const grouped = col('year') >= 0;
    for (let r = h.row + 1; r < cells.length; r++) {
      const row = cells[r];
      const name = (row[col('name')] ?? '').trim();
      const year = col('year') >= 0 ? clean(row[col('year')]) : '';
      // a grouped table gives one project per 小计 row: the money of its years together
      if (grouped && !SUBTOTAL.test(year) && !SUBTOTAL.test(clean(name))) continue;
      if (!grouped && (!name || TOTAL.test(clean(name)) || /^其中/.test(clean(name)) || isNumeric(name))) continue;
      const get = (role: Role) => { const k = col(role); return k >= 0 && !isBlank(row[k]) ? clean(row[k]) : null; };
      const money = (role: Role) => { const v = get(role); return v != null && isNumeric(v) ? parseMoney(v, unit) : null; };
      const budgetYuan = money('budget'), adjustedYuan = money('adjusted'), executedYuan = money('executed');
      if (budgetYuan == null && adjustedYuan == null && executedYuan == null) continue;
      const rate = get('rate');
      const score = get('score');
      const { code, name: bare } = splitCode(grouped ? name.replace(/^小计$/, '') || (row[col('group')] ?? '').trim() : name);
      if (!bare || SUBTOTAL.test(bare)) continue;
      out.push({
        ...originOf(doc, b, r), code, name: bare.replace(/\s+/g, ''),
        budgetYuan, adjustedYuan, executedYuan,
        executionRate: rate != null ? parsePercent(rate) : null,
        score: score != null ? cellNumber(score) : null,
        raw: row.filter((c) => c.trim() !== '').join(' | '),
      });
    }
  });
  return out;
}
