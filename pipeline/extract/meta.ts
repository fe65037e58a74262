// The report's unit, region, year and type, read from its title lines and the names it uses most.
import type { DocumentMeta, ReportType } from '../../schemas/records.ts';
import type { SegmentedDocument } from '../../schemas/sections.ts';
import { findOrganisations } from '../lexicon/organisations.ts';
import { normalizeText } from '../normalize/text.ts';

/** How many leading blocks count as the cover and title area. */
const HEAD_BLOCKS = 12;

const paragraphs = (doc: SegmentedDocument) =>
  doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [normalizeText(b.text)] : b.rows.flatMap((r) => r.map((c) => normalizeText(c.text)))));

/** The title: the first heading of style 'title', else the first short line that reads like one. */
export function findTitle(doc: SegmentedDocument): string | null {
  const title = doc.sections.find((s) => s.style === 'title' && s.block < HEAD_BLOCKS * 4);
  if (title) return title.title;
  const first = doc.blocks.slice(0, HEAD_BLOCKS).find((b) => b.kind === 'paragraph' && /(报告|决算|预算|申报表|自评表|评价结果)/.test(b.text) && b.text.length <= 60);
  return first && first.kind === 'paragraph' ? first.text.replace(/[\s\u3000]+/g, '') : null;
}

const TYPE_RULES: Array<[RegExp, ReportType]> = [
  [/核查/, 'verification'],
  [/(会计师事务所|咨询|第三方|评价机构|受托).{0,40}/, 'verification'],
  [/项目支出绩效自评(报告|表)/, 'project_self_eval'],
  [/(整体支出|部门整体).{0,6}自评/, 'dept_self_eval'],
  [/决算/, 'final_accounts'],
  [/(预算公开|部门预算|单位预算|预算绩效目标|绩效目标申报)/, 'budget'],
];

export function classifyReport(title: string | null, head: string, body: string): ReportType {
  // the title decides when it names the type; then the cover area; then what the body talks about most
  for (const text of [title ?? '', head]) {
    if (!text) continue;
    if (/核查/.test(text)) return 'verification';
    if (/绩效评价报告/.test(text) && /(事务所|咨询|评价机构|受托|委托单位)/.test(head)) return 'verification';
    for (const [re, type] of TYPE_RULES.slice(2)) if (re.test(text)) return type;
  }
  // a scoring table with both the self score and the checker's score is a verification
  if (/自评得分/.test(body) && /核查得分/.test(body)) return 'verification';
  const count = (re: RegExp) => (body.match(re) ?? []).length;
  const scores: Array<[ReportType, number]> = [
    ['final_accounts', count(/决算/g)],
    ['budget', count(/预算公开|部门预算/g) * 3],
    ['dept_self_eval', count(/自评/g)],
  ];
  const best = scores.sort((a, b) => b[1] - a[1])[0];
  return best[1] >= 3 ? best[0] : 'other';
}

/** The fiscal year: stated on the title or cover (2022年度, 评价年度：2025), else the most frequent 20XX年度. */
export function findYear(title: string | null, head: string, body: string): number | null {
  for (const text of [title ?? '', head]) {
    const range = /(20\d{2})\s*[-—至~]\s*(20\d{2})\s*年/.exec(text);
    if (range) return Number(range[2]);
    const m = /(?:评价年度|年度)[:：]?\s*(20\d{2})|(20\d{2})\s*年\s*度?/.exec(text);
    if (m) return Number(m[1] ?? m[2]);
  }
  const counts = new Map<number, number>();
  for (const m of body.matchAll(/(20\d{2})\s*年度/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : null;
}

const UNIT_LABEL = /(?:项目单位|评价单位|部门名称|单位名称|预算单位|填报单位|主管部门|部门（单位）名称)(?:（[^）]*）)?[:：]\s*/;

/** The reporting unit: the organisation the title or cover names, checked against how often the body names it. */
export function findUnit(title: string | null, head: string, body: string): { unit: string | null; region: string | null } {
  const mentions = findOrganisations(body);
  const count = new Map<string, { n: number; place: string; body: string }>();
  for (const m of mentions) {
    const c = count.get(m.name) ?? { n: 0, place: m.place, body: m.body };
    c.n++;
    count.set(m.name, c);
  }
  // a shorter name (西湖区医疗保障局) counts for the full one (南昌市西湖区医疗保障局)
  for (const [name, c] of count) for (const [other, o] of count) if (other !== name && other.endsWith(name)) o.n += c.n;

  const labelled = (() => {
    const m = UNIT_LABEL.exec(head);
    if (!m) return null;
    return findOrganisations(head.slice(m.index + m[0].length, m.index + m[0].length + 40))[0]?.name ?? null;
  })();
  const titled = title ? findOrganisations(title)[0]?.name ?? null : null;
  const headFirst = findOrganisations(head)[0]?.name ?? null;

  let pick = titled ?? labelled ?? headFirst;
  if (pick) {
    // a cover typo (吴州市 for 吴川市): another place with the same body named far more often wins
    const mine = count.get(pick);
    const rival = [...count].filter(([n, c]) => n !== pick && c.body === mine?.body && !n.endsWith(pick!) && !pick!.endsWith(n))
      .sort((a, b) => b[1].n - a[1].n)[0];
    if (rival && mine && rival[1].n >= 3 * mine.n) pick = rival[0];
  } else {
    pick = [...count].sort((a, b) => b[1].n - a[1].n)[0]?.[0] ?? null;
  }
  if (!pick) return { unit: null, region: null };
  const place = count.get(pick)?.place ?? findOrganisations(pick)[0]?.place ?? null;
  return { unit: pick, region: place };
}

export function extractMeta(doc: SegmentedDocument): DocumentMeta {
  const texts = paragraphs(doc);
  const head = texts.slice(0, HEAD_BLOCKS).join('\n');
  const body = texts.join('\n');
  const title = findTitle(doc);
  const { unit, region } = findUnit(title, head, body);
  return {
    unit,
    region,
    year: findYear(title, head, body),
    reportType: classifyReport(title, head, body),
    title,
    scope: null,
    consolidates: [],
  };
}
