// Page selection on real text layers: a PDF whose fonts have no ToUnicode map reads as garbage and
// goes to OCR; the text pages of real reports stay as they are; an image-only page is an image page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPdf } from '../../parsers/pdf/load.ts';
import { toRuns } from '../../parsers/pdf/runs.ts';
import { isGarbled, ocrReason, textQuality } from '../../parsers/ocr/select.ts';
import { pageDrawing } from '../../parsers/ocr/images.ts';
import { FIXTURES, corpusFile } from '../helpers.ts';

const SCANNED = join(FIXTURES, 'scanned');

async function page(path: string, n: number) {
  const doc = await openPdf(path, new Uint8Array(readFileSync(path)));
  const p = await doc.getPage(n);
  const vp = p.getViewport({ scale: 1 });
  const text = toRuns((await p.getTextContent()).items, vp.transform as number[]).map((r) => r.str).join('');
  const drawing = pageDrawing(await p.getOperatorList(), vp.transform as number[], vp.width, vp.height);
  await doc.destroy();
  return { text, ...drawing };
}

describe('which pages need OCR', () => {
  it('a text layer from fonts without ToUnicode is garbled and is OCR\'d', async () => {
    const p = await page(join(SCANNED, 'garbled-no-tounicode.pdf'), 1);
    expect(p.text.length).toBeGreaterThan(100); // there is a text layer…
    expect(p.text).not.toContain('农田'); // …but not the words the page shows
    expect(isGarbled(textQuality(p.text))).toBe(true);
    expect(ocrReason(p)).toBe('garbled');
  });

  it('the text pages of real reports keep their text layer', async () => {
    for (const stem of ['xihu-2022-dept-self-eval', 'suixi-2022-verification']) {
      for (const n of [1, 4]) {
        const p = await page(corpusFile('pdf', stem), n);
        expect(ocrReason(p), `${stem} p${n}`).toBeNull();
      }
    }
  });

  it('an image-only page has no text and a full-page image; the text page of a mixed PDF has text', async () => {
    const scan = await page(join(SCANNED, 'xuwen-p5-text-p6-scan.pdf'), 2);
    expect(scan.text).toBe('');
    expect(scan.imageCover).toBeGreaterThan(0.95);
    expect(ocrReason(scan)).toBe('no-text');
    const text = await page(join(SCANNED, 'xuwen-p5-text-p6-scan.pdf'), 1);
    expect(ocrReason(text)).toBeNull();
  });

  it('a few characters over a full-page image is a scan; over a blank page, nothing to read', () => {
    expect(ocrReason({ text: '第 3 页', imageCover: 0.98, paths: 0 })).toBe('image-page');
    expect(ocrReason({ text: '第 3 页', imageCover: 0, paths: 0 })).toBeNull();
    expect(ocrReason({ text: '', imageCover: 0, paths: 0 })).toBeNull();
  });

  it('private-use code points and Latin non-words mark a text layer that is not text', () => {
    expect(isGarbled(textQuality('\uE001\uE002\uE003部门\uE004\uE005整体\uE006\uE007支出\uE008\uE009绩效'))).toBe(true);
    expect(isGarbled(textQuality('gJlQ xZvKp QwRtz bNmMk HhJjK pLkQz'))).toBe(true);
    expect(isGarbled(textQuality('2023年度部门整体支出绩效自评报告，GDP增长5%，PPP项目3个。'))).toBe(false);
  });
});
