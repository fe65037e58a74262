// The review page's inline style sheet and script. No external resources: the page opens from disk,
// and its Content-Security-Policy forbids every network request and any script but this one.

export const CSS = `
:root { --fg:#1d2430; --muted:#5b6675; --line:#d9dee5; --bg:#f6f7f9; --card:#fff; --accent:#1f5fbf; --err:#b42318; --warn:#b54708; --info:#475467; --ok:#067647; --mark:#ffe066; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif;
  font-size: 14px; line-height: 1.55; color: var(--fg); background: var(--bg); }
header.top { position: sticky; top: 0; z-index: 5; display: flex; gap: 16px; align-items: center; padding: 10px 20px; background: #12263f; color: #fff; }
header.top h1 { font-size: 17px; margin: 0; font-weight: 600; white-space: nowrap; }
header.top .meta { color: #b8c4d6; font-size: 12px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
header.top input { margin-left: auto; width: min(420px, 40vw); padding: 6px 10px; border-radius: 6px; border: 1px solid #5a6b85; font: inherit; }
header.top #count { color: #d5deea; font-size: 12px; min-width: 80px; }
.layout { display: grid; grid-template-columns: 270px 1fr; min-height: calc(100vh - 50px); }
nav#side { border-right: 1px solid var(--line); background: #fff; padding: 10px 8px; overflow-y: auto; position: sticky; top: 50px; height: calc(100vh - 50px); }
nav#side a { display: block; padding: 6px 8px; border-radius: 6px; color: var(--fg); text-decoration: none; font-size: 13px; }
nav#side a:hover { background: #eef2f7; }
nav#side a.active { background: #dde8f7; color: #0b3b82; }
nav#side a .sub { display: block; color: var(--muted); font-size: 11.5px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
nav#side .group { margin: 12px 8px 4px; color: var(--muted); font-size: 12px; }
main { padding: 16px 24px 60px; min-width: 0; }
h2 { font-size: 20px; margin: 4px 0 12px; }
h3 { font-size: 15.5px; margin: 22px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 140px; }
.card b { display: block; font-size: 22px; }
.card span { color: var(--muted); font-size: 12px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 8px; font-size: 13px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; word-break: break-all; }
.tablewrap { overflow-x: auto; background: var(--card); border: 1px solid var(--line); border-radius: 8px; max-height: 70vh; overflow-y: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { padding: 5px 8px; border-bottom: 1px solid #edf0f3; text-align: left; vertical-align: top; }
th { position: sticky; top: 0; background: #f0f3f7; font-weight: 600; white-space: nowrap; cursor: pointer; user-select: none; z-index: 1; }
th[aria-sort="ascending"]::after { content: " ▲"; font-size: 10px; }
th[aria-sort="descending"]::after { content: " ▼"; font-size: 10px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.raw { color: var(--muted); max-width: 420px; }
td.src { color: var(--muted); font-size: 12px; white-space: nowrap; }
.lowconf { color: #b3261e; font-weight: 600; }
tr.flagged td:first-child { box-shadow: inset 3px 0 0 var(--err); }
.corr { color: var(--ok); font-weight: 600; }
.orig { color: var(--muted); text-decoration: line-through; font-size: 12px; margin-left: 4px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 11.5px; line-height: 18px; background: #eef2f7; color: var(--info); margin-right: 4px; white-space: nowrap; }
.badge.error { background: #fee4e2; color: var(--err); }
.badge.warning { background: #fef0c7; color: var(--warn); }
.badge.confirmed { background: #fee4e2; color: var(--err); }
.badge.dismissed { background: #e4e7ec; color: #344054; }
.badge.open { background: #fff3d6; color: #8a4b00; }
a.flaglink { text-decoration: none; }
article.flag { background: var(--card); border: 1px solid var(--line); border-left: 4px solid var(--err); border-radius: 8px; padding: 10px 14px; margin: 10px 0; }
article.flag.dismissed { border-left-color: #98a2b3; opacity: .8; }
article.flag.warning { border-left-color: var(--warn); }
article.flag.info { border-left-color: var(--info); }
article.flag:target { outline: 2px solid var(--accent); }
article.flag .msg { margin: 6px 0; font-weight: 500; }
article.flag .calc { color: var(--muted); font-size: 12.5px; }
article.flag .review { font-size: 12.5px; color: #344054; margin-top: 4px; }
.ev { margin: 8px 0 0; padding: 8px 12px; background: #fafbfc; border: 1px solid #e4e7ec; border-radius: 6px; white-space: pre-wrap; word-break: break-word; }
.ev .where { display: block; color: var(--muted); font-size: 12px; margin-bottom: 2px; }
.ev .ctx { color: #8a94a3; }
mark.hl { background: var(--mark); color: inherit; padding: 0 1px; border-radius: 2px; }
.ev.notfound mark.hl { background: #fde2c4; }
.chart svg { display: block; max-width: 100%; height: auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
.chart text { font-family: inherit; }
.heat td.num { min-width: 56px; }
.empty { color: var(--muted); font-style: italic; }
.hidden-by-filter { display: none !important; }
.view[hidden] { display: none; }
.view, article.flag, tr { scroll-margin-top: 64px; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } nav#side { position: static; height: auto; max-height: 40vh; } }
`;

export const JS = `
(function () {
  'use strict';
  var views = Array.prototype.slice.call(document.querySelectorAll('.view'));
  var links = Array.prototype.slice.call(document.querySelectorAll('nav#side a'));
  function show(hash) {
    var id = (hash || '').replace(/^#/, '') || 'overview';
    var el = document.getElementById(id);
    if (!el) { el = document.getElementById('overview'); id = 'overview'; }
    var view = el.closest('.view') || el;
    views.forEach(function (v) { v.hidden = v !== view; });
    links.forEach(function (a) { a.classList.toggle('active', a.getAttribute('href') === '#' + view.id); });
    if (el !== view) el.scrollIntoView({ block: 'start' }); else window.scrollTo(0, 0);
    applyFilter();
  }
  window.addEventListener('hashchange', function () { show(location.hash); });

  var box = document.getElementById('q');
  var count = document.getElementById('count');
  function applyFilter() {
    var q = (box.value || '').trim().toLowerCase();
    var terms = q ? q.split(/\\s+/) : [];
    var match = function (el) {
      var t = el.textContent.toLowerCase();
      for (var i = 0; i < terms.length; i++) if (t.indexOf(terms[i]) < 0) return false;
      return true;
    };
    var shown = 0, total = 0;
    var current = views.filter(function (v) { return !v.hidden; })[0];
    document.querySelectorAll('tbody tr, article.flag').forEach(function (el) {
      var ok = match(el);
      el.classList.toggle('hidden-by-filter', !ok);
      if (current && current.contains(el)) { total++; if (ok) shown++; }
    });
    document.querySelectorAll('nav#side a[data-doc]').forEach(function (a) { a.classList.toggle('hidden-by-filter', !match(a)); });
    count.textContent = terms.length ? shown + ' / ' + total + ' 条' : total + ' 条';
  }
  box.addEventListener('input', applyFilter);

  function cellValue(td) {
    if (!td) return '';
    var v = td.getAttribute('data-v');
    return v !== null ? v : td.textContent.trim();
  }
  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    var nx = a !== '' && !isNaN(x) && isFinite(a), ny = b !== '' && !isNaN(y) && isFinite(b);
    if (nx && ny) return x - y;
    if (a === '' && b !== '') return 1;
    if (b === '' && a !== '') return -1;
    return a.localeCompare(b, 'zh-Hans-CN');
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.querySelectorAll('thead th');
    heads.forEach(function (th, col) {
      th.setAttribute('tabindex', '0');
      th.title = '点击排序';
      var sort = function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var c = compare(cellValue(r1.cells[col]), cellValue(r2.cells[col]));
          return dir === 'ascending' ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
  });
  show(location.hash);
})();
`;
