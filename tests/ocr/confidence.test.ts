// OCR confidence from the recogniser to the analyst: characters read from a damaged scan come out
// with low confidence on their runs; a value whose source has low confidence is marked in the CSV/XLSX
// tables, the JSON export and the review page; a failed check resting on it says the digit may be misread.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../parsers/index.ts';
import { openForRendering, renderPage } from '../../parsers/ocr/render.ts';
import { deskew } from '../../parsers/ocr/image.ts';
import { recogniser } from '../../parsers/ocr/index.ts';
import { boxesToRuns } from '../../parsers/ocr/runs.ts';
import { segment } from '../../pipeline/segment/index.ts';
import { storeParsed } from '../../pipeline/ingest/index.ts';
import { openSqlite } from '../../pipeline/store/sqlite.ts';
import { loadTables } from '../../pipeline/export/tables.ts';
import { exportDocuments } from '../../pipeline/export/json.ts';
import { renderReport } from '../../pipeline/report/html.ts';
import { noteLowConfidence } from '../../pipeline/check/ocr.ts';
import { LOW_CONFIDENCE } from '../../schemas/confidence.ts';
import type { Flag } from '../../schemas/records.ts';
import { FIXTURES, tempDir } from '../helpers.ts';

const SCAN = join(FIXTURES, 'scanned', 'suixi-p4-scan.pdf');

describe('OCR confidence', () => {
  it('a clean scan reads with high confidence; the same page with heavy damage gives low-confidence runs', async () => {
    const drawn = await openForRendering(new Uint8Array(readFileSync(SCAN)));
    const { image } = deskew(await renderPage(drawn, 1, 150 / 72));
    await drawn.destroy();
    const engine = await recogniser();
    const clean = boxesToRuns(await engine.read(image), 150 / 72);
    const sure = clean.filter((r) => r.confidence! >= LOW_CONFIDENCE).length;
    expect(sure / clean.length).toBeGreaterThan(0.8);
    // the top third of the page faded and spattered, as a bad photocopy
    const damaged = { ...image, data: image.data.slice() };
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < (damaged.width * damaged.height) / 3; i++) {
      const v = 255 - (255 - damaged.data[i]) * 0.5;
      damaged.data[i] = rnd() < 0.05 ? (rnd() < 0.5 ? 0 : 255) : v;
    }
    const runs = boxesToRuns(await engine.read(damaged), 150 / 72);
    expect(runs.every((r) => r.confidence! >= 0 && r.confidence! <= 1)).toBe(true);
    const top = runs.filter((r) => r.y < 842 / 3);
    expect(top.length).toBeGreaterThan(3);
    expect(top.filter((r) => r.confidence! < LOW_CONFIDENCE).length).toBeGreaterThan(top.length / 3);
  });

  it('a value read with low confidence is marked in the exports and the review page', async () => {
    const parsed = await parseFile(SCAN, new Uint8Array(readFileSync(SCAN)));
    const db = openSqlite(join(tempDir(), 'conf.sqlite'));
    const outcome = await storeParsed(db, SCAN, segment(parsed));
    expect(outcome.status).toBe('imported');
    expect(outcome.status === 'imported' && outcome.ocrPages).toBe(1);
    // the document score 75.06 given the confidence a misread digit would have (the PDF builders
    // carry the runs' confidence into provenance; here one value is set so both sides are seen)
    const row = (await db.get<{ id: number; source: string }>('SELECT id, source FROM scores WHERE value = 75.06'))!;
    await db.run('UPDATE scores SET source = ? WHERE id = ?', [JSON.stringify({ ...JSON.parse(row.source), confidence: 0.62 }), row.id]);
    const scores = (await loadTables(db)).tables.find((t) => t.name === 'scores')!;
    const marked = scores.rows.find((r) => r.value === 75.06)!;
    expect(marked.low_confidence).toBe('是');
    expect(marked.ocr_confidence).toBe(0.62);
    expect(scores.rows.filter((r) => r.value !== 75.06).every((r) => r.low_confidence == null)).toBe(true);
    const json = (await exportDocuments(db))[0].scores.find((s) => s.value === 75.06) as Record<string, unknown>;
    expect(json.lowConfidence).toBe(true);
    expect(await renderReport(db)).toContain('OCR低置信 0.62');
    await db.close();
  });

  it('a failed check resting on a low-confidence OCR value says the digit may be misread', () => {
    const flag = (confidence?: number): Flag => ({
      category: 'arithmetic', rule: 'test', severity: 'error', message: '合计与各项之和不符', formula: null, stated: 1, computed: 2, tolerance: 0,
      evidence: [{ text: '合计 1122179.48', file: 'x.pdf', section: '', source: { file: 'x.pdf', page: 2, ...(confidence != null ? { confidence } : {}) } }],
    });
    const [low, sure, text] = noteLowConfidence([flag(0.55), flag(0.99), flag()]);
    expect(low.message).toMatch(/第2页“合计 1122179.48”（置信度0.55）由OCR识别且置信度低：可能是扫描件数字误读/);
    expect(sure.message).toBe('合计与各项之和不符');
    expect(text.message).toBe('合计与各项之和不符');
  });
});
