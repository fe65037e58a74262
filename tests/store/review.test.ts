// The analyst's review on both stores: a correction (a number, then a text, kept as the same type),
// a flag decision, the log, and the export showing both; undoing them.
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../pipeline/ingest/index.ts';
import { exportDocuments } from '../../pipeline/export/json.ts';
import { correct, decideFlag, locateById, locateFlagById, revert } from '../../pipeline/review/index.ts';
import { loadCorrections, loadReviewLog } from '../../pipeline/store/corrections.ts';
import { replaceFlags } from '../../pipeline/store/write.ts';
import { corpusFile } from '../helpers.ts';
import { openFresh, STORES } from '../stores.ts';

describe.each(STORES)('review on the $name store', (kind) => {
  it('stores corrections and flag decisions, exports them, and undoes them', async () => {
    const { db } = await openFresh(kind);
    await importPaths(db, [corpusFile('txt', 'xihu-2022-dept-self-eval')], { jobs: 0 });
    const figure = (await db.get<{ id: number; value_yuan: number }>('SELECT id, value_yuan FROM figures ORDER BY id LIMIT 1'))!;
    const indicator = (await db.get<{ id: number }>('SELECT id FROM indicators ORDER BY id LIMIT 1'))!;
    const doc = (await db.get<{ id: number; file: string }>('SELECT id, file FROM documents'))!;
    await replaceFlags(db, doc.id, 'across', [{ category: 'conflict', rule: 'test.review', severity: 'warning', message: '测试标记', formula: null,
      stated: 1, computed: 2, tolerance: 0, evidence: [{ text: '测试', file: doc.file, section: '', source: { file: doc.file, line: 1 } }] }]);
    const flag = (await db.get<{ id: number }>("SELECT id FROM flags WHERE rule = 'test.review'"))!;

    const at = await locateById(db, 'figure', figure.id);
    expect(await correct(db, at, { field: 'value_yuan', value: '123.45万元', reason: '核对原文', by: '李分析', at: '2026-01-02T00:00:00.000Z' })).not.toBeNull();
    const ind = await locateById(db, 'indicator', indicator.id);
    expect(await correct(db, ind, { field: 'actual', value: '已完成', by: '李分析', at: '2026-01-02T00:00:00.000Z' })).not.toBeNull();
    expect(await decideFlag(db, await locateFlagById(db, flag.id), 'dismissed', '误报', '王审核', '2026-01-03T00:00:00.000Z')).toBe(true);

    const corrections = await loadCorrections(db);
    expect(corrections.find((c) => c.field === 'value_yuan')).toMatchObject({ value_original: figure.value_yuan, value_corrected: 1234500, corrected_by: '李分析' });
    expect(corrections.find((c) => c.field === 'actual')).toMatchObject({ value_corrected: '已完成' });
    expect((await loadReviewLog(db)).map((e) => [e.action, e.by, e.value])).toEqual([
      ['correct', '李分析', 1234500], ['correct', '李分析', '已完成'], ['dismiss', '王审核', null],
    ]);
    const [exported] = await exportDocuments(db);
    expect(exported.figures.find((f: any) => f.id === figure.id)).toMatchObject({ valueYuan: 1234500, corrections: [{ field: 'valueYuan', valueOriginal: figure.value_yuan, valueCorrected: 1234500 }] });
    expect(exported.flags.find((f) => f.id === flag.id)).toMatchObject({ status: 'dismissed', review: { reason: '误报', reviewedBy: '王审核' } });

    expect(await revert(db, at, null, '李分析')).toBe(1);
    expect(await decideFlag(db, await locateFlagById(db, flag.id), 'open', null, '王审核')).toBe(true);
    const [after] = await exportDocuments(db);
    expect(after.figures.find((f: any) => f.id === figure.id)).toMatchObject({ valueYuan: figure.value_yuan });
    expect(after.flags.find((f) => f.id === flag.id)).toMatchObject({ status: 'open' });
    await db.close();
  });
});
