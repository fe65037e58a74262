import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { parseDocx } from '../../parsers/docx/index.ts';
import { parseText } from '../../parsers/text/index.ts';
import { ParseError } from '../../parsers/shared/errors.ts';
import { chineseCounting, formatNumber } from '../../parsers/docx/numbering.ts';
import type { Block, Paragraph, Table } from '../../schemas/document.ts';

const CORPUS = new URL('../../fixtures/corpus/', import.meta.url);
const STEMS: Record<string, number> = {
  'xuwen-2023-dept-self-eval': 1,
  'xihu-2022-dept-self-eval': 3,
  'suixi-2022-verification': 6,
  'emeishan-2023-final-accounts': 10,
  'wuchuan-2025-dept-self-eval': 0,
};

const norm = (s: string) => s.replace(/[\s\u3000]+/g, '');
const paragraphs = (blocks: Block[]) => blocks.filter((b): b is Paragraph => b.kind === 'paragraph').map((b) => norm(b.text)).filter(Boolean);
const tables = (blocks: Block[]) => blocks.filter((b): b is Table => b.kind === 'table');
const cellTexts = (ts: Table[]) => ts.flatMap((t) => t.rows.flat().map((c) => norm(c.text)).filter(Boolean));

function lcs(a: string[], b: string[]): number {
  let prev = new Int32Array(b.length + 1);
  for (let i = a.length - 1; i >= 0; i--) {
    const cur = new Int32Array(b.length + 1);
    for (let j = b.length - 1; j >= 0; j--) cur[j] = a[i] === b[j] ? prev[j + 1] + 1 : Math.max(prev[j], cur[j + 1]);
    prev = cur;
  }
  return prev[0];
}

async function corpusDocx(stem: string) {
  return parseDocx(`${stem}.docx`, new Uint8Array(readFileSync(new URL(`docx/${stem}.docx`, CORPUS))));
}

describe('docx corpus against the extracted text', () => {
  for (const [stem, tableCount] of Object.entries(STEMS)) {
    it(`${stem}: same paragraphs and tables as the txt`, async () => {
      const doc = await corpusDocx(stem);
      const txt = parseText(`${stem}.txt`, new Uint8Array(readFileSync(new URL(`txt/${stem}.txt`, CORPUS))));
      expect(doc.format).toBe('docx');
      expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
      const dp = paragraphs(doc.blocks), tp = paragraphs(txt.blocks);
      // whitespace aside the running text is identical; the txt only splits some paragraphs at page breaks
      expect(dp.join('')).toBe(tp.join(''));
      const matched = lcs(dp, tp);
      // measured: 100% of the docx paragraphs for xuwen/xihu, ≥ 91.6% elsewhere (page-break splits in the txt)
      expect(matched / dp.length).toBeGreaterThanOrEqual(0.9);
      expect(matched / tp.length).toBeGreaterThanOrEqual(0.8);
      // tables: the count from the corpus README, and every non-empty cell in the same order as the txt
      expect(tables(doc.blocks)).toHaveLength(tableCount);
      expect(cellTexts(tables(doc.blocks))).toEqual(cellTexts(tables(txt.blocks)));
    });
  }

  it('keeps the heading label and level (xuwen 一、单位基本情况)', async () => {
    const doc = await corpusDocx('xuwen-2023-dept-self-eval');
    const h = doc.blocks.find((b): b is Paragraph => b.kind === 'paragraph' && b.text === '一、单位基本情况');
    expect(h).toBeDefined();
    expect(h!.styleLevel).toBe(2);
    expect(h!.source.file).toBe('xuwen-2023-dept-self-eval.docx');
    expect(typeof h!.source.block).toBe('number');
  });

  it('turns vMerge into rowSpan and gridSpan into colSpan (xihu, emeishan)', async () => {
    const xihu = tables((await corpusDocx('xihu-2022-dept-self-eval')).blocks);
    expect(xihu[0].rows[0]).toEqual([{ text: '2022年部门整体支出绩效目标表', rowSpan: 1, colSpan: 4 }]);
    expect(xihu[0].rows[1][1]).toMatchObject({ text: '南昌市西湖区医疗保障局', colSpan: 3 });
    expect(xihu[1].rows[1][0]).toEqual({ text: '产出指标', rowSpan: 18, colSpan: 1 });
    expect(xihu[1].rows[1][1]).toEqual({ text: '数量指标', rowSpan: 6, colSpan: 1 });
    // continuation rows do not repeat the merged cells: 3 cells instead of 5
    expect(xihu[1].rows[2]).toHaveLength(3);
    // every row fills the same grid width once spans are counted
    for (const t of xihu) {
      const widths = gridWidths(t);
      expect(new Set(widths).size).toBe(1);
    }
    const emeishan = tables((await corpusDocx('emeishan-2023-final-accounts')).blocks);
    expect(emeishan[0].rows[6][0]).toMatchObject({ text: '预算执行情况（10分）', rowSpan: 6 });
    for (const t of emeishan) expect(new Set(gridWidths(t)).size).toBe(1);
    const suixi = tables((await corpusDocx('suixi-2022-verification')).blocks);
    expect(suixi[1].rows[0][0]).toMatchObject({ text: '评价指标', colSpan: 6 });
  });

  it('takes a table title from a caption before it or a full-width first row', async () => {
    const titles = async (stem: string) => tables((await corpusDocx(stem)).blocks).map((t) => t.title);
    expect(await titles('xihu-2022-dept-self-eval')).toEqual(['2022年部门整体支出绩效目标表', undefined, undefined]);
    expect((await titles('suixi-2022-verification'))[0]).toBe('综合评价结果表');
    expect(new Set(await titles('emeishan-2023-final-accounts'))).toEqual(new Set(['部门预算项目支出绩效自评表（2023年度）']));
  });

  it('gives rowSources per table row', async () => {
    const [t] = tables((await corpusDocx('xuwen-2023-dept-self-eval')).blocks);
    expect(t.rowSources).toHaveLength(t.rows.length);
    expect(t.rowSources![2]).toMatchObject({ file: 'xuwen-2023-dept-self-eval.docx', block: t.source.block, range: 'row 3' });
  });
});

/** Grid width of each row: own colSpans plus the columns still covered by rowSpans from above. */
function gridWidths(t: Table): number[] {
  const widths: number[] = [];
  const pending: Array<{ until: number; width: number }> = [];
  t.rows.forEach((row, r) => {
    let w = row.reduce((n, c) => n + c.colSpan, 0);
    for (const p of pending) if (p.until >= r) w += p.width;
    for (const c of row) if (c.rowSpan > 1) pending.push({ until: r + c.rowSpan - 1, width: c.colSpan });
    widths.push(w);
  });
  return widths;
}

// ---- crafted documents ----------------------------------------------------------------------

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function docx(body: string, extra: Record<string, string> = {}): Uint8Array {
  const files: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`,
    ...extra,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

const p = (text: string, pPr = '') => `<w:p><w:pPr>${pPr}</w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const num = (numId: number, ilvl = 0) => `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`;

const NUMBERING = `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}>
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="2">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="MyTitle"><w:name w:val="My Title"/><w:basedOn w:val="2"/></w:style>
</w:styles>`;

describe('docx numbering and styles (crafted)', () => {
  it('recovers Word numbering labels and heading levels', async () => {
    const body = [
      p('单位基本情况', '<w:pStyle w:val="1"/>'),                 // numbered through its style: 一、
      p('主要职能', `<w:pStyle w:val="2"/>${num(1, 1)}`),          // （一）
      p('负责医保政策', num(1, 2)),                                 // 1.
      p('负责基金监管', num(1, 2)),                                 // 2.
      p('机构设置', `<w:pStyle w:val="2"/>${num(1, 1)}`),          // （二）
      p('一点', num(2)),                                            // bullet: no label
      p('绩效目标', '<w:pStyle w:val="1"/>'),                     // 二、 (deeper levels restart)
      p('目标一', num(1, 1)),                                       // （一）
      p('甲', num(3)), p('乙', num(3)),                             // ① ②
      p('丙', num(4)),                                              // ① again: startOverride restarts
      p('继承', '<w:pStyle w:val="MyTitle"/>'),                    // level via basedOn
      p('不编号', `<w:pStyle w:val="1"/><w:numPr><w:numId w:val="0"/></w:numPr>`),
    ].join('');
    const doc = await parseDocx('n.docx', docx(body, { 'word/numbering.xml': NUMBERING, 'word/styles.xml': STYLES }));
    const ps = doc.blocks as Paragraph[];
    expect(ps.map((b) => b.text)).toEqual([
      '一、单位基本情况', '（一）主要职能', '1.负责医保政策', '2.负责基金监管', '（二）机构设置', '一点',
      '二、绩效目标', '（一）目标一', '①甲', '②乙', '①丙', '继承', '不编号',
    ]);
    expect(ps.map((b) => b.styleLevel)).toEqual([1, 2, undefined, undefined, 2, undefined, 1, undefined, undefined, undefined, undefined, 2, 1]);
    expect(ps.map((b) => b.source.block)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(doc.messages.some((m) => m.rule === 'docx/numbering')).toBe(true);
  });

  it('formats Chinese and other numbering styles', () => {
    expect([1, 10, 11, 19, 20, 21, 100, 105, 110].map(chineseCounting)).toEqual(['一', '十', '十一', '十九', '二十', '二十一', '一百', '一百零五', '一百一十']);
    expect(formatNumber(3, 'ideographTraditional')).toBe('丙');
    expect(formatNumber(4, 'upperRoman')).toBe('IV');
    expect(formatNumber(28, 'lowerLetter')).toBe('bb');
    expect(formatNumber(12, 'decimalFullWidth')).toBe('１２');
  });

  it('reads merges, nested content, runs, breaks, hyperlinks and skips deletions', async () => {
    const tc = (inner: string, tcPr = '') => `<w:tc><w:tcPr>${tcPr}</w:tcPr>${inner}</w:tc>`;
    const body = `${p('前文')}<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
      <w:tr>${tc(p('表头'), '<w:gridSpan w:val="3"/>')}</w:tr>
      <w:tr>${tc(p('产出指标'), '<w:vMerge w:val="restart"/>')}${tc(p('数量') + p('指标'))}${tc(`<w:p><w:r><w:t>10</w:t></w:r><w:del><w:r><w:delText>9</w:delText></w:r></w:del><w:ins><w:r><w:t>0</w:t></w:r></w:ins></w:p>`)}</w:tr>
      <w:tr>${tc('<w:p/>', '<w:vMerge/>')}${tc(`<w:p><w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>`)}${tc(`<w:tbl><w:tr>${tc(p('嵌套'))}${tc(p('表'))}</w:tr></w:tbl><w:p/>`)}</w:tr>
      <w:tr>${tc('<w:p/>', '<w:vMerge w:val="continue"/>')}${tc(p('合并'), '<w:gridSpan w:val="2"/>')}</w:tr>
    </w:tbl><w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t><w:tab/><w:t>丙</w:t></w:r></w:p>`;
    const doc = await parseDocx('t.docx', docx(body));
    expect(doc.blocks).toHaveLength(3);
    const t = doc.blocks[1] as Table;
    expect(t.source).toEqual({ file: 't.docx', block: 1 });
    expect(t.rows).toEqual([
      [{ text: '表头', rowSpan: 1, colSpan: 3 }],
      [{ text: '产出指标', rowSpan: 3, colSpan: 1 }, { text: '数量\n指标', rowSpan: 1, colSpan: 1 }, { text: '100', rowSpan: 1, colSpan: 1 }],
      [{ text: '链接', rowSpan: 1, colSpan: 1 }, { text: '嵌套 表', rowSpan: 1, colSpan: 1 }],
      [{ text: '合并', rowSpan: 1, colSpan: 2 }],
    ]);
    expect(t.rowSources!.map((s) => s.range)).toEqual(['row 1', 'row 2', 'row 3', 'row 4']);
    expect((doc.blocks[2] as Paragraph).text).toBe('甲\n乙\t丙');
    expect(doc.messages.some((m) => m.rule === 'docx/tracked-changes')).toBe(true);
  });
});

// ---- zip bombs and broken packages ----------------------------------------------------------

/** Raw deflate of n zero bytes, written by hand with fixed Huffman codes (fast for any n). */
function zerosDeflate(n: number): Uint8Array {
  const out: number[] = [];
  let acc = 0, bits = 0;
  const put = (value: number, len: number) => { // LSB first
    for (let i = 0; i < len; i++) { acc |= ((value >> i) & 1) << bits; if (++bits === 8) { out.push(acc); acc = 0; bits = 0; } }
  };
  const huff = (code: number, len: number) => { for (let i = len - 1; i >= 0; i--) put((code >> i) & 1, 1); }; // MSB first
  put(1, 1); put(1, 2); // final block, fixed Huffman
  huff(0x30, 8); // literal 0
  let left = n - 1;
  while (left >= 258) { huff(0xc5, 8); huff(0, 5); left -= 258; } // length 258, distance 1
  while (left-- > 0) huff(0x30, 8);
  huff(0, 7); // end of block
  if (bits) out.push(acc);
  return Uint8Array.from(out);
}

/** A zip written by hand, so the declared sizes can say anything. */
function rawZip(entries: Array<{ name: string; data: Uint8Array; method: 0 | 8; declared: number }>): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = new Uint8Array(30 + name.length);
    const dv = new DataView(local.buffer);
    dv.setUint32(0, 0x04034b50, true); dv.setUint16(4, 20, true); dv.setUint16(8, e.method, true);
    dv.setUint32(18, e.data.length, true); dv.setUint32(22, e.declared, true); dv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true); cv.setUint16(4, 20, true); cv.setUint16(6, 20, true); cv.setUint16(10, e.method, true);
    cv.setUint32(20, e.data.length, true); cv.setUint32(24, e.declared, true); cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    chunks.push(local, e.data);
    central.push(cd);
    offset += local.length + e.data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true); ev.setUint16(8, entries.length, true); ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true); ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of all) { out.set(c, o); o += c.length; }
  return out;
}

async function rule(p: Promise<unknown>): Promise<string> {
  try { await p; return 'no error'; } catch (err) { return err instanceof ParseError ? err.rule : `other: ${(err as Error).message}`; }
}

describe('docx safety', () => {
  const BIG = 256 * 1024 * 1024;

  it('rejects a zip bomb by its declared size before inflating anything', async () => {
    const bomb = rawZip([{ name: 'word/document.xml', data: zerosDeflate(BIG), method: 8, declared: BIG }]);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const t0 = Date.now();
    expect(await rule(parseDocx('bomb.docx', bomb))).toBe('docx/too-large');
    expect(Date.now() - t0).toBeLessThan(500);
  });

  it('stops inflating a bomb that lies about its size at the cap', async () => {
    const bomb = rawZip([{ name: 'word/document.xml', data: zerosDeflate(BIG), method: 8, declared: 1000 }]);
    const t0 = Date.now();
    expect(await rule(parseDocx('liar.docx', bomb))).toBe('docx/too-large');
    expect(Date.now() - t0).toBeLessThan(10_000);
    // a smaller cap stops it sooner
    expect(await rule(parseDocx('liar.docx', bomb, { maxBytes: 1024 * 1024 }))).toBe('docx/too-large');
  });

  it('reports corrupt packages as docx/corrupt', async () => {
    const good = docx(p('正文'));
    expect(await rule(parseDocx('cut.docx', good.subarray(0, good.length - 30)))).toBe('docx/corrupt');
    expect(await rule(parseDocx('noise.docx', Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919) & 0xff)))).toBe('docx/corrupt');
    const badXml = rawZip([{ name: 'word/document.xml', data: strToU8('<w:document'), method: 0, declared: 11 }]);
    expect(await rule(parseDocx('xml.docx', badXml))).toBe('docx/corrupt');
    const badDeflate = rawZip([{ name: 'word/document.xml', data: Uint8Array.from([0xff, 0xff, 0xff, 0xff]), method: 8, declared: 100 }]);
    expect(await rule(parseDocx('deflate.docx', badDeflate))).toBe('docx/corrupt');
  });
});
