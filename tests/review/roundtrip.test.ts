// Export, edit two values and dismiss one flag in the CSV, import the corrections, export again:
// the changes are there, the originals kept, and re-importing the reports keeps them.
import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../pipeline/store/db.ts';
import { openStore } from '../../pipeline/store/open.ts';
import { decodeCsv, parseCsv } from '../../pipeline/export/csv.ts';
import { addTestFlags, cli, corpusDatabase, importCorpus } from '../export/setup.ts';

let env: Awaited<ReturnType<typeof corpusDatabase>>;

const read = (path: string) => parseCsv(decodeCsv(readFileSync(path)));
const objects = (rows: string[][]) => rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [h, r[i] ?? ''])));
/** Writes the CSV back the way a spreadsheet would: quoting only where needed, CRLF, with BOM. */
function write(path: string, rows: string[][]) {
  const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  writeFileSync(path, '\uFEFF' + rows.map((r) => r.map(q).join(',')).join('\r\n') + '\r\n');
}
function edit(path: string, match: (row: Record<string, string>) => boolean, set: Record<string, string>) {
  const rows = read(path);
  const head = rows[0];
  let n = 0;
  for (const r of rows.slice(1)) {
    const o = Object.fromEntries(head.map((h, i) => [h, r[i] ?? '']));
    if (!match(o)) continue;
    for (const [k, v] of Object.entries(set)) r[head.indexOf(k)] = v;
    n++;
  }
  expect(n).toBe(1);
  write(path, rows);
}

let second: { figures: Record<string, string>[]; flags: Record<string, string>[]; scores: Record<string, string>[] };
let otherFigure: Record<string, string>;
let scoreRow: Record<string, string>;

function exportCsv(dir: string) {
  const r = cli(['export', '--db', env.path, '--format', 'csv', '--out', dir]);
  expect(r.status, r.stderr).toBe(0);
  return {
    figures: objects(read(join(dir, 'figures.csv'))), flags: objects(read(join(dir, 'flags.csv'))), scores: objects(read(join(dir, 'scores.csv'))),
  };
}

beforeAll(async () => {
  env = await corpusDatabase('jixiao-review-');
  const dir = join(env.dir, 'first');
  const first = exportCsv(dir);
  otherFigure = first.figures.find((f) => f['文件'].startsWith('wuchuan') && f['金额（元）'] !== '')!;
  scoreRow = first.scores.find((s) => s['得分'] !== '')!;
  // two values corrected (one written in 万元), one flag dismissed
  edit(join(dir, 'figures.csv'), (f) => f['编号'] === String(env.figureId), { 更正值: '380.00万元', 理由: '原文为380.00万元，识别有误' });
  edit(join(dir, 'figures.csv'), (f) => f['编号'] === otherFigure['编号'], { 更正值: '12345', 处理: '更正' });
  edit(join(dir, 'flags.csv'), (f) => f['编号'] === String(env.flagIds[0]), { 处理: '驳回', 理由: '两处口径不同' });
  const r = cli(['review', 'import', join(dir, 'figures.csv'), join(dir, 'flags.csv'), '--db', env.path, '--by', '李分析']);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain('2 value(s) corrected');
  expect(r.stdout).toContain('1 flag decision(s)');
  // importing the same files again changes nothing
  const again = cli(['review', 'import', join(dir, 'figures.csv'), join(dir, 'flags.csv'), '--db', env.path, '--by', '李分析']);
  expect(again.stdout).toContain('0 value(s) corrected');
  expect(again.stdout).toMatch(/2 unchanged/);
  second = exportCsv(join(env.dir, 'second'));
});

describe('corrections round-trip', () => {
  it('applies the corrected values and keeps the originals beside them', () => {
    const f = second.figures.find((x) => x['编号'] === String(env.figureId))!;
    expect(f['金额（元）']).toBe('3800000');
    expect(Number(f['原值'])).not.toBe(3800000);
    expect(f['已更正为']).toBe('3800000');
    expect(f['更正人']).toBe('李分析');
    expect(f['更正时间']).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(f['更正理由']).toBe('原文为380.00万元，识别有误');
    const g = second.figures.find((x) => x['编号'] === otherFigure['编号'])!;
    expect(g['金额（元）']).toBe('12345');
    expect(g['原值']).toBe(otherFigure['金额（元）']);
    expect(g['更正值']).toBe(''); // input columns are empty again in every export
  });

  it('marks the dismissed flag with who, when and why', () => {
    const f = second.flags.find((x) => x['编号'] === String(env.flagIds[0]))!;
    expect(f['状态']).toBe('dismissed');
    expect(f['审核人']).toBe('李分析');
    expect(f['审核理由']).toBe('两处口径不同');
    expect(second.flags.find((x) => x['编号'] === String(env.flagIds[1]))!['状态']).toBe('open');
  });

  it('shows corrections in the JSON export without changing its shape', () => {
    const out = join(env.dir, 'export.json');
    expect(cli(['export', '--db', env.path, '--format', 'json', '--out', out]).status).toBe(0);
    const d = JSON.parse(readFileSync(out, 'utf8')).documents.find((x: any) => x.file.startsWith('xihu'));
    const f = d.figures.find((x: any) => x.id === env.figureId);
    expect(f.valueYuan).toBe(3800000);
    expect(f.corrections[0]).toMatchObject({ field: 'valueYuan', valueCorrected: 3800000, correctedBy: '李分析' });
    expect(f.corrections[0].valueOriginal).not.toBe(3800000);
    expect(d.flags.find((x: any) => x.id === env.flagIds[0]).status).toBe('dismissed');
  });

  it('survives importing the same reports again, and deleting and re-importing them', async () => {
    importCorpus(env.path); // same bytes: skipped, the checks may run again
    let store = await openStore(env.path);
    await addTestFlags(store); // the checks raise the same flags again, with new ids
    await store.close();
    let again = exportCsv(join(env.dir, 'third'));
    let fig = again.figures.find((x) => x['指标键'] === 'expenditure.basic' && x['文件'].startsWith('xihu') && x['更正人'] === '李分析');
    expect(fig?.['金额（元）']).toBe('3800000');
    expect(again.flags.find((x) => x['规则'] === 'test.figure-conflict')!['状态']).toBe('dismissed');

    const db = openDatabase(env.path);
    db.prepare('DELETE FROM documents').run();
    db.close();
    importCorpus(env.path);
    store = await openStore(env.path);
    await addTestFlags(store);
    await store.close();
    again = exportCsv(join(env.dir, 'fourth'));
    fig = again.figures.find((x) => x['指标键'] === 'expenditure.basic' && x['文件'].startsWith('xihu') && x['更正人'] === '李分析');
    expect(fig?.['金额（元）']).toBe('3800000');
    expect(again.figures.find((x) => x['记录键'] === otherFigure['记录键'])!['金额（元）']).toBe('12345');
    const flag = again.flags.find((x) => x['规则'] === 'test.figure-conflict')!;
    expect(flag['状态']).toBe('dismissed');
  });
});

describe('review commands', () => {
  it('confirm, dismiss (reason required), correct a score by field, revert, list and log', () => {
    const db = openDatabase(env.path);
    const flag = db.prepare("SELECT id FROM flags WHERE rule = 'test.indicator-target'").get() as { id: number };
    const score = db.prepare('SELECT s.id, s.value FROM scores s WHERE s.value IS NOT NULL ORDER BY id LIMIT 1').get() as { id: number; value: number };
    db.close();
    expect(cli(['review', 'dismiss', String(flag.id), '--db', env.path]).status).toBe(2);
    const c = cli(['review', 'confirm', String(flag.id), '--db', env.path, '--by', '王审核']);
    expect(c.status, c.stderr).toBe(0);
    expect(c.stdout).toContain('confirmed');
    const k = cli(['review', 'correct', 'score', String(score.id), '88.5', '--field', '得分', '--reason', '合计复核', '--db', env.path]);
    expect(k.status, k.stderr).toBe(0);
    expect(k.stdout).toContain('→ 88.5');
    expect(cli(['review', 'correct', 'score', String(score.id), 'abc', '--db', env.path]).status).toBe(1);
    const list = cli(['review', 'list', '--db', env.path]);
    expect(list.stdout).toContain('88.5');
    expect(list.stdout).toContain('王审核');
    const scores = exportCsv(join(env.dir, 'fifth')).scores;
    expect(scores.find((s) => s['编号'] === String(score.id))!['得分']).toBe('88.5');
    expect(cli(['review', 'revert', 'score', String(score.id), '--db', env.path]).stdout).toContain('1 correction(s) removed');
    const log = cli(['review', 'log', '--db', env.path]).stdout;
    for (const a of ['correct', 'revert', 'confirm', 'dismiss']) expect(log).toContain(`  ${a}  `);
  });

  it('rejects a corrections file with a bad row and stores nothing from it', () => {
    const dir = join(env.dir, 'bad');
    exportCsv(dir);
    const path = join(dir, 'figures.csv');
    const rows = read(path);
    const h = rows[0];
    rows[1][h.indexOf('更正值')] = '999';
    rows[2][h.indexOf('更正值')] = '不是数字';
    write(path, rows);
    const r = cli(['review', 'import', path, '--db', env.path]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/figures\.csv:3: .*not an amount/);
    const after = objects(read(join(dir, 'figures.csv')));
    expect(after[0]['已更正为']).not.toBe('999');
    const again = exportCsv(join(env.dir, 'sixth')).figures.find((x) => x['记录键'] === after[0]['记录键'] && x['SHA256'] === after[0]['SHA256'])!;
    expect(again['金额（元）']).not.toBe('999');
  });

  it('reads a corrections file saved by a spreadsheet in GB18030 with semicolons', async () => {
    const dir = join(env.dir, 'gbk');
    const { figures } = exportCsv(dir);
    const target = figures.find((f) => f['文件'].startsWith('suixi') && f['更正人'] === '')!;
    const iconv = (await import('iconv-lite')).default;
    const text = ['SHA256;记录键;更正值;理由', `${target['SHA256']};${target['记录键']};1,234.50;表格另存为`].join('\r\n');
    // no 阶段 column: the table is named in a 表 column
    const withTable = text.replace('SHA256;', '表;SHA256;').replace(`\r\n${target['SHA256']}`, `\r\n金额;${target['SHA256']}`);
    writeFileSync(join(dir, 'gbk.csv'), iconv.encode(withTable, 'gb18030'));
    const r = cli(['review', 'import', join(dir, 'gbk.csv'), '--db', env.path]);
    expect(r.status, r.stderr).toBe(0);
    const again = exportCsv(join(env.dir, 'seventh')).figures.find((x) => x['记录键'] === target['记录键'] && x['SHA256'] === target['SHA256'])!;
    expect(again['金额（元）']).toBe('1234.5');
    expect(again['更正理由']).toBe('表格另存为');
  });
});
