// Where each statement stands: from its title (a title line, or the title a parser gave a table) through the
// tables that follow it, continued over page breaks, to the next statement's title or the next section of
// prose. Also reads the lines between title and table: the money unit (单位：万元) and the entity (单位名称：…).
import type { Table } from '../../schemas/document.ts';
import type { MoneyUnit, StatementKind } from '../../schemas/statements.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import { normalizeText, squash } from '../normalize/text.ts';
import { cleanTitle, isStatementTitle, statementKind, statementNumber } from './titles.ts';

export interface StatementRegion {
  kind: StatementKind;
  title: string;
  number: string | null;
  /** Block where the title stands. */
  start: number;
  moneyUnit: MoneyUnit | null;
  entity: string | null;
  /** Table blocks, in order: the first and its continuations. */
  tables: number[];
  /** Paragraph blocks inside the region that may hold rows of a table drawn without rulings. */
  lines: number[];
  /** 注：本单位无… / 本表为空 and the like. */
  notes: string[];
}

const UNIT_RE = /(?:金额|货币)?单位[:：]\s*(亿元|万元|元)/;
const ENTITY_RE = /(?:单位名称|编制单位|部门名称|预算单位|填报单位|编制部门|部门|单位)[:：]\s*([^\s:：]{2,40}?)(?=\s|(?:金额|货币)?单位[:：]|$)/;
const EMPTY_NOTE = /(无|没有|未安排|不涉及).{0,30}(收支|支出|收入|经费|预算|决算|数据|项目)|本表(为|无)?空|空表/;
/** Prose that ends a statement's region: a numbered heading or a full sentence. */
const PROSE_HEADING = /^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|附件|名词解释)/;

export function moneyUnitIn(text: string): MoneyUnit | null {
  const m = UNIT_RE.exec(squash(normalizeText(text)).replace(/单位[:：]?人民币/, '单位：'));
  return m ? (m[1] as MoneyUnit) : null;
}

export function entityIn(text: string): string | null {
  const t = normalizeText(text).replace(/\u3000/g, ' ');
  const m = ENTITY_RE.exec(t);
  if (!m || /^(万元|元|亿元)/.test(m[1])) return null;
  return m[1];
}

export function locateStatements(doc: SegmentedDocument): StatementRegion[] {
  const out: StatementRegion[] = [];
  let open: StatementRegion | null = null;
  let pendingNumber: string | null = null;
  const start = (title: string, at: number): StatementRegion => {
    const t = cleanTitle(title);
    const region: StatementRegion = {
      kind: statementKind(t)!, title: t, number: statementNumber(title) ?? pendingNumber, start: at,
      moneyUnit: moneyUnitIn(title), entity: null, tables: [], lines: [], notes: [],
    };
    pendingNumber = null;
    out.push(region);
    return region;
  };
  doc.blocks.forEach((b, i) => {
    if (b.kind === 'table') {
      const title = b.title ? squash(normalizeText(b.title)) : '';
      const titled = title && statementKind(cleanTitle(title)) != null;
      // the parser's table title repeats the title line just read: the same statement
      if (titled && !(open && sameTitle(open.title, title))) open = start(title, i);
      if (open) {
        open.tables.push(i);
        open.moneyUnit ??= unitInTable(b);
        open.entity ??= entityInTable(b);
      }
      return;
    }
    const text = squash(normalizeText(b.text));
    if (/^(表|公开)?\s*[0-9一二三四五六七八九十]+(-\d+)?\s*表?$/.test(text) || /^公开\d+表$/.test(text)) { pendingNumber = statementNumber(text) ?? text; return; }
    if (isStatementTitle(text)) {
      // the title repeated over a continued table (on each page, or marked 续) goes on with the same statement
      if (open && sameTitle(open.title, text)) return;
      open = start(text, i);
      return;
    }
    if (!open) return;
    const unit = moneyUnitIn(text);
    if (unit && open.tables.length === 0) { open.moneyUnit ??= unit; open.entity ??= entityIn(b.text); return; }
    if (/^注[:：]/.test(text) || EMPTY_NOTE.test(text) && text.length < 80) { open.notes.push(text); return; }
    if (PROSE_HEADING.test(text) || (text.length > 80 && /[，。；]/.test(text) && !/\[\d{3,7}\]/.test(text))) { open = null; return; }
    open.lines.push(i);
  });
  return out;
}

/** Titles the document lists (its 目录) without a table under them: what it says it contains. */
export function listedStatements(doc: SegmentedDocument): StatementRegion[] {
  return locateStatements(doc).filter((r) => r.tables.length === 0 && r.lines.length === 0);
}

const sameTitle = (a: string, b: string) => {
  const k = (s: string) => cleanTitle(s).replace(/^\d{4}年(度)?/, '').replace(/[（(]?续[）)]?$/, '');
  return k(a) === k(b);
};

function unitInTable(t: Table): MoneyUnit | null {
  for (const row of t.rows.slice(0, 2)) for (const c of row) { const u = moneyUnitIn(c.text); if (u) return u; }
  return null;
}
function entityInTable(t: Table): string | null {
  for (const row of t.rows.slice(0, 2)) for (const c of row) { const e = entityIn(c.text); if (e && /单位|部门/.test(c.text)) return e; }
  return null;
}
