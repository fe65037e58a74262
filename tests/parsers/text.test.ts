import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { parseText } from '../../parsers/text/index.ts';
import type { Table } from '../../schemas/document.ts';
import { corpusFile, REAL } from '../helpers.ts';

const tables = (stem: string) => {
  const path = corpusFile('txt', stem);
  return parseText(path, readFileSync(path)).blocks.filter((b): b is Table => b.kind === 'table');
};

describe('text parser: table shapes in real extractions', () => {
  it('rebuilds a one-cell-per-line table with blank lines between rows (xuwen 固定资产利用情况表)', () => {
    const [t] = tables('xuwen-2023-dept-self-eval');
    expect(t.rows[0].map((c) => c.text)).toEqual(['项目名称', '数量', '金额', '在用资产', '闲置资产']);
    expect(t.rows.at(-1)!.map((c) => c.text)).toEqual(['合计', '205', '1122179.48', '1122179.48', '100%', '0', '0']);
    // the second header row starts with three empty cells: merged from the row above
    expect(t.rows[1].slice(0, 3).map((c) => c.text)).toEqual(['', '', '']);
    expect(t.rowSources![0].line).toBeGreaterThan(90);
  });

  it('keeps empty cells of merged hierarchy columns (xihu 绩效目标表)', () => {
    const all = tables('xihu-2022-dept-self-eval');
    expect(all.length).toBe(3);
    const row = all[0].rows.find((r) => r.some((c) => c.text === '=3次'))!;
    expect(row.map((c) => c.text)).toEqual(['', '', '组织专业队伍开展专项稽核工作人员安排人数', '=3次']);
  });

  it('reads tab-separated OCR rows and cleans LaTeX fragments (suixi)', () => {
    const all = tables('suixi-2022-verification');
    const result = all.find((t) => t.rows[0].map((c) => c.text).join('|') === '序号|评价内容|分值|评价得分|得分率')!;
    expect(result.rows.at(-1)!.map((c) => c.text)).toEqual(['合计', '', '100', '75.06', '75.06%']);
    const text = all.flatMap((t) => t.rows.flatMap((r) => r.map((c) => c.text))).join('\n');
    expect(text).not.toMatch(/\$|\\frac|\\text/);
    expect(text).toContain('×100%');
  });

  it('drops markdown list markers (wuchuan)', () => {
    const path = corpusFile('txt', 'wuchuan-2025-dept-self-eval');
    const doc = parseText(path, readFileSync(path));
    const texts = doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(texts).toContain('1.加强医保队伍建设，保障局机关及医保中心正常运行。');
    expect(texts.some((t) => t.startsWith('- '))).toBe(false);
    expect(doc.blocks.every((b) => b.source.line! >= 1)).toBe(true);
  });

  it('reads HTML tables with spans in markdown converted from PDF', () => {
    const path = `${REAL}/awr_2021-2024年省级职业技能竞赛经费项目绩效评价报告_河南_mineru.md`;
    const doc = parseText(path, readFileSync(path));
    expect(doc.format).toBe('md');
    const t = doc.blocks.find((b): b is Table => b.kind === 'table' && b.rows[0][0].text === '项目名称')!;
    expect(t.rows[1][0]).toMatchObject({ text: '省级职业技能竞赛经费', rowSpan: 15 });
    expect(doc.blocks.some((b) => b.kind === 'paragraph' && b.styleLevel === 1)).toBe(true);
  });

  it('decodes GB18030 and UTF-16 text to the same document', () => {
    const path = corpusFile('txt', 'xuwen-2023-dept-self-eval');
    const utf8 = parseText(path, readFileSync(path));
    const source = readFileSync(path, 'utf8');
    const gbk = parseText(path, new Uint8Array(iconv.encode(source, 'gb18030')));
    const utf16 = parseText(path, new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(source, 'utf16le')])));
    expect(gbk.blocks).toEqual(utf8.blocks);
    expect(utf16.blocks).toEqual(utf8.blocks);
    expect(gbk.messages[0].text).toContain('gb18030');
  });
});
