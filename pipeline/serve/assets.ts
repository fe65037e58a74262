// The workbench's style sheet and script, served from /assets (the CSP allows no inline code).
// The script: page boxes scaled to the page image, decisions posted as JSON, and the keyboard
// (j/k next and previous flag, c confirm, d dismiss with a reason, o reopen, u undo).

export const CSS = `
:root { --fg: #1d2430; --muted: #5d6878; --line: #d9dee6; --accent: #0b5cad; --open: #c2410c; --ok: #15803d; --no: #6b7280; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 "Noto Sans CJK SC", "Noto Sans SC", system-ui, sans-serif; color: var(--fg); background: #f6f7f9; }
header { display: flex; justify-content: space-between; padding: 8px 20px; background: #1d2430; color: #fff; }
header a { color: #fff; text-decoration: none; font-weight: 600; }
main { padding: 12px 20px 40px; max-width: 1600px; }
h1 small, h2 small, h3 small { color: var(--muted); font-weight: normal; font-size: 0.75em; }
a { color: var(--accent); }
table.grid, table.summary { border-collapse: collapse; background: #fff; width: 100%; margin: 6px 0 16px; }
table.grid th, table.grid td, table.summary th, table.summary td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f5; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.open { color: var(--open); font-weight: 600; }
.file { color: var(--muted); font-size: 12px; }
.tag { display: inline-block; background: #eef1f5; border-radius: 3px; padding: 0 5px; font-size: 12px; margin: 1px; }
form.filter { display: flex; gap: 8px; margin: 8px 0; }
form.filter input[type=search] { width: 320px; padding: 4px 8px; }
.units .charts { display: flex; flex-wrap: wrap; gap: 14px; }
.unit-chart { margin: 0; background: #fff; border: 1px solid var(--line); padding: 6px; }
.unit-chart figcaption { font-size: 12px; color: var(--muted); max-width: 220px; }
.unit-chart text { font-size: 10px; fill: var(--muted); }
rect.open, .k.open { fill: var(--open); background: var(--open); }
rect.done, .k.done { fill: #94a3b8; background: #94a3b8; }
.k { display: inline-block; width: 10px; height: 10px; margin: 0 3px 0 8px; }
.status { display: inline-block; padding: 0 8px; border-radius: 3px; color: #fff; font-size: 0.8em; }
.status-open .status, span.status-open { background: var(--open); }
span.status-confirmed { background: var(--ok); }
span.status-dismissed { background: var(--no); }
tr.status-dismissed td { color: var(--no); }
tr.corrected td { background: #fffbea; }
ins { color: var(--ok); text-decoration: none; font-weight: 600; } del { color: var(--no); }
.message { font-size: 16px; background: #fff; border-left: 4px solid var(--open); padding: 8px 12px; }
dl.values { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; background: #fff; padding: 8px 12px; }
dl.values dt { color: var(--muted); } dl.values dd { margin: 0; font-variant-numeric: tabular-nums; }
form.decide { display: flex; flex-direction: column; gap: 6px; margin: 10px 0; }
form.decide input { width: 100%; padding: 5px 8px; }
form.decide .buttons { display: flex; gap: 6px; flex-wrap: wrap; }
.flagpage { display: grid; grid-template-columns: minmax(320px, 430px) 1fr; gap: 20px; align-items: start; }
.flagpage aside { position: sticky; top: 8px; max-height: calc(100vh - 16px); overflow: auto; }
.flagpage aside h1 { font-size: 20px; }
@media (max-width: 900px) { .flagpage { grid-template-columns: 1fr; } .flagpage aside { position: static; max-height: none; } }
form.decide button { padding: 5px 12px; }
#result { color: var(--muted); }
.keys { color: var(--muted); font-size: 12px; }
nav.flagnav { display: flex; justify-content: space-between; background: #fff; padding: 6px 12px; border: 1px solid var(--line); }
.evidence { background: #fff; border: 1px solid var(--line); padding: 8px 12px; margin: 12px 0; }
.quote { font-family: inherit; background: #f6f7f9; padding: 6px 8px; }
figure.page { margin: 8px 0; }
.pagewrap { position: relative; display: inline-block; border: 1px solid var(--line); max-width: min(100%, 1000px); }
.pagewrap img { display: block; max-width: 100%; height: auto; }
svg.overlay { position: absolute; left: 0; top: 0; width: 100%; height: 100%; pointer-events: none; }
rect.hl { fill: rgba(255, 200, 0, 0.25); stroke: #e11d48; stroke-width: 1.5; }
blockquote.ctx { margin: 6px 0; padding: 6px 12px; border-left: 3px solid var(--line); white-space: pre-wrap; }
blockquote.ctx .around { color: var(--muted); }
mark { background: #fde68a; }
dialog form label { display: block; margin: 6px 0; }
`;

export const JS = `
(() => {
  'use strict';
  // page images: the overlay's coordinates are page points; the image is drawn at data-scale
  for (const fig of document.querySelectorAll('figure.page')) {
    const img = fig.querySelector('img'), svg = fig.querySelector('svg.overlay');
    const fit = () => {
      const s = Number(fig.dataset.scale) || 1;
      svg.setAttribute('viewBox', '0 0 ' + img.naturalWidth / s + ' ' + img.naturalHeight / s);
      fig.classList.add('ready');
      const r = svg.querySelector('rect.hl');
    };
    if (img.complete && img.naturalWidth) fit(); else img.addEventListener('load', fit);
  }

  async function post(url, body) {
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
    const data = await res.json().catch(() => ({ error: res.statusText }));
    if (!res.ok) throw new Error(data.error || res.statusText);
    return data;
  }

  const form = document.getElementById('decide');
  if (form) {
    const flag = form.dataset.flag;
    const reason = document.getElementById('reason');
    const result = document.getElementById('result');
    const act = async (action) => {
      if (action === 'dismiss' && !reason.value.trim()) { reason.focus(); result.textContent = '请先输入驳回理由，回车提交'; return; }
      result.textContent = '保存中…';
      try {
        const r = await post('/api/flags/' + flag + '/decision', { action, reason: reason.value.trim() || null });
        result.textContent = r.changed ? '已保存' : '未变化';
        location.reload();
      } catch (e) { result.textContent = '未保存：' + e.message; }
    };
    form.addEventListener('click', (e) => { const b = e.target.closest('button[data-action]'); if (b) act(b.dataset.action); });
    reason.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); act('dismiss'); }
      if (e.key === 'Escape') { reason.blur(); }
    });
    document.addEventListener('keydown', (e) => {
      if (e.target.closest('input, textarea, select, dialog') || e.ctrlKey || e.metaKey || e.altKey) return;
      const go = (id) => { const a = document.getElementById(id); if (a) location.href = a.href; };
      if (e.key === 'j') go('next');
      else if (e.key === 'k') go('prev');
      else if (e.key === 'c') act('confirm');
      else if (e.key === 'o') act('reopen');
      else if (e.key === 'u') act('undo');
      else if (e.key === 'd') { e.preventDefault(); reason.focus(); reason.select(); }
      else return;
    });
  }

  const dialog = document.getElementById('correct-dialog');
  if (dialog) {
    let target = null;
    document.addEventListener('click', (e) => {
      const b = e.target.closest('button.correct');
      if (!b) return;
      target = b.dataset;
      dialog.showModal();
    });
    dialog.querySelector('.cancel').addEventListener('click', () => dialog.close());
    document.getElementById('correct-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = new FormData(e.target);
      try {
        await post('/api/corrections', { kind: target.kind, id: Number(target.id), field: f.get('field'), value: f.get('value'), reason: f.get('reason') || null });
        location.reload();
      } catch (err) { alert('未保存：' + err.message); }
    });
  }
})();
`;
