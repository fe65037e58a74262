// The review page: one self-contained HTML file (inline CSS, JS and SVG; no network) with a county
// overview and, per report, its flags with the evidence highlighted in the surrounding text, its money
// figures, indicator tables, scores and projects. Every text from the reports goes through esc().
import { isLowConfidence } from '../../schemas/confidence.ts';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Db } from '../store/types.ts';
import type { DocumentFilter } from '../store/read.ts';
import { loadDataset, type ReviewedDocument, type ReviewedFlag, type ReviewedRecord } from '../export/dataset.ts';
import { CATEGORY_ZH, FIGURE_ZH, KIND_ZH, PHASE_ZH, REPORT_TYPE_ZH, SCOPE_ZH, SEVERITY_ZH, STATUS_ZH, whereOf } from '../export/tables.ts';
import { BlockIndex, viewEvidence } from './evidence.ts';
import { CSS, JS } from './assets.ts';
import { scoreChart, type ScorePoint } from './chart.ts';
import { esc } from './escape.ts';

export { esc };

const yuan = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : '');
const num = (v: unknown, digits = 2) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(digits).replace(/0+$/, '').replace(/\.$/, '')) : '');

type Cell = { html: string; v?: string | number | null; cls?: string };
const t = (v: unknown, cls?: string): Cell => ({ html: esc(v), cls });
const n = (v: unknown, fmt: (x: unknown) => string = num): Cell => ({ html: esc(fmt(v)), v: typeof v === 'number' ? v : '', cls: 'num' });

function table(id: string, heads: string[], rows: Array<{ cells: Cell[]; cls?: string; id?: string }>, empty = '无'): string {
  if (!rows.length) return `<p class="empty">${esc(empty)}</p>`;
  const body = rows.map((r) => `<tr${r.cls ? ` class="${r.cls}"` : ''}${r.id ? ` id="${esc(r.id)}"` : ''}>${r.cells.map((c) =>
    `<td${c.cls ? ` class="${c.cls}"` : ''}${c.v !== undefined ? ` data-v="${esc(c.v ?? '')}"` : ''}>${c.html}</td>`).join('')}</tr>`).join('\n');
  return `<div class="tablewrap"><table class="sortable" id="${esc(id)}"><thead><tr>${heads.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

function flagLinks(r: ReviewedRecord): Cell {
  return { html: r.flagIds.map((id) => `<a class="flaglink badge error" href="#flag-${id}" title="查看标记 ${id}">⚑ ${id}</a>`).join(''), v: r.flagIds.length };
}

/** A value cell that shows a correction: the corrected value, the extracted one struck through beside it. */
function val(r: ReviewedRecord, column: string, fmt: (x: unknown) => string = num): Cell {
  const v = r.row[column];
  if (!(column in r.original)) return typeof v === 'number' ? n(v, fmt) : t(v);
  const c = r.corrections.find((x) => x.field === column)!;
  const title = `更正：${c.corrected_by} ${c.corrected_at}${c.reason ? `，理由：${c.reason}` : ''}`;
  return {
    html: `<span class="corr" title="${esc(title)}">${esc(typeof v === 'number' ? fmt(v) : v)}</span><span class="orig" title="原值">${esc(typeof r.original[column] === 'number' ? fmt(r.original[column]) : r.original[column] ?? '空')}</span>`,
    v: typeof v === 'number' ? v : String(v ?? ''), cls: typeof v === 'number' ? 'num' : undefined,
  };
}

// a value read by OCR with low confidence is marked beside its place: its digits need a look at the scan
const src = (r: ReviewedRecord): Cell => ({
  html: esc(whereOf(r.source)) + (isLowConfidence(r.source) ? ` <span class="lowconf" title="OCR识别置信度低，请核对原件">OCR低置信 ${r.source.confidence!.toFixed(2)}</span>` : ''),
  cls: 'src',
});

function docLabel(d: ReviewedDocument): string {
  return `${d.row.unit ?? '（单位不详）'} ${d.row.year ?? ''}`;
}

function flagCard(d: ReviewedDocument, f: ReviewedFlag, blocks: BlockIndex): string {
  const ev = f.evidence.map((e) => {
    const v = viewEvidence(blocks, e, d.row.file);
    const where = `${e.file && e.file !== d.row.file ? `${e.file} · ` : ''}${whereOf(e.source)}${e.section ? ` · ${e.section}` : ''}`;
    return `<div class="ev${v.found ? '' : ' notfound'}"><span class="where">${esc(where)}${v.found ? '' : '（原文中未找到，显示引文）'}</span>`
      + `${v.previous ? `<span class="ctx">${esc(v.previous)}</span>\n` : ''}${esc(v.before)}<mark class="hl">${esc(v.match)}</mark>${esc(v.after)}`
      + `${v.next ? `\n<span class="ctx">${esc(v.next)}</span>` : ''}</div>`;
  }).join('');
  const calc = [f.formula ? `公式：${f.formula}` : '', f.stated != null ? `陈述值 ${num(f.stated, 4)}` : '', f.computed != null ? `计算值 ${num(f.computed, 4)}` : '',
    f.tolerance != null ? `容差 ${num(f.tolerance, 4)}` : ''].filter(Boolean).join('　');
  const rows = f.links.map((l) => `${{ figure: '金额', indicator: '指标', score: '得分', project: '项目' }[l.kind]} ${l.id}`).join('、');
  const review = f.review ? `<div class="review">${esc(STATUS_ZH[f.status])}：${esc(f.review.reviewed_by)} ${esc(f.review.reviewed_at)}${f.review.reason ? `，理由：${esc(f.review.reason)}` : ''}</div>` : '';
  return `<article class="flag ${esc(f.severity)} ${esc(f.status)}" id="flag-${f.id}">
<div><span class="badge">#${f.id}</span><span class="badge ${esc(f.severity)}">${esc(SEVERITY_ZH[f.severity] ?? f.severity)}</span><span class="badge">${esc(CATEGORY_ZH[f.category] ?? f.category)}</span><span class="badge ${esc(f.status)}">${esc(STATUS_ZH[f.status])}</span><span class="badge">${esc(f.rule)}</span>${f.scope === 'across' ? '<span class="badge">跨报告</span>' : ''}</div>
<div class="msg">${esc(f.message)}</div>
${calc ? `<div class="calc">${esc(calc)}</div>` : ''}${rows ? `<div class="calc">关联记录：${esc(rows)}</div>` : ''}${review}
${ev}
</article>`;
}

function documentView(d: ReviewedDocument, blocks: BlockIndex): string {
  const r = d.row;
  const meta: Array<[string, unknown]> = [['文件', r.file], ['单位', r.unit], ['地区', r.region], ['年度', r.year], ['报告类型', `${REPORT_TYPE_ZH[r.report_type] ?? r.report_type}（${r.report_type}）`],
    ['标题', r.title], ['格式', `${r.format}${r.pages ? `，${r.pages} 页` : ''}`], ['SHA256', r.sha256]];
  const flagged = (x: ReviewedRecord) => (x.flagIds.length ? 'flagged' : undefined);
  const figures = table(`figures-${r.id}`, ['编号', '指标键', '名称', '阶段', '所属年度', '金额（元）', '原文', '出处', '章节', '标记'], d.figures.map((f) => ({
    cls: flagged(f), id: `figure-${f.id}`,
    cells: [n(f.id), t(f.row.key), t(FIGURE_ZH[f.row.key] ?? ''), t(PHASE_ZH[f.row.phase] ?? f.row.phase), n(f.row.year ?? r.year), val(f, 'value_yuan', yuan),
      t(f.row.raw, 'raw'), src(f), t(f.row.section, 'raw'), flagLinks(f)],
  })), '未提取到金额');
  const indicators = table(`indicators-${r.id}`, ['序号', '项目', '一级指标', '二级指标', '三级指标', '性质', '指标值', '目标值', '单位', '完成值', '权重', '得分', '自评得分', '出处', '标记'],
    d.indicators.map((x) => ({
      cls: flagged(x), id: `indicator-${x.id}`,
      cells: [n(x.row.ord), t(x.row.project), t(x.row.level1), t(x.row.level2), t(x.row.level3), val(x, 'comparator'), t(x.row.target), val(x, 'target_value'),
        val(x, 'target_unit'), val(x, 'actual_value'), val(x, 'weight'), val(x, 'score'), val(x, 'self_score'), src(x), flagLinks(x)],
    })), '无指标表');
  const scores = table(`scores-${r.id}`, ['范围', '类型', '名称', '得分', '满分', '等级', '原文', '出处', '标记'], d.scores.map((x) => ({
    cls: flagged(x), id: `score-${x.id}`,
    cells: [t(SCOPE_ZH[x.row.scope] ?? x.row.scope), t(KIND_ZH[x.row.kind] ?? x.row.kind), t(x.row.name), val(x, 'value'), val(x, 'max'), val(x, 'grade'), t(x.row.raw, 'raw'), src(x), flagLinks(x)],
  })), '无得分');
  const projects = table(`projects-${r.id}`, ['项目编码', '项目名称', '年初预算（元）', '调整后预算（元）', '执行数（元）', '执行率', '得分', '出处', '标记'], d.projects.map((x) => ({
    cls: flagged(x), id: `project-${x.id}`,
    cells: [val(x, 'code'), t(x.row.name), val(x, 'budget_yuan', yuan), val(x, 'adjusted_yuan', yuan), val(x, 'executed_yuan', yuan),
      val(x, 'execution_rate', (v) => (typeof v === 'number' ? `${v.toFixed(2)}%` : '')), val(x, 'score'), src(x), flagLinks(x)],
  })), '无项目');
  const open = d.flags.filter((f) => f.status === 'open').length;
  return `<section class="view" id="doc-${r.id}" hidden>
<h2>${esc(r.title || r.file)}</h2>
<dl class="meta">${meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v ?? '—')}</dd>`).join('')}</dl>
<h3>标记（${d.flags.length}，待处理 ${open}）</h3>
${d.flags.length ? d.flags.map((f) => flagCard(d, f, blocks)).join('\n') : '<p class="empty">无标记</p>'}
<h3>金额（${d.figures.length}）</h3>
${figures}
<h3>绩效指标（${d.indicators.length}）</h3>
${indicators}
<h3>得分（${d.scores.length}）</h3>
${scores}
<h3>项目（${d.projects.length}）</h3>
${projects}
</section>`;
}

function documentScore(d: ReviewedDocument): { value: number; kind: string } | null {
  const doc = d.scores.filter((s) => s.row.scope === 'document' && typeof s.row.value === 'number');
  const pick = doc.find((s) => s.row.kind === 'review') ?? doc[0];
  return pick ? { value: pick.row.value, kind: pick.row.kind } : null;
}

function overview(docs: ReviewedDocument[], corrections: number): string {
  const flags = docs.flatMap((d) => d.flags.map((f) => ({ d, f })));
  const units = [...new Set(docs.map((d) => d.row.unit ?? '（单位不详）'))].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'));
  const categories = Object.keys(CATEGORY_ZH);
  const cards = [
    ['报告', docs.length], ['单位', units.length], ['标记', flags.length], ['待处理', flags.filter((x) => x.f.status === 'open').length],
    ['已确认', flags.filter((x) => x.f.status === 'confirmed').length], ['已驳回', flags.filter((x) => x.f.status === 'dismissed').length], ['更正', corrections],
  ].map(([k, v]) => `<div class="card"><b>${esc(v)}</b><span>${esc(k)}</span></div>`).join('');
  const reports = table('reports', ['文件', '单位', '地区', '年度', '报告类型', '金额', '指标', '得分', '项目', '标记', '待处理', '总得分'], docs.map((d) => {
    const s = documentScore(d);
    return {
      cells: [{ html: `<a href="#doc-${d.row.id}">${esc(d.row.file)}</a>`, v: d.row.file }, t(d.row.unit), t(d.row.region), n(d.row.year), t(REPORT_TYPE_ZH[d.row.report_type] ?? d.row.report_type),
        n(d.figures.length), n(d.indicators.length), n(d.scores.length), n(d.projects.length), n(d.flags.length), n(d.flags.filter((f) => f.status === 'open').length), n(s?.value ?? null)],
    };
  }));
  const max = Math.max(1, ...units.flatMap((u) => categories.map((c) => flags.filter((x) => (x.d.row.unit ?? '（单位不详）') === u && x.f.category === c).length)));
  const heat = `<div class="tablewrap heat"><table class="sortable" id="flags-by-unit"><thead><tr><th scope="col">单位</th>${categories.map((c) => `<th scope="col">${esc(CATEGORY_ZH[c])}</th>`).join('')}<th scope="col">合计</th></tr></thead><tbody>
${units.map((u) => {
    const counts = categories.map((c) => flags.filter((x) => (x.d.row.unit ?? '（单位不详）') === u && x.f.category === c).length);
    return `<tr><td>${esc(u)}</td>${counts.map((k) => `<td class="num" data-v="${k}" style="background:rgba(180,35,24,${(0.6 * k / max).toFixed(2)})">${k || ''}</td>`).join('')}<td class="num" data-v="${counts.reduce((a, b) => a + b, 0)}"><b>${counts.reduce((a, b) => a + b, 0)}</b></td></tr>`;
  }).join('\n')}
</tbody></table></div>`;
  const seen = new Set<string>();
  const points: ScorePoint[] = [];
  for (const d of docs) {
    for (const s of d.scores.filter((x) => x.row.scope === 'document' && typeof x.row.value === 'number')) {
      const key = `${d.row.unit}|${d.row.year}|${s.row.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      points.push({ unit: d.row.unit ?? '（单位不详）', year: d.row.year, kind: s.row.kind, value: s.row.value, max: s.row.max ?? 100 });
    }
  }
  const allFlags = table('all-flags', ['编号', '文件', '单位', '年度', '类别', '严重程度', '状态', '说明'], flags.map(({ d, f }) => ({
    cells: [{ html: `<a href="#flag-${f.id}">${f.id}</a>`, v: f.id, cls: 'num' }, t(d.row.file), t(d.row.unit), n(d.row.year), t(CATEGORY_ZH[f.category] ?? f.category),
      t(SEVERITY_ZH[f.severity] ?? f.severity), { html: `<span class="badge ${esc(f.status)}">${esc(STATUS_ZH[f.status])}</span>`, v: f.status }, t(f.message)],
  })), '无标记');
  return `<section class="view" id="overview">
<h2>县域总览</h2>
<div class="cards">${cards}</div>
<h3>得分：按单位和年度</h3>
<div class="chart">${scoreChart(points)}</div>
<h3>标记：按单位和类别</h3>
${heat}
<h3>报告</h3>
${reports}
<h3>全部标记</h3>
${allFlags}
</section>`;
}

export interface ReportOptions { filter?: DocumentFilter; dbName?: string; generatedAt?: Date }

export async function renderReport(db: Db, options: ReportOptions = {}): Promise<string> {
  const dataset = await loadDataset(db, options.filter ?? {});
  const docs = dataset.documents;
  const blocks = await BlockIndex.load(db, docs.flatMap((d) => d.flags.flatMap((f) => f.evidence.map((e) => e.file || d.row.file))));
  const corrections = docs.reduce((k, d) => k + [...d.figures, ...d.indicators, ...d.scores, ...d.projects].filter((r) => r.corrections.length).length, 0);
  const scriptHash = createHash('sha256').update(JS).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'`;
  const nav = [...docs].sort((a, b) => (a.row.unit ?? '').localeCompare(b.row.unit ?? '', 'zh-Hans-CN') || (a.row.year ?? 0) - (b.row.year ?? 0) || a.row.file.localeCompare(b.row.file))
    .map((d) => {
      const open = d.flags.filter((f) => f.status === 'open').length;
      return `<a href="#doc-${d.row.id}" data-doc="${d.row.id}">${esc(docLabel(d))} ${esc(REPORT_TYPE_ZH[d.row.report_type] ?? '')}${open ? ` <span class="badge error">${open}</span>` : ''}<span class="sub">${esc(d.row.file)}</span></a>`;
    }).join('\n');
  const when = (options.generatedAt ?? new Date()).toISOString().replace('T', ' ').slice(0, 16);
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="referrer" content="no-referrer">
<title>绩效报告审核 — ${esc(options.dbName ? basename(options.dbName) : 'jixiao')}</title>
<style>${CSS}</style>
</head>
<body>
<header class="top"><h1>绩效报告审核</h1><span class="meta">${esc(options.dbName ? basename(options.dbName) : '')} · ${docs.length} 份报告 · 生成于 ${esc(when)} UTC</span>
<input id="q" type="search" placeholder="筛选：单位、文件、指标、金额、标记……" aria-label="筛选" autocomplete="off"><span id="count"></span></header>
<div class="layout">
<nav id="side" aria-label="报告"><a href="#overview">县域总览</a><div class="group">报告</div>
${nav}
</nav>
<main>
${overview(docs, corrections)}
${docs.map((d) => documentView(d, blocks)).join('\n')}
</main>
</div>
<script>${JS}</script>
</body>
</html>
`;
}
