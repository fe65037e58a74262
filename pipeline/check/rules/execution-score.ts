// A self-evaluation form's budget-execution block (资金总额 × 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分)
// that gives the full 分值 for a 执行率 below 100%. The national template scores that line as 执行率 × 分值, so
// 96.2% of a 10-point line is 9.62, not 10; a full score for money left unspent is the self-evaluation
// overstating itself. Only a full score is flagged, only where 执行率 × 分值 to one decimal stays below it (99.6%
// of 10 is 9.96, which a form that scores to one decimal writes 10.0), and not where the report states a band
// that earns full marks (执行率达到90%以上得满分), as some schemes score this line.
import type { Flag } from '../../../schemas/records.ts';
import { parseNumber } from '../../normalize/numbers.ts';
import { squash } from '../../normalize/text.ts';
import type { TableView } from '../sentences.ts';
import type { Rule } from '../types.ts';
import { flag } from '../util.ts';

const RATE_HEAD = /执行率/;
const WEIGHT_HEAD = /^(分值|权重|分数)/;
const SCORE_HEAD = /^(得分|自评得分|评分)/;
/** The block's first line, for the whole of the money: 年度资金总额, 资金总额, 总额, 合计. */
const TOTAL_LINE = /^(年度资金总额|资金总额|项目资金总额|总额|合计)/;
/** A scheme that gives full marks above a rate: 执行率达到90%（含）以上得满分, 执行率≥95%的得10分. */
const BAND = /执行率[^。；]{0,16}(?:≥|>=|大于|达到|不低于|高于)?\s*\d+(?:\.\d+)?\s*[%％][^。；]{0,12}(?:得满分|满分|得\d+(?:\.\d+)?分)/;
const PROJECT_LABEL = /^项目名称[:：]?$/;

const num = (s: string | undefined) => (s == null ? null : parseNumber(squash(s).replace(/[%％]$/, '')));

interface Block { header: number; rate: number; weight: number; score: number }

/** The header row of a budget-execution block: one 执行率, one 分值 and one 得分 column. */
function executionHeader(t: TableView): Block[] {
  const out: Block[] = [];
  t.spanned.forEach((row, r) => {
    const cells = row.map((c) => squash(c));
    const rate = cells.findIndex((c) => RATE_HEAD.test(c) && c.length <= 12);
    const weight = cells.findIndex((c) => WEIGHT_HEAD.test(c));
    const score = cells.findIndex((c) => SCORE_HEAD.test(c));
    if (rate >= 0 && weight >= 0 && score >= 0 && new Set([rate, weight, score]).size === 3) out.push({ header: r, rate, weight, score });
  });
  return out;
}

function projectOf(t: TableView, before: number): string | null {
  for (let r = before; r >= 0; r--) {
    const row = t.spanned[r];
    const k = row.findIndex((c) => PROJECT_LABEL.test(squash(c)));
    if (k >= 0) return row.slice(k + 1).map((c) => c.trim()).find((c) => c && !PROJECT_LABEL.test(squash(c))) ?? null;
  }
  return null;
}

export const executionScore: Rule = {
  id: 'target.execution-score',
  category: 'target',
  description: '预算执行率未达100%，预算执行一项却得满分',
  check(ctx) {
    const out: Flag[] = [];
    const bandStated = ctx.sentences.some((s) => BAND.test(s.text));
    for (const t of ctx.tables) {
      for (const b of executionHeader(t)) {
        // the block's total line: the first row below the header that carries the three numbers
        for (let r = b.header + 1; r < Math.min(t.spanned.length, b.header + 4); r++) {
          const row = t.spanned[r];
          // a row that lost its merged cells (a text extraction) stands shifted under its header: place it by its
          // one percentage, the 执行率, and the other two columns by where the header has them beside it
          const pct = row.findIndex((c) => /[%％]$/.test(c.trim()));
          if (pct < 0) continue;
          const shift = /[%％]$/.test(row[b.rate]?.trim() ?? '') ? 0 : pct - b.rate;
          const at = { rate: b.rate + shift, weight: b.weight + shift, score: b.score + shift };
          const rate = num(row[at.rate]), weight = num(row[at.weight]), score = num(row[at.score]);
          if (rate == null || weight == null || score == null) continue;
          // the line's label stands left of the numbers, maybe after a merged block label (预算执行情况（10分）)
          if (!row.slice(0, Math.min(at.rate, at.weight, at.score)).some((c) => TOTAL_LINE.test(squash(c)))) break;
          if (!(weight > 0) || rate >= 100 || rate < 0 || score < weight) break;
          const due = (weight * rate) / 100;
          if (Math.round(due * 10) / 10 >= score || bandStated) break;
          const project = projectOf(t, b.header);
          out.push(flag({
            category: 'target', rule: this.id,
            message: `${project ? `项目“${project}”` : ''}预算执行率为${row[at.rate].trim()}，资金未全部执行，预算执行一项却得满分${row[at.score].trim()}分（分值${row[at.weight].trim()}分）；按执行率×分值应为${Number(due.toFixed(2))}分`,
            formula: `${weight} × ${rate}% = ${Number(due.toFixed(4))}`, stated: score, computed: Number(due.toFixed(4)), tolerance: 0.05,
            evidence: [{ text: row.filter((c) => c.trim() !== '').join(' | '), file: ctx.file, section: t.section, source: t.rowSources[r] ?? t.source }],
          }));
          break;
        }
      }
    }
    return out;
  },
};
