// The statement and heading rules a PDF edit cannot plant, on real layouts: each real document is parsed,
// segmented and extracted as the pipeline does, one thing is changed on the parsed model (a table the 目录
// lists taken out, a 三公 table's amounts blanked, a heading's year or unit name changed, a sentence's amount),
// and the rule must flag the change, naming it, while staying silent on the unchanged document. Beside each,
// a near case from a real document that must not flag.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block, ParsedDocument, Table } from '../../schemas/document.ts';
import type { Flag } from '../../schemas/records.ts';
import { parseFile } from '../../parsers/index.ts';
import { segment } from '../../pipeline/segment/index.ts';
import { extract } from '../../pipeline/extract/index.ts';
import { buildContext } from '../../pipeline/check/index.ts';
import type { Rule } from '../../pipeline/check/types.ts';
import { locateStatements, listedStatements } from '../../pipeline/statements/locate.ts';
import { statementListedMissing } from '../../pipeline/check/statements/listed-missing.ts';
import { statementEmptyTable } from '../../pipeline/check/statements/empty-table.ts';
import { statementTextAmount } from '../../pipeline/check/statements/text-amount.ts';
import { statementThreePublic } from '../../pipeline/check/statements/three-public.ts';
import { statementTitleYear } from '../../pipeline/check/statements/title-year.ts';
import { headingYear } from '../../pipeline/check/rules/heading-year.ts';
import { placeholderName } from '../../pipeline/check/rules/placeholder.ts';
import { FIXTURES } from '../helpers.ts';

const DOCS = join(FIXTURES, 'wild', 'docs');
const SH_AUDIT = 'calinchow-del_2026年上海市审计局_部门预算_3363c27c.pdf';
const SH_JUSTICE = 'calinchow-del_2026年上海市司法局_部门预算_76d402dd.pdf';
const PT_FINAL = 'zxj6827111-blip_上海市普陀区规划和自然资源局_2024_年度部门决算_fa222afc.pdf';
const GZ_EMERGENCY = 'calinchow-del_2026年广州市应急管理局部门预算_9a1eb357.pdf';
const BJ_HRSS = 'calinchow-del_2026年北京市人力资源和社会保障局部门预算_f4fc3823.pdf';

const PLANTED = join(FIXTURES, 'planted');

const parsed = new Map<string, Promise<ParsedDocument>>();
function parse(name: string, dir = DOCS): Promise<ParsedDocument> {
  const path = join(dir, name);
  if (!parsed.has(path)) parsed.set(path, parseFile(path, new Uint8Array(readFileSync(path))));
  return parsed.get(path)!;
}

/** The pipeline from the parsed model on: segmented, extracted, and the context the rules read. */
function analyse(p: ParsedDocument) {
  const doc = segment(p);
  const extraction = extract(doc);
  const ctx = buildContext(doc, extraction);
  return { doc, extraction, flags: (rule: Rule): Flag[] => rule.check(ctx) };
}

/** A copy of the parsed document with its blocks changed; segmenting it again keeps the sections aligned. */
function edited(p: ParsedDocument, edit: (blocks: Block[]) => Block[]): ParsedDocument {
  const copy = structuredClone(p);
  return { ...copy, blocks: edit(copy.blocks) };
}

const squeeze = (s: string) => s.replace(/\s+/g, '');
const said = (f: Flag) => squeeze([f.message, ...f.evidence.map((e) => e.text)].join(' '));
const mentioning = (flags: Flag[], text: string) => flags.filter((f) => said(f).includes(squeeze(text)));

/** The paragraph block whose text (blanks ignored) contains `snippet`; fails the test where there is none. */
function paragraphWith(blocks: Block[], snippet: string): number {
  const i = blocks.findIndex((b) => b.kind === 'paragraph' && squeeze(b.text).includes(squeeze(snippet)));
  expect(i, `a paragraph with ${snippet}`).toBeGreaterThanOrEqual(0);
  return i;
}

function replaceIn(blocks: Block[], index: number, from: RegExp | string, to: string): Block[] {
  const b = blocks[index];
  if (b.kind !== 'paragraph') throw new Error(`block ${index} is not a paragraph`);
  const text = b.text.replace(from, to);
  expect(text, 'the edit changes the text').not.toBe(b.text);
  blocks[index] = { ...b, text };
  return blocks;
}

describe('statement.listed-missing', () => {
  it('flags a table its 目录 lists when the document no longer carries it, and not the unchanged document', async () => {
    const p = await parse(SH_AUDIT);
    const clean = analyse(p);
    expect(clean.flags(statementListedMissing)).toEqual([]);

    const regions = locateStatements(clean.doc).filter((r) => r.tables.length > 0);
    const gone = regions.find((r) => r.kind === 'government_fund')!;
    expect(gone, 'the 政府性基金 table is read as a statement').toBeDefined();
    expect(listedStatements(clean.doc).map((l) => l.kind)).toContain('government_fund');
    // the table's region: its title to the next table's title (segment() runs again, so blockSection follows)
    const end = regions.find((r) => r.start > gone.start)!.start;
    const without = analyse(edited(p, (blocks) => [...blocks.slice(0, gone.start), ...blocks.slice(end)]));
    expect(without.extraction.statements.map((s) => s.kind)).not.toContain('government_fund');

    const flags = without.flags(statementListedMissing);
    expect(flags.map((f) => f.message)).toEqual([`目录列出“${gone.title}”，但文件中没有这张报表`]);
  });

  it('stays silent on a text-only document whose 目录 lists tables published in a separate file', async () => {
    const run = analyse(await parse(BJ_HRSS));
    expect(listedStatements(run.doc).length, 'its 目录 lists the standard tables').toBeGreaterThanOrEqual(8);
    expect(run.extraction.statements.filter((s) => s.rows.length > 0)).toEqual([]);
    expect(run.flags(statementListedMissing)).toEqual([]);
  });
});

describe('statement.empty-table', () => {
  /** The 三公 table with every amount blanked, its row names and header kept. */
  function blankThreePublic(p: ParsedDocument, tableIndex: number): ParsedDocument {
    return edited(p, (blocks) => {
      const t = blocks[tableIndex] as Table;
      blocks[tableIndex] = { ...t, rows: t.rows.map((row) => row.map((c) => (/^[\d,.\s]+$/.test(c.text) ? { ...c, text: '' } : c))) };
      return blocks;
    });
  }

  it('flags a 三公 table emptied while the text still gives its amount, and not the unchanged document', async () => {
    const p = await parse(SH_AUDIT);
    const clean = analyse(p);
    expect(clean.flags(statementEmptyTable)).toEqual([]);
    const region = locateStatements(clean.doc).find((r) => r.kind === 'three_public' && r.tables.length > 0)!;

    const emptied = analyse(blankThreePublic(p, region.tables[0]));
    const three = emptied.extraction.statements.find((s) => s.kind === 'three_public')!;
    expect(three.rows.flatMap((r) => Object.values(r.values)).filter((v) => v != null && v !== 0)).toEqual([]);
    const flags = emptied.flags(statementEmptyTable);
    expect(flags.length).toBe(1);
    // the 说明 on p20: 2026年“三公”经费预算数为237.92万元
    expect(flags[0].message).toContain(region.title);
    expect(mentioning(flags, '237.92万元').length).toBe(1);
    expect(flags[0].stated).toBe(2_379_200);
  });

  it('stays silent on empty tables that carry a 空表说明 (政府性基金, 国有资本经营 in 广州 应急管理局)', async () => {
    const run = analyse(await parse(GZ_EMERGENCY));
    const noted = run.extraction.statements.filter((s) => s.kind === 'government_fund' || s.kind === 'state_capital');
    expect(noted.map((s) => [s.kind, s.rows.length, s.emptyNote])).toEqual([
      ['government_fund', 0, '注：本表本年无发生额。'],
      ['state_capital', 0, '注：本表本年无发生额。'],
    ]);
    expect(run.flags(statementEmptyTable)).toEqual([]);
  });

  it('stays silent on an empty 政府性基金 table without a note where the text gives it no amount (上海审计局 p15)', async () => {
    const run = analyse(await parse(SH_AUDIT));
    const fund = run.extraction.statements.find((s) => s.kind === 'government_fund')!;
    expect(fund.emptyNote).toBeNull();
    expect(fund.rows.flatMap((r) => Object.values(r.values)).filter((v) => v != null && v !== 0)).toEqual([]);
    expect(run.flags(statementEmptyTable)).toEqual([]);
  });
});

describe('year.heading', () => {
  it('flags a 2024 决算 heading changed to 2023年度部门决算, and not the unchanged document', async () => {
    const p = await parse(PT_FINAL);
    const clean = analyse(p);
    expect(clean.extraction.meta.year).toBe(2024);
    expect(clean.flags(headingYear)).toEqual([]);

    const heading = clean.doc.sections.find((s) => s.style === 'part' && /情况说明/.test(s.title))!;
    expect(heading.title).toMatch(/2024年度部门决算情况说明/);
    const changed = analyse(edited(p, (blocks) => replaceIn(blocks, heading.block, /2024(\s*年度)/, '2023$1')));
    const flags = changed.flags(headingYear);
    expect(flags.length).toBe(1);
    expect(flags[0].stated).toBe(2023);
    expect(mentioning(flags, '2023年度部门决算情况说明').length).toBe(1);
  });
});

describe('statement.title-year', () => {
  it('stays silent on a 决算 whose tables name the fiscal year, and flags one table titled with the year before', async () => {
    const p = await parse(PT_FINAL);
    const regions = locateStatements(analyse(p).doc).filter((r) => r.tables.length > 0);
    // 普陀 prints the year in the line above each table (…2024 年度部门决算表); here each title names it itself
    const titled = edited(p, (blocks) => regions.reduce((bs, r) => replaceIn(bs, r.start, /^/, '2024年度'), blocks));
    const named = analyse(titled);
    expect(named.extraction.meta.year).toBe(2024);
    expect(named.extraction.statements.filter((s) => s.title.startsWith('2024年度')).length).toBe(regions.length);
    expect(named.flags(statementTitleYear)).toEqual([]);

    const three = regions.find((r) => r.kind === 'three_public')!;
    const one = analyse(edited(titled, (blocks) => replaceIn(blocks, three.start, /^2024/, '2023')));
    const flags = one.flags(statementTitleYear);
    expect(flags.map((f) => f.stated)).toEqual([2023]);
    expect(mentioning(flags, `2023年度${three.title}`).length).toBe(1);
  });
});

describe('entity.placeholder', () => {
  it('flags a heading naming XX局, and not the unchanged document', async () => {
    const p = await parse(SH_AUDIT);
    expect(analyse(p).flags(placeholderName)).toEqual([]);
    const changed = analyse(edited(p, (blocks) => replaceIn(blocks, paragraphWith(blocks, '上海市审计局（单位）主要职能'), '上海市审计局', 'XX局')));
    const flags = changed.flags(placeholderName);
    expect(flags.length).toBe(1);
    expect(flags[0].message).toContain('XX局');
    expect(flags[0].evidence[0].text).toBe('XX局（单位）主要职能');
  });
});

describe('statement.text-amount', () => {
  it('leaves a text amount cut to whole 万元 alone (1,256万元 against 12,565,793元) and flags it changed to 1,265万元', async () => {
    const p = await parse(SH_JUSTICE);
    const clean = analyse(p);
    const row = clean.extraction.statements.find((s) => s.kind === 'general_by_function')!.rows.find((r) => r.code === '208')!;
    expect(row.name).toBe('社会保障和就业支出');
    expect(Object.values(row.values)).toContain(12_565_793);
    expect(mentioning(clean.flags(statementTextAmount), '社会保障和就业支出')).toEqual([]);

    const changed = analyse(edited(p, (blocks) => replaceIn(blocks, paragraphWith(blocks, '科目1,256万元'), '1,256万元', '1,265万元')));
    const flags = mentioning(changed.flags(statementTextAmount), '社会保障和就业支出');
    expect(flags.length).toBe(1);
    expect(flags[0].message).toContain('1,265');
  });
});

// The planted-copies test accepts any arithmetic flag naming the planted amount; here the 三公 identity itself must.
describe('statement.three-public on planted copies', () => {
  const threePublic = async (file: string) => analyse(await parse(file, PLANTED)).flags(statementThreePublic);

  it('flags 公务接待费 8.12 → 8.21 in the 上海 layout (sub-items 购置费, 运行费)', async () => {
    expect(analyse(await parse(SH_AUDIT)).flags(statementThreePublic)).toEqual([]);
    const flags = await threePublic('sh-sjj-2026__three-public.pdf');
    expect(flags.map((f) => [f.stated, f.computed])).toEqual([[2_379_200, 2_380_100]]);
  });

  // the vehicle group (公务用车购置及运行维护费) is told from its sub-item 公务用车运行维护费
  it('flags 公务接待费 27.00 → 72.00 in the 江苏 layout (sub-items 公务用车购置费, 公务用车运行维护费)', async () => {
    const flags = await threePublic('js-swbgt-2019__three-public.pdf');
    expect(flags.map((f) => [f.stated, f.computed])).toEqual([[5_082_000, 5_532_000]]);
  });
});
