// Identity on real published budgets whose covers fooled an earlier version: the approving 江苏省财政厅 taken for
// the unit, 部门预算's 部 glued to the name, a name jieba splits (社会/保障局), a phrase of a sentence, a 单位预算
// whose unit only its 预算单位 line names, a subordinate unit taken for its 局, and table-only documents.
// Each runs the real parse → segment → extractMeta path on the PDF as published.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractMeta } from '../../pipeline/extract/meta.ts';
import { FIXTURES, segmentedFile } from '../helpers.ts';

const DOCS = join(FIXTURES, 'wild', 'docs');

async function metaOf(file: string) {
  const path = join(DOCS, file);
  return extractMeta(await segmentedFile(path));
}

type Want = { unit: string; region: string; year: number; reportType: string; scope: 'department' | 'unit' | null };

const CASES: Array<[string, string, Want]> = [
  ['the cover title, not the 江苏省财政厅 that approved it', 'ae86jack_江苏省委办公厅2017年部门预算_8b050b56.pdf',
    { unit: '江苏省委办公厅', region: '江苏省', year: 2017, reportType: 'budget', scope: 'unit' }],
  ['the cover title, not 各省市自治区党委 from a sentence; 本级 only stated', 'ae86jack_江苏省委办公厅2018年度部门预算公开文件_b79741e9.pdf',
    { unit: '江苏省委办公厅', region: '江苏省', year: 2018, reportType: 'budget', scope: 'unit' }],
  ['tables only: unit from 部门：X 单位：万元, year and type from the table titles', 'ae86jack_江苏省委办公厅2019年度部门预算公开表格_0e114b47.pdf',
    { unit: '中共江苏省委办公厅', region: '江苏省', year: 2019, reportType: 'budget', scope: null }],
  ['a 单位预算 whose unit only its 预算单位 line names', 'calinchow-del_2026年上海市商务局_部门预算_e259e5ad.pdf',
    { unit: '上海钻石宝玉石交易联合管理办公室', region: '上海市', year: 2026, reportType: 'budget', scope: 'unit' }],
  ['the subordinate unit the 预算单位 line names, not its 局', 'calinchow-del_2026年上海市应急管理局_部门预算_663ac9f2.pdf',
    { unit: '上海市应急管理局执法总队', region: '上海市', year: 2026, reportType: 'budget', scope: 'unit' }],
  ['a name jieba splits (社会/保障局) kept whole', 'calinchow-del_2026年北京市人力资源和社会保障局部门预算_f4fc3823.pdf',
    { unit: '北京市人力资源和社会保障局', region: '北京市', year: 2026, reportType: 'budget', scope: 'department' }],
  ['a long official name, and a year written 2026部门预算 without 年', 'calinchow-del_2026年北京市人民政府国有资产监督管理委员会部门预算_b3d20c6f.pdf',
    { unit: '北京市人民政府国有资产监督管理委员会', region: '北京市', year: 2026, reportType: 'budget', scope: 'unit' }],
  ['a cover on two lines, not the 通州交通管理支队 of a sentence', 'calinchow-del_2026年北京市公安局交通管理局部门预算_80d7c275.pdf',
    { unit: '北京市公安局交通管理局', region: '北京市', year: 2026, reportType: 'budget', scope: 'department' }],
  ['部门预算 not glued to the name (广州市科学技术局部)', 'calinchow-del_2026年广州市科学技术局部门预算_972f067b.pdf',
    { unit: '广州市科学技术局', region: '广州市', year: 2026, reportType: 'budget', scope: 'department' }],
];

describe('document identity on real covers', () => {
  it.each(CASES)('%s', async (_why, file, want) => {
    const m = await metaOf(file);
    expect({ unit: m.unit, region: m.region, year: m.year, reportType: m.reportType, scope: m.scope }).toEqual(want);
  }, 60_000);

  it('lists the units a department names as its own (下属2个预算单位，分别是…)', async () => {
    const m = await metaOf('calinchow-del_2026年广州市科学技术局部门预算_972f067b.pdf');
    expect(m.consolidates).toEqual(['广州市科学技术发展战略研究院', '广州市科技项目评审中心']);
  }, 60_000);
});
