// The review workbench's pages, rendered on the server as plain HTML. Every text from a document or
// the database goes through esc(); no inline script or style (the CSP allows only this server's
// /assets), so page boxes are SVG rectangles in page points over the page image.
import type { Box } from '../../schemas/document.ts';
import type { Evidence } from '../../schemas/records.ts';
import type { ReviewedDocument, ReviewedFlag, ReviewedRecord } from '../export/dataset.ts';
import { esc } from '../report/escape.ts';
import type { EvidenceView } from '../report/evidence.ts';
import type { DocumentRow } from '../store/read.ts';
import type { FlagPage, OverviewRow } from './data.ts';

export const PAGE_SCALE = 2;

const STATUS_ZH: Record<string, string> = { open: '待处理', confirmed: '已确认', dismissed: '已驳回' };
const CATEGORY_ZH: Record<string, string> = { arithmetic: '算术', ratio: '比率', conflict: '前后矛盾', score: '评分', target: '目标', entity: '主体', year: '年度' };

export function layout(title: string, body: string, attrs: Record<string, string | number | null> = {}): string {
  const a = Object.entries(attrs).filter(([, v]) => v != null).map(([k, v]) => ` data-${k}="${esc(v)}"`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · jixiao</title><link rel="stylesheet" href="/assets/app.css"><script src="/assets/app.js" defer></script></head>
<body${a}><header><a href="/" class="home">jixiao 审阅台</a><span class="who">审阅人：${esc(String(attrs.user ?? ''))}</span></header><main>${body}</main></body></html>`;
}

const num = (v: number | null | undefined, d = 2) => (v == null ? '—' : Number(v).toLocaleString('en-US', { maximumFractionDigits: d }));
const wan = (yuan: number | null | undefined) => (yuan == null ? '—' : `${(yuan / 10_000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}万元`);

export interface OverviewQuery { q?: string; year?: number; status?: string }

export function overviewPage(rows: OverviewRow[], query: OverviewQuery, user: string): string {
  const q = (query.q ?? '').trim();
  const shown = rows.filter((r) => (!q || `${r.unit ?? ''} ${r.region ?? ''} ${r.file}`.includes(q))
    && (query.year == null || r.year === query.year)
    && (!query.status || (query.status === 'open' ? r.flags.open > 0 : query.status === 'confirmed' ? r.flags.confirmed > 0 : query.status === 'dismissed' ? r.flags.dismissed > 0 : true)));
  const cats = Object.keys(CATEGORY_ZH);
  const total = (f: (r: OverviewRow) => number) => shown.reduce((s, r) => s + f(r), 0);
  const years = [...new Set(rows.map((r) => r.year).filter((y): y is number => y != null))].sort();
  const summary = `<table class="summary"><thead><tr><th>类别</th>${cats.map((c) => `<th>${esc(CATEGORY_ZH[c])}</th>`).join('')}<th>合计</th><th>待处理</th><th>已确认</th><th>已驳回</th></tr></thead>
<tbody><tr><td>疑点</td>${cats.map((c) => `<td>${total((r) => r.flags.byCategory[c] ?? 0)}</td>`).join('')}<td>${total((r) => r.flags.total)}</td><td>${total((r) => r.flags.open)}</td><td>${total((r) => r.flags.confirmed)}</td><td>${total((r) => r.flags.dismissed)}</td></tr></tbody></table>`;
  const form = `<form class="filter" method="get" action="/"><input type="search" name="q" value="${esc(q)}" placeholder="单位、地区或文件名" aria-label="搜索">
<select name="year" aria-label="年度"><option value="">全部年度</option>${years.map((y) => `<option${query.year === y ? ' selected' : ''}>${y}</option>`).join('')}</select>
<select name="status" aria-label="状态"><option value="">全部</option>${['open', 'confirmed', 'dismissed'].map((s) => `<option value="${s}"${query.status === s ? ' selected' : ''}>有${STATUS_ZH[s]}疑点</option>`).join('')}</select>
<button type="submit">筛选</button></form>`;
  const body = shown.map((r) => `<tr><td><a href="/report/${r.id}">${esc(r.unit ?? r.file)}</a><div class="file">${esc(r.file)}</div></td><td>${esc(r.region ?? '')}</td><td>${r.year ?? '—'}</td><td>${esc(r.reportType)}</td>
<td class="n">${r.score == null ? '—' : `${num(r.score)}${r.scoreKind === 'review' ? '（复核）' : ''}`}</td><td class="n">${r.flags.total}</td><td class="n${r.flags.open ? ' open' : ''}">${r.flags.open}</td><td class="n">${r.flags.confirmed}</td><td class="n">${r.flags.dismissed}</td>
<td>${cats.filter((c) => r.flags.byCategory[c]).map((c) => `<span class="tag">${esc(CATEGORY_ZH[c])} ${r.flags.byCategory[c]}</span>`).join(' ')}</td></tr>`).join('\n');
  const table = `<table id="reports" class="grid"><thead><tr><th>单位</th><th>地区</th><th>年度</th><th>类型</th><th>得分</th><th>疑点</th><th>待处理</th><th>已确认</th><th>已驳回</th><th>类别</th></tr></thead><tbody>${body}</tbody></table>`;
  return layout('总览', `<h1>总览 <small>${shown.length} / ${rows.length} 份报告</small></h1>${form}${summary}${unitCharts(shown)}${table}`, { user, page: 'overview' });
}

/** The same unit across years: open and reviewed flags per year as small bars, and the score where known. */
function unitCharts(rows: OverviewRow[]): string {
  const byUnit = new Map<string, OverviewRow[]>();
  for (const r of rows) if (r.unit && r.year != null) byUnit.set(r.unit, [...(byUnit.get(r.unit) ?? []), r]);
  const multi = [...byUnit.entries()].filter(([, rs]) => new Set(rs.map((r) => r.year)).size >= 2);
  if (!multi.length) return '';
  const charts = multi.slice(0, 24).map(([unit, rs]) => {
    const years = [...new Set(rs.map((r) => r.year!))].sort();
    const per = years.map((y) => {
      const of = rs.filter((r) => r.year === y);
      return { y, open: of.reduce((s, r) => s + r.flags.open, 0), done: of.reduce((s, r) => s + r.flags.confirmed + r.flags.dismissed, 0), score: of.find((r) => r.score != null)?.score ?? null };
    });
    const max = Math.max(1, ...per.map((p) => p.open + p.done));
    const w = 36, h = 64;
    const bars = per.map((p, i) => {
      const ho = (p.open / max) * h, hd = (p.done / max) * h;
      return `<g><title>${p.y}年：待处理 ${p.open}，已审 ${p.done}${p.score != null ? `，得分 ${num(p.score)}` : ''}</title>
<rect class="done" x="${i * w + 6}" y="${h - hd}" width="${w - 12}" height="${hd}"/><rect class="open" x="${i * w + 6}" y="${h - hd - ho}" width="${w - 12}" height="${ho}"/>
<text x="${i * w + w / 2}" y="${Math.max(10, h - hd - ho - 3)}" text-anchor="middle">${p.open + p.done}</text><text x="${i * w + w / 2}" y="${h + 14}" text-anchor="middle">${p.y}</text>${p.score != null ? `<text class="score" x="${i * w + w / 2}" y="${h + 28}" text-anchor="middle">${num(p.score, 1)}分</text>` : ''}</g>`;
    }).join('');
    return `<figure class="unit-chart"><svg viewBox="0 0 ${years.length * w} ${h + 32}" width="${years.length * w}" height="${h + 32}" role="img" aria-label="${esc(unit)} 各年度疑点">${bars}</svg><figcaption>${esc(unit)}</figcaption></figure>`;
  }).join('');
  return `<section class="units"><h2>同一单位各年度 <small>疑点：<span class="k open"></span>待处理 <span class="k done"></span>已审</small></h2><div class="charts">${charts}</div></section>`;
}

/** A link to where a value stands: its page with its box (PDF), else its place in the text. */
function evidenceLink(docId: number, source: { page?: number; box?: Box; line?: number; sheet?: string; range?: string; block?: number } | undefined, label?: string): string {
  if (!source) return '';
  if (source.page) {
    const box = source.box ? `?box=${[source.box.x0, source.box.y0, source.box.x1, source.box.y1].join(',')}` : '';
    return `<a class="ev" href="/doc/${docId}/page/${source.page}${box}">${esc(label ?? `第${source.page}页`)}</a>`;
  }
  const where = source.line ? `第${source.line}行` : source.sheet ? `${source.sheet}${source.range ? `!${source.range}` : ''}` : source.block != null ? `第${source.block + 1}段` : '';
  return `<span class="ev">${esc(label ?? where)}</span>`;
}

function recordTable(id: string, title: string, docId: number, records: ReviewedRecord[], cols: Array<[string, (r: ReviewedRecord) => string]>): string {
  if (!records.length) return '';
  const rows = records.map((r) => `<tr${r.corrections.length ? ' class="corrected"' : ''}>${cols.map(([, f]) => `<td>${f(r)}</td>`).join('')}<td>${evidenceLink(docId, r.source)}</td>
<td><button type="button" class="correct" data-kind="${esc(r.kind)}" data-id="${r.id}">更正</button></td></tr>`).join('\n');
  return `<section id="${id}"><h2>${esc(title)} <small>${records.length}</small></h2><table class="grid"><thead><tr>${cols.map(([h]) => `<th>${esc(h)}</th>`).join('')}<th>出处</th><th></th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

const corrected = (r: ReviewedRecord, col: string, show: (v: any) => string) =>
  col in r.original ? `<ins>${show(r.row[col])}</ins> <del>${show(r.original[col])}</del>` : show(r.row[col]);

export function reportPage(doc: ReviewedDocument, user: string): string {
  const d = doc.row;
  const id = d.id;
  const flags = doc.flags.map((f) => `<tr class="status-${f.status}"><td><a href="/flag/${f.id}">#${f.id}</a></td><td>${esc(CATEGORY_ZH[f.category] ?? f.category)}</td><td>${esc(f.message)}</td>
<td class="status">${esc(STATUS_ZH[f.status])}</td><td>${f.evidence.map((e) => (e.file === d.file ? evidenceLink(id, e.source) : `<span class="ev">${esc(e.file)}</span>`)).join(' ')}</td></tr>`).join('\n');
  const statements = doc.statements.map((s, ord) => {
    const items = doc.lineItems.filter((li) => li.statementOrd === ord);
    return `<details><summary>${esc(s.title)} <small>${esc(s.kind)} · ${esc(s.moneyUnit)} · ${s.rows.length} 行 · ${items.length} 项</small> ${evidenceLink(id, s.source)}</summary>
<table class="grid"><thead><tr><th>编码</th><th>科目</th><th>口径</th><th>阶段</th><th>金额</th><th>原文</th><th>出处</th></tr></thead><tbody>
${items.map((li) => `<tr><td>${esc(li.code ?? '')}</td><td>${esc(li.name)}</td><td>${esc(li.measure)}</td><td>${esc(li.phase)}</td><td class="n">${wan(li.valueYuan)}</td><td>${esc(li.raw)}</td><td>${evidenceLink(id, li.source)}</td></tr>`).join('\n')}</tbody></table></details>`;
  }).join('\n');
  const body = `<h1>${esc(d.unit ?? d.file)} <small>${d.year ?? ''} · ${esc(d.report_type)} · ${esc(d.format)}${d.pages ? ` · ${d.pages}页` : ''}</small></h1>
<p class="file">${esc(d.file)} · <a href="/">返回总览</a></p>
<section id="flags"><h2>疑点 <small>${doc.flags.length}</small></h2>${doc.flags.length ? `<table class="grid"><thead><tr><th>编号</th><th>类别</th><th>说明</th><th>状态</th><th>证据</th></tr></thead><tbody>${flags}</tbody></table>` : '<p>无</p>'}</section>
${recordTable('figures', '金额', id, doc.figures, [['指标', (r) => esc(r.row.key)], ['阶段', (r) => esc(r.row.phase)], ['金额', (r) => corrected(r, 'value_yuan', wan)], ['原文', (r) => esc(r.row.raw)]])}
${recordTable('indicators', '绩效指标', id, doc.indicators, [['项目', (r) => esc(r.row.project ?? '')], ['三级指标', (r) => esc(r.row.level3)], ['目标', (r) => esc(r.row.target ?? '')], ['完成', (r) => corrected(r, 'actual', esc)], ['得分', (r) => corrected(r, 'score', (v) => num(v))]])}
${recordTable('scores', '得分', id, doc.scores, [['范围', (r) => esc(r.row.scope)], ['类型', (r) => esc(r.row.kind)], ['名称', (r) => esc(r.row.name ?? '')], ['得分', (r) => corrected(r, 'value', (v) => num(v))], ['等级', (r) => esc(r.row.grade ?? '')]])}
${recordTable('projects', '项目', id, doc.projects, [['编码', (r) => esc(r.row.code ?? '')], ['名称', (r) => esc(r.row.name)], ['预算', (r) => wan(r.row.budget_yuan)], ['执行', (r) => corrected(r, 'executed_yuan', wan)], ['执行率', (r) => num(r.row.execution_rate)]])}
${statements ? `<section id="statements"><h2>报表 <small>${doc.statements.length}</small></h2>${statements}</section>` : ''}
<dialog id="correct-dialog"><form method="dialog" id="correct-form"><h3>更正数值</h3><label>字段 <input name="field" required placeholder="金额、完成值、目标值、得分、等级、执行数（元）…"></label><label>更正值 <input name="value" required></label><label>理由 <input name="reason"></label>
<menu><button value="cancel" type="button" class="cancel">取消</button><button value="ok" type="submit">保存</button></menu></form></dialog>`;
  return layout(d.unit ?? d.file, body, { user, page: 'report', doc: id });
}

export interface EvidencePanel { ev: Evidence; docId: number; format: string; context: EvidenceView | null; boxes: Box[] }

function pageFigure(docId: number, page: number, boxes: Box[], label: string): string {
  const rects = boxes.map((b) => `<rect class="hl" x="${b.x0 - 1.5}" y="${b.y0 - 1.5}" width="${b.x1 - b.x0 + 3}" height="${b.y1 - b.y0 + 3}" data-box="${[b.x0, b.y0, b.x1, b.y1].join(',')}"/>`).join('');
  return `<figure class="page" data-doc="${docId}" data-page="${page}" data-scale="${PAGE_SCALE}"><div class="pagewrap"><img src="/page/${docId}/${page}.png" alt="第${page}页" decoding="async">
<svg class="overlay" viewBox="0 0 1 1" preserveAspectRatio="none">${rects}</svg></div><figcaption>${esc(label)}</figcaption></figure>`;
}

function contextView(v: EvidenceView): string {
  if (!v.found) return `<blockquote class="ctx">${esc(v.match)}<p class="missing">（未在原文中找到这段文字）</p></blockquote>`;
  return `<blockquote class="ctx">${v.previous ? `<p class="around">${esc(v.previous)}</p>` : ''}<p>${esc(v.before)}<mark>${esc(v.match)}</mark>${esc(v.after)}</p>${v.next ? `<p class="around">${esc(v.next)}</p>` : ''}</blockquote>`;
}

export function flagPageHtml(p: FlagPage, panels: EvidencePanel[], user: string): string {
  const f: ReviewedFlag = p.flag;
  const review = f.review ? `<p class="review">${esc(STATUS_ZH[f.status])} · ${esc(f.review.reviewed_by)} · ${esc(f.review.reviewed_at)}${f.review.reason ? ` · 理由：${esc(f.review.reason)}` : ''}</p>` : '';
  const evidence = panels.map(({ ev, docId, format, context, boxes }, i) => {
    const head = `<h3>证据 ${i + 1} <small>${esc(ev.file)}${ev.section ? ` · ${esc(ev.section)}` : ''}</small></h3><p class="quote">${esc(ev.text)}</p>`;
    if (format === 'pdf' && ev.source.page) {
      const label = `${ev.file} 第${ev.source.page}页${ev.source.box ? '' : '（未记录位置）'}`;
      return `<section class="evidence">${head}${pageFigure(docId, ev.source.page, boxes, label)}</section>`;
    }
    return `<section class="evidence">${head}${context ? contextView(context) : ''}</section>`;
  }).join('\n');
  const values = [['公式', f.formula], ['文中数', f.stated == null ? null : num(f.stated, 4)], ['计算数', f.computed == null ? null : num(f.computed, 4)], ['容差', f.tolerance == null ? null : num(f.tolerance, 4)]]
    .filter(([, v]) => v != null).map(([k, v]) => `<dt>${k}</dt><dd>${esc(v)}</dd>`).join('');
  const history = p.history.length ? `<details class="history"><summary>审阅记录 ${p.history.length}</summary><ol>${p.history.map((e) => `<li>${esc(e.at)} ${esc(e.by)} ${esc(e.action)}${e.reason ? `：${esc(e.reason)}` : ''}</li>`).join('')}</ol></details>` : '';
  const nav = `<nav class="flagnav">${p.prev ? `<a id="prev" href="/flag/${p.prev}">← 上一条 (k)</a>` : '<span></span>'}<span>${p.position} / ${p.count}</span>${p.next ? `<a id="next" href="/flag/${p.next}">下一条 (j) →</a>` : '<span></span>'}</nav>`;
  const body = `<div class="flagpage"><aside>${nav}<h1><span class="status status-${f.status}" id="status">${esc(STATUS_ZH[f.status])}</span> #${f.id} ${esc(CATEGORY_ZH[f.category] ?? f.category)} <small>${esc(f.rule)} · ${esc(f.severity)}</small></h1>
<p class="doclink"><a href="/report/${p.doc.id}">${esc(p.doc.unit ?? p.doc.file)} ${p.doc.year ?? ''}</a> · ${esc(p.doc.file)}</p>
<p class="message">${esc(f.message)}</p>${values ? `<dl class="values">${values}</dl>` : ''}${review}
<form id="decide" class="decide" data-flag="${f.id}"><input id="reason" name="reason" placeholder="驳回理由（按 d 输入，回车提交）" autocomplete="off" value="${esc(f.review?.reason ?? '')}">
<div class="buttons"><button type="button" data-action="confirm">确认 (c)</button><button type="button" data-action="dismiss">驳回 (d)</button><button type="button" data-action="reopen">重新打开 (o)</button><button type="button" data-action="undo">撤销 (u)</button></div>
<span id="result" role="status"></span></form>
<p class="keys">键盘：j 下一条 · k 上一条 · c 确认 · d 驳回（输入理由后回车） · o 重新打开 · u 撤销 · Esc 离开输入框</p>
${history}</aside><div class="evidence-list">${evidence}</div></div>`;
  return layout(`疑点 #${f.id}`, body, { user, page: 'flag', flag: f.id, next: p.next, prev: p.prev });
}

/** A page of a document with one box on it (a value's evidence, linked from the report's tables). */
export function pageView(doc: DocumentRow, page: number, box: Box | null, user: string): string {
  const body = `<h1>${esc(doc.unit ?? doc.file)} <small>第${page}页${doc.pages ? ` / ${doc.pages}` : ''}</small></h1><p><a href="/report/${doc.id}">返回报告</a>
${page > 1 ? ` · <a href="/doc/${doc.id}/page/${page - 1}">上一页</a>` : ''}${!doc.pages || page < doc.pages ? ` · <a href="/doc/${doc.id}/page/${page + 1}">下一页</a>` : ''}</p>
${pageFigure(doc.id, page, box ? [box] : [], `${doc.file} 第${page}页`)}`;
  return layout(`${doc.file} 第${page}页`, body, { user, page: 'page' });
}

export function errorPage(status: number, message: string, user: string): string {
  return layout(String(status), `<h1>${status}</h1><p>${esc(message)}</p><p><a href="/">返回总览</a></p>`, { user });
}
