import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { strToU8, zipSync } from 'fflate';
import { parseXlsx } from '../../parsers/xlsx/index.ts';
import { ParseError } from '../../parsers/shared/errors.ts';
import type { Block, Paragraph, Table } from '../../schemas/document.ts';

const CORPUS = new URL('../../fixtures/corpus/xlsx/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, CORPUS)));
const tables = (blocks: Block[]) => blocks.filter((b): b is Table => b.kind === 'table');
const spans = (t: Table) => t.rows.flat().filter((c) => c.rowSpan > 1 || c.colSpan > 1).length;
const find = (t: Table, text: string) => t.rows.flat().find((c) => c.text === text);

async function rule(p: Promise<unknown>): Promise<string> {
  try { await p; return 'no error'; } catch (err) { return err instanceof ParseError ? err.rule : `other: ${(err as Error).message}`; }
}

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'jixiao-xlsx-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

describe('xlsx corpus', () => {
  it('xihu: one title paragraph and one table per sheet, merges as spans', async () => {
    const doc = await parseXlsx('fixtures/xihu-2022-dept-self-eval.xlsx', read('xihu-2022-dept-self-eval.xlsx'));
    expect(doc.format).toBe('xlsx');
    expect(doc.file).toBe('xihu-2022-dept-self-eval.xlsx');
    const titles = doc.blocks.filter((b): b is Paragraph => b.kind === 'paragraph').map((b) => b.text);
    expect(titles).toEqual(['绩效目标表', '自评表（产出指标）', '自评表（效益指标）']);
    const ts = tables(doc.blocks);
    expect(ts.map((t) => t.source.sheet)).toEqual(titles);
    expect(ts.map(spans)).toEqual([16, 4, 4]);
    expect(ts[0].rows[0][0]).toEqual({ text: '2022年部门整体支出绩效目标表', rowSpan: 1, colSpan: 4 });
    expect(ts[0].source).toEqual({ file: 'xihu-2022-dept-self-eval.xlsx', sheet: '绩效目标表', range: 'A1:D51' });
    expect(find(ts[1], '产出指标')).toEqual({ text: '产出指标', rowSpan: 18, colSpan: 1 });
    expect(find(ts[1], '数量指标')).toMatchObject({ rowSpan: 6 });
    // a row under a merge leaves the covered cell out
    expect(ts[1].rows[2]).toHaveLength(3);
    expect(ts[1].rowSources![2]).toEqual({ file: 'xihu-2022-dept-self-eval.xlsx', sheet: '自评表（产出指标）', range: 'A3:E3' });
  });

  it('xihu: a target typed as "=3次" (stored as a formula with no value) keeps its text', async () => {
    const doc = await parseXlsx('fixtures/xihu-2022-dept-self-eval.xlsx', read('xihu-2022-dept-self-eval.xlsx'));
    const [goals] = tables(doc.blocks);
    const row = goals.rows.find((r) => r.some((c) => c.text === '组织专业队伍开展专项稽核工作人员安排人数'))!;
    expect(row.at(-1)!.text).toBe('=3次');
    expect(goals.rows.flat().filter((c) => c.text === '=100%').length).toBeGreaterThan(5);
  });

  it('suixi: displayed number formats, header spans, table split at empty rows', async () => {
    const doc = await parseXlsx('suixi-2022-verification.xlsx', read('suixi-2022-verification.xlsx'));
    const ts = tables(doc.blocks);
    const result = ts.filter((t) => t.source.sheet === '综合评价结果表');
    const score = ts.filter((t) => t.source.sheet === '评分表');
    expect(result.reduce((n, t) => n + spans(t), 0)).toBe(2);
    expect(score.reduce((n, t) => n + spans(t), 0)).toBe(40);
    // numeric cells come out as Excel shows them
    expect(result[0].rows[2].map((c) => c.text)).toEqual(['1', '预算编制情况', '20', '10.50', '52.50%']);
    expect(find(result[0], '合计')).toMatchObject({ colSpan: 2 });
    expect(find(score[0], '评价指标')).toMatchObject({ colSpan: 6 });
    expect(find(score[0], '预算编制情况')).toMatchObject({ rowSpan: 5 });
    // the 注 line below an empty row is a table of its own
    expect(score.length).toBe(2);
    expect(score[1].rows[0][0].text.startsWith('注')).toBe(true);
    for (const t of ts) expect(t.rowSources).toHaveLength(t.rows.length);
  });
});

// A workbook whose comment is anchored at "__proto__": xlsx 0.18.5 then writes the comment list
// to Object.prototype.c (CVE-2023-30533: sheet_insert_comments does `sheet[ref]` and `cell.c = []`).
function pollutingWorkbook(): Uint8Array {
  const rels = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const files: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/></Types>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rels}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rels}"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rels}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>指标</t></is></c><c r="B1"><v>10.5</v></c></row></sheetData></worksheet>',
    'xl/worksheets/_rels/sheet1.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rels}/comments" Target="../comments1.xml"/></Relationships>`,
    'xl/comments1.xml': '<?xml version="1.0" encoding="UTF-8"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>x</author></authors><commentList><comment ref="__proto__" authorId="0"><text><t>polluted</t></text></comment></commentList></comments>',
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

describe('xlsx security', () => {
  it('the crafted workbook pollutes Object.prototype when xlsx reads it directly (in a child process)', () => {
    const file = join(tmp, 'evil.xlsx');
    writeFileSync(file, pollutingWorkbook());
    const r = spawnSync(process.execPath, ['-e', `const X = require('xlsx'); X.read(require('fs').readFileSync(${JSON.stringify(file)})); process.stdout.write(JSON.stringify(({}).c))`], { cwd: new URL('../..', import.meta.url).pathname, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('polluted');
  });

  it('parseXlsx reads it in the worker: the main thread stays clean and the cells still come back', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const doc = await parseXlsx('evil.xlsx', pollutingWorkbook());
    expect(({} as Record<string, unknown>).c).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(Object.getOwnPropertyNames(Array.prototype)).not.toContain('c');
    // inside the worker the frozen prototypes refused the write too
    expect(doc.messages.map((m) => m.rule)).not.toContain('xlsx/prototype-pollution');
    const [t] = tables(doc.blocks);
    expect(t.rows).toEqual([[{ text: '指标', rowSpan: 1, colSpan: 1 }, { text: '10.5', rowSpan: 1, colSpan: 1 }]]);
  });

  it('terminates a read that runs past its time limit (xlsx/timeout)', async () => {
    expect(await rule(parseXlsx('slow.xlsx', read('suixi-2022-verification.xlsx'), { timeoutMs: 1 }))).toBe('xlsx/timeout');
  });

  it('refuses packages over the size cap and non-workbooks', async () => {
    const big = zipSync({ 'xl/workbook.xml': new Uint8Array(3 * 1024 * 1024) });
    expect(await rule(parseXlsx('big.xlsx', big, { maxBytes: 1024 * 1024 }))).toBe('xlsx/too-large');
    expect(await rule(parseXlsx('noise.xlsx', strToU8('a,b,c\n1,2,3\n')))).toBe('xlsx/corrupt');
    const good = read('xihu-2022-dept-self-eval.xlsx');
    expect(await rule(parseXlsx('cut.xlsx', good.subarray(0, good.length - 100)))).toBe('xlsx/corrupt');
    expect(await rule(parseXlsx('other.zip', zipSync({ 'a.txt': strToU8('x') })))).toBe('xlsx/corrupt');
  });
});
