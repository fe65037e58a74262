// Organisation names in prose, where jieba's words do not end where names do.
import { describe, expect, it } from 'vitest';
import { findOrganisations } from '../../pipeline/lexicon/organisations.ts';
import { cleanName } from '../../pipeline/extract/identity/names.ts';
import { unitInTitle } from '../../pipeline/extract/identity/cover.ts';
import { labelledNames } from '../../pipeline/extract/identity/labels.ts';

const names = (text: string) => findOrganisations(text).map((o) => o.name);

describe('organisation names', () => {
  it('does not glue the 部 of 部门预算 to the name', () => {
    expect(names('2026年广州市科学技术局部门预算')).toEqual(['广州市科学技术局']);
  });

  it('reads past a common word that ends like an organisation (社会/保障局)', () => {
    expect(names('北京市人力资源和社会保障局2026年部门预算')).toEqual(['北京市人力资源和社会保障局']);
  });

  it('takes no collective of places for a place (各省市自治区党委, 省区市党委)', () => {
    expect(names('报送各省市自治区党委和省区市党委办公厅')).toEqual([]);
  });

  it('reads a title between its year and type words, keeping long official names', () => {
    expect(unitInTitle('北京市人民政府国有资产监督管理委员会2026部门预算情况的说明')).toBe('北京市人民政府国有资产监督管理委员会');
    expect(unitInTitle('北京市统计局部门2026年度部门预算信息公开')).toBe('北京市统计局');
    expect(unitInTitle('2018年度江苏省高级人民法院预算公开')).toBe('江苏省高级人民法院');
    expect(unitInTitle('上海市2026年市级单位预算')).toBeNull();
  });

  it('reads labelled values up to the money unit beside them, ranking 单位 labels over 部门 labels', () => {
    expect(labelledNames('部门：中共江苏省委办公厅 单位：万元')).toEqual([{ name: '中共江苏省委办公厅', label: '部门', rank: 1 }]);
    expect(labelledNames('预算单位：上海市应急管理局执法总队')[0]).toMatchObject({ name: '上海市应急管理局执法总队', rank: 2 });
  });

  it('refuses placeholders and sentence phrases as names', () => {
    expect(cleanName('上海市普陀区XX单位')).toBeNull();
    expect(cleanName('经江苏省财政厅批复')).toBeNull();
    expect(cleanName('上海市普陀区人民政府万里街道办事处')).toBe('上海市普陀区人民政府万里街道办事处');
  });
});
