// Behaviour the real reports in fixtures/real needed, written as cases that any report may present:
// 合计 rows under figure-naming columns (部门预算/决算 standard tables), fiscal-scope tables, table titles that
// name the 合计 column, place names that begin with a function character, outline codes in indicator names,
// project score lists and target-form budgets.
import { describe, expect, it } from 'vitest';
import { tableFigures, titleFigure } from '../../pipeline/extract/figures/tables.ts';
import { findOrganisations } from '../../pipeline/lexicon/organisations.ts';
import { indicatorName, levelName } from '../../pipeline/extract/indicators/index.ts';
import { extractIndicators } from '../../pipeline/extract/indicators/index.ts';
import { extractScores } from '../../pipeline/extract/scores.ts';
import { extractProjects } from '../../pipeline/extract/projects.ts';
import { projectNameInRow } from '../../pipeline/extract/tables/project-name.ts';
import { segment } from '../../pipeline/segment/index.ts';
import type { Block, Table } from '../../schemas/document.ts';
import type { DocumentMeta } from '../../schemas/records.ts';

type Cell = string | { text: string; rowSpan?: number; colSpan?: number };
const table = (rows: Cell[][], title?: string): Table => ({
  kind: 'table', title, source: { file: 't.pdf', page: 1 },
  rows: rows.map((r) => r.map((c) => (typeof c === 'string' ? { text: c, rowSpan: 1, colSpan: 1 } : { rowSpan: 1, colSpan: 1, ...c }))),
});
const figs = (t: Table, defaultPhase: 'budget' | 'final' = 'budget', before = '') =>
  tableFigures(t, { reportYear: 2025, defaultPhase, before }).map((f) => `${f.key} ${f.phase} ${f.valueYuan}${f.year ? ' ' + f.year : ''}`);

const docOf = (blocks: Block[]) => segment({ file: 't.pdf', path: 't.pdf', format: 'pdf', sha256: '0'.repeat(64), blocks, messages: [] });
const meta: DocumentMeta = { unit: null, region: null, year: 2019, reportType: 'final_accounts', title: null, scope: null, consolidates: [] };
const para = (text: string): Block => ({ kind: 'paragraph', text, source: { file: 't.pdf', page: 1 } });

describe('部门预算 / 决算 standard tables', () => {
  it('reads the 合计 row of a 支出总表 under its 基本支出 | 项目支出 columns, the 合计 column named by the title', () => {
    const t = table([
      [{ text: '科目编码', colSpan: 3 }, { text: '科目名称', rowSpan: 2 }, { text: '合计', rowSpan: 2 }, { text: '基本支出', rowSpan: 2 }, { text: '项目支出', rowSpan: 2 }],
      ['类', '款', '项'],
      ['', '', '', '合 计', '3,558.35', '2,776.85', '781.50'],
      ['201', '', '', '一般公共服务支出', '2,731.79', '1,950.29', '781.50'],
    ], '支出总体情况表');
    expect(figs(t, 'budget', '单位：万元')).toEqual(['expenditure.total budget 35583500', 'expenditure.basic budget 27768500', 'expenditure.project budget 7815000']);
  });

  it('a 一般公共预算 table gives 人员经费 / 公用经费 but not the unit\'s 基本支出 or 项目支出', () => {
    const t = table([
      ['科目编码', '科目名称', '合计', '基本支出', '', '', '项目支出'],
      ['', '', '', '小计', '人员支出', '日常公用支出', ''],
      ['', '合计', '2,776.75', '2,772.25', '2,536.91', '235.33', '4.50'],
    ], '一般公共预算支出情况表');
    expect(figs(t, 'budget', '单位：万元')).toEqual(['expenditure.personnel budget 25369100', 'expenditure.public budget 2353300']);
  });

  it('a 财政拨款 column of a spending table is not income', () => {
    const t = table([
      ['项目名称', '合计', '财政拨款', '单位资金'],
      ['合计', '781.50', '4.50', '777.00'],
    ], '项目支出预算情况表');
    expect(figs(t, 'budget', '单位：万元')).toEqual(['expenditure.project budget 7815000']);
  });

  it('names the 合计 column from the title', () => {
    expect(titleFigure('2025年部门收入预算总表')?.key).toBe('income.total');
    expect(titleFigure('支出决算表')?.key).toBe('expenditure.total');
    expect(titleFigure('基本支出预算情况表')?.key).toBe('expenditure.basic');
    expect(titleFigure('政府采购预算表')?.key).toBe('procurement.total');
    expect(titleFigure('财政拨款收支总体情况表')).toBeNull();
  });

  it('phases a 决算 table from its title', () => {
    const t = table([
      ['功能分类科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出'],
      ['', '合计', '1668.14', '746.39', '921.75'],
    ], '支出决算表');
    expect(figs(t, 'final', '单位：万元')).toEqual(['expenditure.total final 16681400', 'expenditure.basic final 7463900', 'expenditure.project final 9217500']);
  });
});

describe('organisation names', () => {
  it('keeps a place word that begins with a function character', () => {
    expect(findOrganisations('预算主管部门：上海市普陀区人民政府办公室')[0]?.name).toBe('上海市普陀区人民政府办公室');
    expect(findOrganisations('新乡市财政局')[0]?.name).toBe('新乡市财政局');
    expect(findOrganisations('我市财政局')).toEqual([]);
  });
});

describe('indicator names', () => {
  it('drops outline codes and weights written into level and indicator names', () => {
    expect(levelName('A决策15分')).toBe('决策');
    expect(levelName('A1项目立项5分')).toBe('项目立项');
    expect(levelName('产出指标（25分）')).toBe('产出指标');
    expect(levelName('一、决策')).toBe('决策');
    expect(indicatorName('A101立项依据充分性')).toBe('立项依据充分性');
    expect(indicatorName('A级景区数量')).toBe('A级景区数量');
    expect(indicatorName('2023年新增参保人数')).toBe('2023年新增参保人数');
    expect(levelName('15分')).toBe('15分');
  });

  it('reads a 评分表 whose names carry codes, and skips the tail of a row carried over a page break', () => {
    const d = docOf([table([
      ['一级指标', '二级指标', '三级指标', '分值', '指标解释', '得分'],
      [{ text: 'A决策15分', rowSpan: 2 }, { text: 'A1项目立项5分', rowSpan: 2 }, 'A101立项依据充分性', '2', '项目立项是否符合规定', '2.00'],
      ['A102立项程序规范性', '3', '受补对象的确立是否符合要求', '0.00'],
      ['', '', '性', '反映和考核奖补对象选取的规范性及准确性。', '', ''],
    ])]);
    const rows = extractIndicators(d, meta).map((r) => `${r.level1}/${r.level2}/${r.level3} ${r.weight} ${r.score}`);
    expect(rows).toEqual(['决策/项目立项/立项依据充分性 2 2', '决策/项目立项/立项程序规范性 3 0']);
  });
});

describe('projects in lists and forms', () => {
  it('reads a 项目名称 | 自评分数 list as project scores, not as a project named 自评分数', () => {
    const t = table([['项目名称', '自评分数'], ['质量抽检和试验检测管理', '100'], ['2019年度聘请专家人员经费', '96.53']]);
    expect(projectNameInRow({ cells: ['项目名称', '自评分数'], fromAbove: [false, false] })).toBeNull();
    const d = docOf([t]);
    expect(extractScores(d, meta).map((s) => `${s.scope} ${s.kind} ${s.name} ${s.value}`))
      .toEqual(['project self 质量抽检和试验检测管理 100', 'project self 2019年度聘请专家人员经费 96.53']);
    expect(extractProjects(d, meta)).toEqual([]);
  });

  it('takes a target form\'s 年度预算资金总额 as the project budget', () => {
    const d = docOf([table([
      [{ text: '项目名称', colSpan: 2 }, { text: '审计业务经费', colSpan: 2 }],
      [{ text: '项目资金（万元）', rowSpan: 2, colSpan: 2 }, '年度预算资金总额：', '31.00'],
      ['其中：财政拨款', '0.00'],
    ], '政策和项目预算绩效目标表')]);
    const p = extractProjects(d, { ...meta, reportType: 'budget' });
    expect(p.map((x) => `${x.name} ${x.budgetYuan}`)).toEqual(['审计业务经费 310000']);
  });
});
