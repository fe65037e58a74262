// The cover: the lines before the 目录 or the first heading, where a published report states whose it is,
// which year and what kind (上海市2026年市级单位预算 / 预算单位：X; 北京市公安局交通管理局 / 2026年度部门预算信息公开).
import type { SegmentedDocument } from '../../../schemas/sections.ts';
import { normalizeText } from '../../normalize/text.ts';
import { cleanName } from './names.ts';
import { jieba } from '../../lexicon/jieba.ts';

const MAX_COVER_LINES = 8;
/** Where the cover ends: the 目录, a part or numbered heading, or the body's first sentence. */
const COVER_END = /^(目\s*录|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|\d+[、.．])/;

/** The cover's lines, in order; empty when the document opens with its body or a table. */
export function coverLines(doc: SegmentedDocument): string[] {
  const out: string[] = [];
  for (const b of doc.blocks.slice(0, MAX_COVER_LINES)) {
    if (b.kind !== 'paragraph') {
      // a spreadsheet's cover is one-cell tables (上海市普陀区2026年区级单位预算)
      if (b.rows.length === 1 && b.rows[0].filter((c) => c.text.trim()).length === 1) { out.push(normalizeText(b.rows[0].find((c) => c.text.trim())!.text)); continue; }
      break;
    }
    const text = normalizeText(b.text).trim();
    if (!text) continue;
    if (COVER_END.test(text) || text.length > 60 || /[。；]/.test(text)) break;
    out.push(text);
  }
  return out;
}

/** Year and type words that bound the unit's name inside a title. */
const TITLE_BREAK = new RegExp([
  '20\\d{2}\\s*[-—至~]\\s*20\\d{2}\\s*年度?', '20\\d{2}\\s*年度?', '20\\d{2}', '[（(]\\s*\\d{4}\\s*年度?\\s*[)）]',
  '(?:区级|市级|省级|县级)?(?:部门|单位)?(?:汇总)?(?:预算|决算)', '(?:部门)?整体支出', '项目支出', '绩效', '自评', '核查', '评价', '报告', '申报表', '信息公开', '公开',
].join('|'), 'g');

/** The organisation a title names, found between its year and type words (2026年|广州市科学技术局|部门预算). */
export function unitInTitle(title: string): string | null {
  const text = title.replace(/\s+/g, '');
  for (const piece of text.split(TITLE_BREAK)) {
    const name = cleanName(piece.replace(/^(?:关于|附件\d*)/, ''));
    if (name && looksRooted(name)) return name;
  }
  return null;
}

/** A title's name starts at a place or a party/state body (江苏省…, 上海钻石…, 中共…, 省人大…), not mid-phrase. */
function looksRooted(name: string): boolean {
  if (/^(中共|中国|[省市区县])/.test(name) || /^[\p{Script=Han}]{2,8}?(省|市|区|县|州|旗|盟)/u.test(name)) return true;
  const first = jieba().tag(name)[0];
  return first?.tag === 'ns' || first?.tag === 'nt';
}
