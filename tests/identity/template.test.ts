// A blank template (预算单位：上海市普陀区XX单位, XXX万元 throughout) is refused by name, not imported as a report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../parsers/index.ts';
import { guardDocument, placeholderUnits } from '../../pipeline/ingest/guard.ts';
import { DEFAULT_LIMITS } from '../../pipeline/ingest/limits.ts';
import { FIXTURES } from '../helpers.ts';

const DOCS = join(FIXTURES, 'wild', 'docs');
const parse = async (file: string) => { const p = join(DOCS, file); return parseFile(p, new Uint8Array(readFileSync(p))); };

describe('the not-a-report guard and templates', () => {
  it('refuses the blank XLSX template, naming the placeholder', async () => {
    const doc = await parse('zxj6827111-blip_unit_budget_template_e8dd0012.xlsx');
    expect(() => guardDocument(doc, DEFAULT_LIMITS)).toThrow(/template.*placeholder.*上海市普陀区XX单位/);
  });

  it('lets a real 单位预算 with the same layout through', async () => {
    const doc = await parse('calinchow-del_2026年上海市应急管理局_部门预算_663ac9f2.pdf');
    expect(() => guardDocument(doc, DEFAULT_LIMITS)).not.toThrow();
  });

  it('calls a document a template only when every labelled unit is a placeholder', () => {
    expect(placeholderUnits('预算单位：上海市普陀区XX单位\n（一）因公出国（境）费XXX万元')).toBe('上海市普陀区XX单位');
    expect(placeholderUnits('单位名称：××局\t单位：万元')).toBe('××局');
    expect(placeholderUnits('预算单位：上海市普陀区司法局\n填报单位：XX')).toBeNull();
    expect(placeholderUnits('本单位共有车辆XX辆')).toBeNull();
  });
});
