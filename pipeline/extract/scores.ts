// Scores: the document's self score and a verification's review score, section subtotals of a results
// table, each project table's 合计 得分, and grades (优 良 中 差), from tables and from prose.
import type { SegmentedDocument } from '../../schemas/sections.ts';
import type { DocumentMeta, Grade, Score } from '../../schemas/records.ts';
import { originOf } from './origin.ts';
import { readIndicatorTables } from './indicators/read.ts';
import { alignCells, type ColumnKind } from './tables/align.ts';
import { cellNumber, clean, isNumeric } from './tables/cells.ts';
import { splitCode } from './tables/project-name.ts';
import { tableRows, type TableRow } from './tables/rows.ts';
import { normalizeText } from '../normalize/text.ts';

type Kind = Score['kind'];

/** 优秀 → 优 and the like; null for words that name no band. */
export function gradeOf(word: string | null | undefined): Grade | null {
  const t = clean(word);
  if (/^优/.test(t)) return '优';
  if (/^良/.test(t)) return '良';
  if (/^中/.test(t)) return '中';
  if (/^(差|较差|不合格)/.test(t)) return '差';
  return null;
}

/** The kind of score a report's own evaluator gives: review in a verification, self otherwise. */
const ownKind = (meta: DocumentMeta): Kind => (meta.reportType === 'verification' ? 'review' : 'self');

/**
 * The meta the scores read, corrected by what the tables show: a scoring table with both a 自评得分 and a
 * 核查/评价得分 column makes the document a check of someone else's self-evaluation (a workbook that holds
 * only the tables has no title to say so).
 */
function scoringMeta(doc: SegmentedDocument, meta: DocumentMeta): DocumentMeta {
  if (meta.reportType === 'verification') return meta;
  const checks = readIndicatorTables(doc).some((t) => t.project == null && t.header.roles.includes('selfScore') && t.header.roles.includes('score'));
  return checks ? { ...meta, reportType: 'verification' } : meta;
}

// ---------------------------------------------------------------- indicator tables: 合计 rows

function fromIndicatorTables(doc: SegmentedDocument, meta: DocumentMeta): Score[] {
  const out: Score[] = [];
  for (const table of readIndicatorTables(doc)) {
    const total = table.totals[0];
    if (!total) continue;
    const v = total.values;
    const max = cellNumber(v.weight) ?? cellNumber(v.level1Weight) ?? 100;
    const origin = originOf(doc, total.block, total.row);
    if (table.project) {
      const value = cellNumber(v.score) ?? cellNumber(v.selfScore);
      if (value == null) continue;
      out.push({ ...origin, scope: 'project', kind: v.score != null && meta.reportType === 'verification' ? 'review' : 'self', name: splitCode(table.project).name, value, max, grade: null, raw: total.raw });
      continue;
    }
    // a 合计 out of less than 100 totals one part of the scheme, not the document
    if (max !== 100) continue;
    const score = cellNumber(v.score);
    const self = cellNumber(v.selfScore);
    if (score != null) out.push({ ...origin, scope: 'document', kind: table.header.roles.includes('selfScore') ? 'review' : ownKind(meta), name: null, value: score, max, grade: null, raw: total.raw });
    if (self != null) out.push({ ...origin, scope: 'document', kind: 'self', name: null, value: self, max, grade: null, raw: total.raw });
  }
  return out;
}

// ---------------------------------------------------------------- results tables (评价内容 | 分值 | 得分)

type ResultRole = 'name' | 'max' | 'value' | 'selfValue' | 'other';

function resultRole(label: string): ResultRole {
  const t = clean(label);
  if (/得分率|比例|占比/.test(t)) return 'other';
  if (/自评得分|自评分/.test(t)) return 'selfValue';
  if (/得分|评分|核查分|评价分/.test(t)) return 'value';
  if (/分值|权重|满分|标准分/.test(t)) return 'max';
  if (/评价内容|一级指标|评价指标|指标名称|评价项目|指标$|内容$|项目$|维度/.test(t)) return 'name';
  return 'other';
}

const TOTAL = /^(合计|总计|总分|得分合计|综合得分)/;
const KINDS: Record<ResultRole, ColumnKind> = { name: 'name', max: 'num', value: 'num', selfValue: 'num', other: 'free' };

function fromResultTables(doc: SegmentedDocument, meta: DocumentMeta): Score[] {
  const out: Score[] = [];
  const indicatorBlocks = new Set(readIndicatorTables(doc).map((t) => t.block));
  doc.blocks.forEach((block, b) => {
    if (block.kind !== 'table' || indicatorBlocks.has(b)) return;
    const { rows, spanned } = tableRows(block);
    // a header row: names, maxima and scores
    const h = rows.findIndex((r) => {
      const roles = r.cells.map(resultRole);
      return roles.includes('name') && roles.includes('max') && (roles.includes('value') || roles.includes('selfValue')) && !r.cells.some((c) => isNumeric(c));
    });
    if (h >= 0) {
      const roles = rows[h].cells.map(resultRole);
      const kinds = roles.map((r) => KINDS[r]);
      for (let r = h + 1; r < rows.length; r++) {
        const row = rows[r];
        const columns = spanned || row.cells.length === roles.length ? row.cells : alignCells(row.cells, kinds)?.columns;
        if (!columns) continue;
        const get = (role: ResultRole) => { const k = roles.indexOf(role); return k >= 0 ? columns[k] ?? null : null; };
        const firstText = clean(row.cells.find((c) => c.trim() !== '') ?? '');
        const total = TOTAL.test(firstText);
        const name = total ? null : clean(get('name'));
        if (!total && !name) continue;
        const max = cellNumber(get('max'));
        // a 合计 out of less than 100 totals one part of the scheme, not the document
        if (total && max != null && max !== 100) continue;
        const raw = block.rows[r].map((c) => c.text.trim()).filter(Boolean).join(' | ');
        const origin = originOf(doc, b, r);
        for (const [role, kind] of [['value', roles.includes('selfValue') ? 'review' : ownKind(meta)], ['selfValue', 'self']] as Array<[ResultRole, Kind]>) {
          const value = cellNumber(get(role));
          if (value == null) continue;
          out.push({ ...origin, scope: total ? 'document' : 'section', kind, name, value, max: max ?? (total ? 100 : null), grade: null, raw });
        }
      }
      return;
    }
    // transposed: a row of names (一级指标 | 决策 | 过程 | 合计), then 分值 and 得分 rows, maybe in the table before
    const byLabel = (re: RegExp, list: TableRow[]) => list.find((r) => re.test(clean(r.cells[0])));
    const valueRow = byLabel(/^(得分|评价得分|核查得分|实际得分)$/, rows);
    const maxRow = byLabel(/^(分值|权重|满分|标准分值?)$/, rows);
    if (!valueRow) return;
    let names = byLabel(/^(一级指标|评价内容|评价指标|指标|项目)$/, rows);
    const prev = doc.blocks[b - 1];
    if (!names && prev?.kind === 'table') names = byLabel(/^(一级指标|评价内容|评价指标|指标|项目)$/, tableRows(prev).rows);
    if (!names) return;
    const r = rows.indexOf(valueRow);
    const raw = block.rows[r].map((c) => c.text.trim()).filter(Boolean).join(' | ');
    names.cells.forEach((label, k) => {
      if (k === 0) return;
      const value = cellNumber(valueRow.cells[k]);
      if (value == null) return;
      const total = TOTAL.test(clean(label));
      out.push({ ...originOf(doc, b, r), scope: total ? 'document' : 'section', kind: ownKind(meta), name: total ? null : clean(label), value, max: cellNumber(maxRow?.cells[k]) ?? (total ? 100 : null), grade: null, raw });
    });
  });
  return out;
}

// ---------------------------------------------------------------- project score lists (项目名称 | 自评分数)

const LIST_NAME = /^项目(?:名称)?$/;
const LIST_SCORE = /^(?:自评|评价|核查)?(?:得分|分数|评分|总分)$/;

/** A list of projects with one score each, as 决算 and summary reports give them: 项目名称 | 自评分数. */
function fromProjectLists(doc: SegmentedDocument, meta: DocumentMeta): Score[] {
  const out: Score[] = [];
  doc.blocks.forEach((block, b) => {
    if (block.kind !== 'table') return;
    const { rows } = tableRows(block);
    let nameAt = -1, scoreAt = -1, kind: Kind = ownKind(meta);
    rows.forEach((row, r) => {
      const cells = row.cells.map(clean);
      if (nameAt < 0) {
        const n = cells.findIndex((c) => LIST_NAME.test(c));
        const s = cells.findIndex((c) => LIST_SCORE.test(c));
        const others = cells.filter((c, k) => c !== '' && k !== n && k !== s);
        // only a plain two-column list: a wider table with budgets is a project table, read elsewhere
        if (n >= 0 && s > n && others.every((c) => /^(?:序号|编号|项目编码|备注)$/.test(c))) {
          nameAt = n; scoreAt = s;
          kind = /自评/.test(cells[s]) ? 'self' : /核查|评价/.test(cells[s]) ? 'review' : ownKind(meta);
        }
        return;
      }
      const name = row.cells[nameAt]?.trim() ?? '';
      const value = cellNumber(row.cells[scoreAt]);
      if (!name || TOTAL.test(clean(name)) || value == null || value < 0 || value > 100 || isNumeric(name)) return;
      out.push({ ...originOf(doc, b, r), scope: 'project', kind, name: splitCode(name).name, value, max: 100, grade: null, raw: block.rows[r].map((c) => c.text.trim()).filter(Boolean).join(' | ') });
    });
  });
  return out;
}

// ---------------------------------------------------------------- prose

/** Keywords that name a whole report's score, strongest first. */
const STRONG = '综合评价得分|综合得分|综合评分|总得分|总分|自评总分|自评得分|自评分数|自评分|最终得分';
const WEAK = '评价得分|得分|得';
const SCORE_RE = new RegExp(`(${STRONG}|${WEAK})\\s*(?:为|是|：|:)?\\s*[“"]?(\\d{1,3}(?:\\.\\d+)?)\\s*[”"]?\\s*分`, 'g');
/** A grade stated after its label: 等级为“良”, 绩效评级为优, 评价结果为良好, 评定为优秀等级. */
const GRADE_RE = /(?:等级|评级|级别|评价结果|评定结果|考评结果|评价结论|评定)\s*(?:为|是|：|:|评定为|确定为|属于)?\s*[“"「『]?(优秀|优|良好|良|中等|中|较差|差|不合格)(?=[”"」』，,。；;、\s)）]|等|级|$)/;
/** Sentences about one indicator or one part, not about the whole. */
const PART = /该指标|分值|此项|该项指标|类指标|二级指标|三级指标|扣\s*\d|得分率/;
const WHOLE = /综合|总体|整体|最终|全面|总分(?!值)|总得分/;

function sentences(text: string): string[] {
  return text.split(/(?<=[。；;！!？?])/).map((s) => s.trim()).filter(Boolean);
}

function fromProse(doc: SegmentedDocument, meta: DocumentMeta): Score[] {
  const out: Score[] = [];
  doc.blocks.forEach((block, b) => {
    if (block.kind !== 'paragraph') return;
    for (const raw of sentences(block.text)) {
      const s = normalizeText(raw);
      // in a department's report "该项目…得分" is one project's score; in a project's own report or an evaluation of
      // one fund it is the report's
      if (/^(本|该)项目/.test(s) && meta.reportType !== 'project_self_eval' && meta.reportType !== 'verification') continue;
      const grade = gradeOf(GRADE_RE.exec(s)?.[1]);
      let found = false;
      for (const m of s.matchAll(SCORE_RE)) {
        const strong = new RegExp(`^(${STRONG})$`).test(m[1]);
        // what the sentence says up to the number decides whether it is about the whole or a part
        const lead = s.slice(0, m.index! + m[0].length);
        if (PART.test(lead) && !strong) continue;
        if (!strong && !WHOLE.test(lead)) continue;
        if (/指标/.test(s.slice(Math.max(0, m.index! - 8), m.index!))) continue;
        const value = Number(m[2]);
        if (!(value >= 0 && value <= 100)) continue;
        const kind: Kind = /自评/.test(m[1]) || (/自评/.test(s) && !/核查|复核/.test(s)) ? 'self'
          : meta.reportType === 'verification' || /核查|复核|第三方|评价组|评价机构/.test(s) ? 'review' : 'self';
        out.push({ ...originOf(doc, b, undefined, raw), scope: 'document', kind, name: null, value, max: 100, grade, raw });
        found = true;
        break;
      }
      if (!found && grade && !PART.test(s) && !/分为.{0,12}等级|划分|标准/.test(s)) {
        const kind: Kind = /自评/.test(s) ? 'self' : ownKind(meta);
        out.push({ ...originOf(doc, b, undefined, raw), scope: 'document', kind, name: null, value: null, max: null, grade, raw });
      }
    }
  });
  return out;
}

// ---------------------------------------------------------------- all together

/** Keeps one score per scope, kind, name and value; a later duplicate lends its grade. */
function dedupe(scores: Score[]): Score[] {
  const out: Score[] = [];
  for (const s of scores) {
    const same = out.find((o) => o.scope === s.scope && o.kind === s.kind && clean(o.name) === clean(s.name) &&
      (o.value === s.value || (s.value == null && o.grade === s.grade) || (o.value == null && s.value != null && o.grade === s.grade)));
    if (!same) { out.push(s); continue; }
    if (same.value == null && s.value != null) Object.assign(same, { value: s.value, max: s.max, raw: s.raw, source: s.source, section: s.section });
    same.grade ??= s.grade;
  }
  return out;
}

export function extractScores(doc: SegmentedDocument, documentMeta: DocumentMeta): Score[] {
  const meta = scoringMeta(doc, documentMeta);
  return dedupe([...fromResultTables(doc, meta), ...fromIndicatorTables(doc, meta), ...fromProjectLists(doc, meta), ...fromProse(doc, meta)]);
}
