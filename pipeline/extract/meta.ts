// The report's unit, region, year, type and scope. The unit comes from the most specific labelled statement on the
// cover (预算单位：X over 预算主管部门：X), then the cover's title (2026年|广州市科学技术局|部门预算), then the labels
// of the tables (部门：X 单位：万元), and only then from the organisations the prose names most — never the finance
// bureau that approves the budget, never a phrase of a sentence.
import type { DocumentMeta } from '../../schemas/records.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import { findOrganisations } from '../lexicon/organisations.ts';
import { normalizeText } from '../normalize/text.ts';
import { coverLines, unitInTitle } from './identity/cover.ts';
import { labelledNames, type LabelledName } from './identity/labels.ts';
import { isFinanceAuthority } from './identity/names.ts';
import { regionOf } from './identity/region.ts';
import { findScope } from './identity/scope.ts';
import { classifyReport } from './identity/type.ts';
import { yearInBody, yearInTitle, yearOfTables } from './identity/year.ts';

export { classifyReport };

/** How many leading blocks count as the cover and title area. */
const HEAD_BLOCKS = 12;

const paragraphs = (doc: SegmentedDocument) =>
  doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [normalizeText(b.text)] : b.rows.flatMap((r) => r.map((c) => normalizeText(c.text)))));

/** Each table row as one line, its cells apart, so a header row (单位名称：X | 单位：万元) reads like a paragraph. */
const lines = (doc: SegmentedDocument) =>
  doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [normalizeText(b.text)] : [...(b.title ? [normalizeText(b.title)] : []), ...b.rows.map((r) => r.map((c) => normalizeText(c.text)).join('\t'))]));

/** The title: the first heading of style 'title', else the first short line that reads like one. */
export function findTitle(doc: SegmentedDocument): string | null {
  const title = doc.sections.find((s) => s.style === 'title' && s.block < HEAD_BLOCKS * 4);
  if (title) return title.title;
  const first = doc.blocks.slice(0, HEAD_BLOCKS).find((b) => b.kind === 'paragraph' && /(报告|决算|预算|申报表|自评表|评价结果)/.test(b.text) && b.text.length <= 60);
  return first && first.kind === 'paragraph' ? first.text.replace(/[\s\u3000]+/g, '') : null;
}

/** The fiscal year: stated on the title or cover, then in the tables' titles, then the most frequent 20XX年度. */
export function findYear(title: string | null, cover: string, tableTitles: string[], head: string, body: string): number | null {
  return yearInTitle(title ?? '') ?? yearInTitle(cover) ?? yearOfTables(tableTitles) ?? yearInTitle(head) ?? yearInBody(body);
}

/** The highest-ranked labelled name, the first of its rank. */
const bestLabel = (names: LabelledName[]) => [...names].sort((a, b) => b.rank - a.rank)[0]?.name ?? null;

/** The labelled name the tables repeat most (部门：中共江苏省委办公厅 on every table). */
function mostLabelled(names: LabelledName[]): string | null {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n.name, (counts.get(n.name) ?? 0) + n.rank);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** Mentions of each organisation in the prose; a shorter name (西湖区医疗保障局) counts for the full one. */
function mentionCounts(body: string) {
  const count = new Map<string, { n: number; place: string; body: string }>();
  for (const m of findOrganisations(body)) {
    const c = count.get(m.name) ?? { n: 0, place: m.place, body: m.body };
    c.n++;
    count.set(m.name, c);
  }
  for (const [name, c] of count) for (const [other, o] of count) if (other !== name && other.endsWith(name)) o.n += c.n;
  return count;
}

/** The reporting unit and its region. */
export function findUnit(doc: SegmentedDocument, cover: string[], title: string | null, body: string): { unit: string | null; region: string | null } {
  const count = mentionCounts(body);
  const coverNames = cover.flatMap(labelledNames);
  const tableNames = lines(doc).flatMap(labelledNames);
  let pick = bestLabel(coverNames) ?? unitInTitle(cover.join('')) ?? (title ? unitInTitle(title) : null) ?? mostLabelled(tableNames);
  if (pick) {
    // a cover typo (吴州市 for 吴川市): another place with the same body named far more often wins
    const mine = count.get(pick);
    const rival = [...count].filter(([n, c]) => n !== pick && c.body === mine?.body && c.place !== mine?.place && !n.endsWith(pick!) && !pick!.endsWith(n))
      .sort((a, b) => b[1].n - a[1].n)[0];
    if (rival && mine && rival[1].n >= 3 * mine.n) pick = rival[0];
  } else {
    // the prose: the organisation named most, other than the finance bureau that approves or is addressed
    const ranked = [...count].sort((a, b) => b[1].n - a[1].n).map(([n]) => n);
    pick = ranked.find((n) => !isFinanceAuthority(n)) ?? ranked[0] ?? null;
  }
  if (!pick) return { unit: null, region: null };
  return { unit: pick, region: count.get(pick)?.place ?? regionOf(pick, body) };
}

/** Titles of the standard tables (收支预算总表, 2019年政府采购预算表): short lines ending in 表. */
const tableTitles = (texts: string[]) => texts.map((t) => t.replace(/\s+/g, '')).filter((t) => t.length <= 40 && /表$/.test(t) && !/[，。；]/.test(t));

export function extractMeta(doc: SegmentedDocument): DocumentMeta {
  const texts = paragraphs(doc);
  const head = texts.slice(0, HEAD_BLOCKS).join('\n');
  const body = texts.join('\n');
  const cover = coverLines(doc);
  const title = findTitle(doc);
  const coverText = cover.join('');
  const titles = tableTitles(lines(doc));
  const { unit, region } = findUnit(doc, cover, title, body);
  const { scope, consolidates } = findScope(doc.blocks, coverText || title);
  return {
    unit,
    region,
    year: findYear(title, coverText, titles, head, body),
    reportType: classifyReport(title, coverText, head, body, titles),
    title,
    scope,
    consolidates,
  };
}
