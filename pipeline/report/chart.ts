// The overview's chart: document scores by unit and year as horizontal bars, in inline SVG.
import { esc } from './escape.ts';

export interface ScorePoint { unit: string; year: number | null; kind: string; value: number; max: number }

const COLORS: Record<string, string> = { self: '#2e6fd1', review: '#d9822b' };
const KIND_ZH: Record<string, string> = { self: '自评', review: '核查' };

export function scoreChart(points: ScorePoint[]): string {
  if (!points.length) return '<p class="empty">没有全文得分</p>';
  const rows = [...points].sort((a, b) => a.unit.localeCompare(b.unit, 'zh-Hans-CN') || (a.year ?? 0) - (b.year ?? 0) || a.kind.localeCompare(b.kind));
  const labelW = 300, barW = 520, rowH = 26, top = 30, width = labelW + barW + 70;
  const height = top + rows.length * rowH + 30;
  const x = (v: number) => labelW + (barW * Math.max(0, Math.min(v, 100))) / 100;
  const grid = [0, 20, 40, 60, 80, 90, 100].map((g) => `<line x1="${x(g)}" y1="${top - 6}" x2="${x(g)}" y2="${height - 24}" stroke="${g === 90 || g === 80 || g === 60 ? '#c9d2de' : '#eef1f5'}" stroke-dasharray="${g === 90 || g === 80 || g === 60 ? '4 3' : ''}"/>`
    + `<text x="${x(g)}" y="${height - 8}" font-size="11" text-anchor="middle" fill="#5b6675">${g}</text>`).join('');
  const bars = rows.map((p, i) => {
    const y = top + i * rowH;
    const pct = p.max ? (100 * p.value) / p.max : p.value;
    return `<g><title>${esc(`${p.unit} ${p.year ?? ''} ${KIND_ZH[p.kind] ?? p.kind}：${p.value} / ${p.max}`)}</title>`
      + `<text x="${labelW - 8}" y="${y + 17}" font-size="12.5" text-anchor="end" fill="#1d2430">${esc(`${p.unit} ${p.year ?? ''} ${KIND_ZH[p.kind] ?? p.kind}`)}</text>`
      + `<rect x="${labelW}" y="${y + 4}" width="${Math.max(1, x(pct) - labelW).toFixed(1)}" height="${rowH - 9}" rx="3" fill="${COLORS[p.kind] ?? '#667085'}"/>`
      + `<text x="${(x(pct) + 6).toFixed(1)}" y="${y + 17}" font-size="12" fill="#1d2430">${esc(p.value)}</text></g>`;
  }).join('');
  const legend = Object.entries(KIND_ZH).map(([k, zh], i) => `<rect x="${labelW + i * 80}" y="6" width="12" height="12" rx="2" fill="${COLORS[k]}"/><text x="${labelW + 16 + i * 80}" y="16" font-size="12" fill="#1d2430">${zh}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="按单位和年度的得分" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${legend}${grid}${bars}<text x="${labelW + barW + 8}" y="16" font-size="11" fill="#5b6675">满分 100</text></svg>`;
}
