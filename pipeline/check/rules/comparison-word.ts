// The comparison word against the two amounts it compares: 年初预算为452.40万元，支出决算为446.11万元 … 决算数大于预算数
// says the opposite of the numbers.
import type { Flag } from '../../../schemas/records.ts';
import type { Num, Sentence } from '../sentences.ts';
import type { Rule } from '../types.ts';
import { flag, halfUnit, sentenceEvidence } from '../util.ts';

const BUDGET = /(?:年初|全年|调整后)?预算(?:数)?(?:为|是)?$/;
const FINAL = /决算(?:数)?(?:为|是)?$/;
/** 决算数大于预算数, 决算数小于年初预算数, 决算数与预算数持平, 决算数同预算数持平, 决算数等于预算数. */
const CLAIM = /决算数?(大于|高于|超过|超出|小于|低于|少于|等于|与(?:年初)?预算数?持平|同(?:年初)?预算数?持平)(?:年初)?(?:预算数?)?/;

type Relation = 'greater' | 'less' | 'equal';
const relationOf = (word: string): Relation => (/大于|高于|超过|超出/.test(word) ? 'greater' : /小于|低于|少于/.test(word) ? 'less' : 'equal');
const RELATION_TEXT: Record<Relation, string> = { greater: '大于', less: '小于', equal: '等于' };

/** The budget and final amounts a sentence states, each with its own label (年初预算为a万元，支出决算为b万元). */
function pairIn(s: Sentence): { budget: Num; final: Num } | null {
  const money = s.nums.filter((n) => n.kind === 'money' && n.valueYuan != null);
  const budget = money.find((n) => BUDGET.test(n.label) && !/决算/.test(n.label));
  const final = money.find((n) => FINAL.test(n.label));
  return budget && final && budget !== final ? { budget, final } : null;
}

export const comparisonWord: Rule = {
  id: 'conflict.comparison-word',
  category: 'conflict',
  description: '正文的比较用语（大于/小于/持平）与所比较的两个金额不符',
  check(ctx) {
    const out: Flag[] = [];
    const ss = ctx.sentences.filter((s) => !s.cell);
    ss.forEach((s, si) => {
      const pair = pairIn(s);
      if (!pair) return;
      // the claim in this sentence or the next one of the same paragraph, before another pair of amounts
      for (const t of [s, ss[si + 1]]) {
        if (!t || t.block !== s.block || (t !== s && pairIn(t))) break;
        const m = CLAIM.exec(t === s ? s.text.slice(s.text.indexOf(pair.final.text) + pair.final.text.length) : t.text);
        if (!m) continue;
        const a = pair.budget.valueYuan!, b = pair.final.valueYuan!;
        // amounts as printed: equal within half a unit of the last digit of each
        const tol = halfUnit(pair.budget.decimals) * (a / (pair.budget.value || 1)) + halfUnit(pair.final.decimals) * (b / (pair.final.value || 1));
        const actual: Relation = Math.abs(b - a) <= tol ? 'equal' : b > a ? 'greater' : 'less';
        const claimed = relationOf(m[1]);
        if (claimed !== actual) {
          out.push(flag({
            category: 'conflict', rule: this.id,
            message: `写为“${m[0]}”，但决算数${pair.final.text}${RELATION_TEXT[actual]}预算数${pair.budget.text}`,
            formula: `决算数 ${RELATION_TEXT[claimed]} 预算数`, stated: b, computed: a, tolerance: tol,
            evidence: [sentenceEvidence(ctx, s), ...(t !== s ? [sentenceEvidence(ctx, t)] : [])],
          }));
        }
        break;
      }
    });
    return out;
  },
};
