import { describe, expect, it } from 'vitest';
import { matchNumberedHeading, matchPlainHeading } from '../../pipeline/segment/headings.ts';
import { segmentedText, STEMS } from '../helpers.ts';

const titles = (stem: string) => segmentedText(stem).sections;

describe('heading recognition', () => {
  it('reads every numbering style', () => {
    expect(matchNumberedHeading('第一部分 部门概况')).toMatchObject({ style: 'part', number: '第一部分', title: '部门概况' });
    expect(matchNumberedHeading('一、单位基本情况')).toMatchObject({ style: 'cn', title: '单位基本情况' });
    expect(matchNumberedHeading('(二) 部门人员编制情况')).toMatchObject({ style: 'paren-cn', number: '(二)' });
    expect(matchNumberedHeading('1.绩效目标申报情况。2023年绩效申报目标13个')).toMatchObject({ style: 'arabic', title: '绩效目标申报情况', rest: '2023年绩效申报目标13个' });
    expect(matchNumberedHeading('1、单位主要职责')).toMatchObject({ style: 'arabic' });
    expect(matchNumberedHeading('（1）预算编制合理性')).toMatchObject({ style: 'paren-arabic' });
    expect(matchNumberedHeading('①项目决策')).toMatchObject({ style: 'circled' });
  });

  it('splits a heading from its paragraph on the same line', () => {
    expect(matchNumberedHeading('（一）单位情况。徐闻县医疗保障局是…')).toMatchObject({ title: '单位情况', rest: '徐闻县医疗保障局是…' });
  });

  it('does not take numbered sentences and amounts for headings', () => {
    expect(matchNumberedHeading('（一）拟定医疗保险、生育保险、医疗救助等医疗保障措施，拟定本县医疗保障事业发展规划')).toBeNull();
    expect(matchNumberedHeading('1.5万元用于培训')).toBeNull();
    expect(matchNumberedHeading('3.公务接待费支出0万元')).toBeNull();
  });

  it('recognises unnumbered headings', () => {
    expect(matchPlainHeading('人员情况。')).toMatchObject({ style: 'plain', title: '人员情况' });
    expect(matchPlainHeading('徐闻县医疗保障局行政编制7名，后勤服务人员1名')).toBeNull();
  });
});

describe('section trees of the corpus reports', () => {
  it.each(STEMS)('%s: every section has a path and the tree is consistent', (stem) => {
    const doc = segmentedText(stem);
    expect(doc.sections.length).toBeGreaterThan(10);
    for (const s of doc.sections) {
      if (s.parentId == null) expect(s.depth).toBe(0);
      else {
        const parent = doc.sections[s.parentId];
        expect(s.depth).toBe(parent.depth + 1);
        expect(s.path.startsWith(parent.path + ' / ')).toBe(true);
      }
    }
    expect(doc.blockSection.length).toBe(doc.blocks.length);
  });

  it('xuwen: title, 一、 → （一） → 1. nesting and unnumbered headings', () => {
    const s = titles('xuwen-2023-dept-self-eval');
    expect(s[0]).toMatchObject({ style: 'title', title: '徐闻县医疗保障局部门整体支出绩效自评报告' });
    expect(s.find((x) => x.title === '人员情况')?.path).toBe('徐闻县医疗保障局部门整体支出绩效自评报告 / 一、单位基本情况 / （一）单位情况 / 人员情况');
    expect(s.find((x) => x.title === '1.整体支出完成率')?.path).toContain('四、预算支出管理情况 / （一）支出管理情况');
    expect(s.filter((x) => x.style === 'cn').map((x) => x.title)).toEqual([
      '一、单位基本情况', '二、自评工作情况', '三、预算编制情况', '四、预算支出管理情况', '五、预算管理情况', '六、整体绩效',
    ]);
  });

  it('suixi: four levels down to （1）', () => {
    const s = titles('suixi-2022-verification');
    expect(s.find((x) => x.title === '（3）预算编制准确性')?.path).toBe(
      '关于2022年度遂溪县医疗保障局部门整体支出绩效自评核查报告 / 四、绩效指标分析 / （一）预算编制情况 / 1.预算编制 / （3）预算编制准确性');
  });

  it('emeishan: 第X部分 parts and reports appended inside one file restart the tree', () => {
    const s = titles('emeishan-2023-final-accounts');
    expect(s[0]).toMatchObject({ style: 'part', title: '第一部分部门概况' });
    const evalReport = s.find((x) => x.style === 'title' && x.title === '部门整体支出绩效评价报告')!;
    expect(evalReport.depth).toBe(0);
    expect(s.some((x) => x.parentId === evalReport.id && x.title === '一、部门（单位）概况')).toBe(true);
  });

  it('wuchuan: a repeated （三） is a sibling, not a child', () => {
    const s = titles('wuchuan-2025-dept-self-eval');
    const threes = s.filter((x) => x.number === '（三）' && x.title.startsWith('（三）自评材料'));
    expect(threes).toHaveLength(2);
    expect(threes[0].parentId).toBe(threes[1].parentId);
  });
});
