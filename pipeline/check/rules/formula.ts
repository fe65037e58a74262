// A calculation written out in the report ("(8.84/15)×100%=58.93%", "4.27/23.77*2=0.36") evaluated again.
import type { Flag } from '../../../schemas/records.ts';
import type { Rule } from '../types.ts';
import { flag, halfUnit, round, sentenceEvidence } from '../util.ts';

type Tok = { t: 'n'; v: number; d: number } | { t: 'op'; v: string };

function tokenize(expr: string): Tok[] | null {
  const out: Tok[] = [];
  const re = /\s*(?:(\d[\d,]*(?:\.\d+)?)(%?)|([-+*/×÷()（）]))/y;
  let i = 0;
  while (i < expr.length) {
    re.lastIndex = i;
    const m = re.exec(expr);
    if (!m) return null;
    if (m[1]) {
      const raw = m[1].replace(/,/g, '');
      const v = Number(raw) / (m[2] ? 100 : 1);
      out.push({ t: 'n', v, d: (raw.split('.')[1] ?? '').length });
    } else out.push({ t: 'op', v: m[3].replace('（', '(').replace('）', ')').replace('×', '*').replace('÷', '/') });
    i = re.lastIndex;
  }
  return out;
}

/** Evaluates + - * / and parentheses; also returns the relative rounding error of the inputs. */
function evaluate(toks: Tok[]): { v: number; rel: number } | null {
  let pos = 0;
  const peek = () => toks[pos];
  const num = (): { v: number; rel: number } | null => {
    const t = toks[pos++];
    if (!t) return null;
    if (t.t === 'n') return { v: t.v, rel: t.v && t.d > 0 ? halfUnit(t.d) / Math.abs(t.v) : 0 }; // whole numbers (100%, ×2) are exact
    if (t.v === '(') { const e = expr(); if (toks[pos]?.t !== 'op' || toks[pos++].v !== ')') return null; return e; }
    if (t.v === '-') { const e = num(); return e && { v: -e.v, rel: e.rel }; }
    return null;
  };
  const term = (): { v: number; rel: number } | null => {
    let a = num();
    while (a && peek()?.t === 'op' && (peek().v === '*' || peek().v === '/')) {
      const op = toks[pos++].v;
      const b = num();
      if (!b) return null;
      if (op === '/' && b.v === 0) return null;
      a = { v: op === '*' ? a.v * b.v : a.v / b.v, rel: a.rel + b.rel };
    }
    return a;
  };
  const expr = (): { v: number; rel: number } | null => {
    let a = term();
    while (a && peek()?.t === 'op' && (peek().v === '+' || peek().v === '-')) {
      const op = toks[pos++].v;
      const b = term();
      if (!b) return null;
      const v = op === '+' ? a.v + b.v : a.v - b.v;
      // absolute errors add for sums
      const abs = Math.abs(a.v) * a.rel + Math.abs(b.v) * b.rel;
      a = { v, rel: v ? abs / Math.abs(v) : 0 };
    }
    return a;
  };
  const r = expr();
  return r && pos === toks.length ? r : null;
}

const EXPR_CHARS = /[\d.,+\-*/×÷()（）%]/;

export const formula: Rule = {
  id: 'ratio.formula',
  category: 'ratio',
  description: '报告写出的计算式（a/b×100%=c%）重新计算后结果不符',
  check(ctx) {
    const out: Flag[] = [];
    for (const s of ctx.sentences) {
      const text = s.text;
      for (let eq = text.indexOf('='); eq >= 0; eq = text.indexOf('=', eq + 1)) {
        let a = eq;
        while (a > 0 && EXPR_CHARS.test(text[a - 1])) a--;
        const left = text.slice(a, eq).replace(/^[)）.,+\-*/×÷]+/, '');
        const rm = /^(\d[\d,]*(?:\.\d+)?)(%?)/.exec(text.slice(eq + 1));
        if (!rm || !/[+\-*/×÷]/.test(left.replace(/^-/, '')) || !/\d/.test(left)) continue;
        if (/^\d+-\d+$/.test(left)) continue; // a range or a date, not a subtraction
        const toks = tokenize(left);
        if (!toks) continue;
        const r = evaluate(toks);
        if (!r) continue;
        const isPct = rm[2] === '%';
        const stated = Number(rm[1].replace(/,/g, ''));
        const decimals = (rm[1].split('.')[1] ?? '').length;
        // "×100%" already makes a percent; a bare ratio with a stated % is a fraction
        // with "×100%" the 100% token is 1, so either way the value is the fraction × 100
        const value = isPct ? r.v * 100 : r.v;
        const tol = halfUnit(decimals) + Math.abs(value) * r.rel + 1e-9;
        if (Math.abs(value - stated) <= tol) continue;
        out.push(flag({
          category: isPct ? 'ratio' : 'arithmetic', rule: this.id,
          message: `计算式 ${left}=${rm[0]} 有误：重新计算得 ${round(value, 4)}${isPct ? '%' : ''}，与所写 ${rm[0]} 不符（容差±${round(tol, 4)}）`,
          formula: left, stated, computed: round(value, 6), tolerance: round(tol, 6),
          evidence: [sentenceEvidence(ctx, s)],
        }));
      }
    }
    return out;
  },
};
