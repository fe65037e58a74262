// Scope and consolidated units, read from what each real document states about its own composition.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractMeta } from '../../pipeline/extract/meta.ts';
import { FIXTURES, segmentedFile } from '../helpers.ts';

const metaOf = async (file: string) => {
  const path = join(FIXTURES, 'wild', 'docs', file);
  return extractMeta(await segmentedFile(path));
};

describe('scope and consolidated units', () => {
  it('a 部门决算 whose units are a 单位名称 table after 纳入…编制范围的单位包括：', async () => {
    const m = await metaOf('zxj6827111-blip_上海市普陀区规划和自然资源局_2024_年度部门决算_fa222afc.pdf');
    expect(m.scope).toBe('department');
    expect(m.consolidates).toHaveLength(5);
    expect(m.consolidates).toContain('上海市普陀区土地发展中心');
  }, 60_000);

  it('a 部门预算 of one unit: 预算单位共计一家，具体包括：…本级', async () => {
    const m = await metaOf('ae86jack_省人大办公厅2018预算公开_ac3b6bb6.pdf');
    expect({ scope: m.scope, consolidates: m.consolidates }).toEqual({ scope: 'unit', consolidates: ['江苏省人大常委会办公厅部门本级'] });
  }, 60_000);

  it('a 单位预算 titled so is one unit, though it is its 局 (上海市审计局)', async () => {
    const m = await metaOf('calinchow-del_2026年上海市审计局_部门预算_3363c27c.pdf');
    expect({ unit: m.unit, scope: m.scope }).toEqual({ unit: '上海市审计局', scope: 'unit' });
  }, 60_000);

  it('a 汇总预算 lists its subordinate units after 下属单位具体包括：', async () => {
    const m = await metaOf('calinchow-del_2026年广州市应急管理局部门预算_9a1eb357.pdf');
    expect(m.scope).toBe('department');
    expect(m.consolidates).toEqual(['广州市安全生产应急救援指挥中心', '广州市地震局', '广州市地震监测中心']);
  }, 60_000);
});
