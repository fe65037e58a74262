// Accuracy against the bundled hand-checked answers (fixtures/gold), computed here so the
// test suite stands alone. It counts what a user cares about: gold facts found, extracted facts wrong.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface Tally { found: number; missed: number; wrong: number }
const tally = (): Tally => ({ found: 0, missed: 0, wrong: 0 });
const key = (s: unknown) => String(s ?? '').normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
// equal within an absolute tolerance or one part in a million (a total in 元 and the same in 万元 agree)
const close = (a: unknown, b: unknown, tol: number) =>
  a != null && b != null && Math.abs(Number(a) - Number(b)) <= Math.max(tol, 1e-6 * Math.abs(Number(b)));

export interface Evaluation { meta: Tally; figures: Tally; indicators: Tally; fields: Tally; scores: Tally; projects: Tally; flags: Tally }

export function evaluate(doc: any, g: any): Evaluation {
  const e: Evaluation = { meta: tally(), figures: tally(), indicators: tally(), fields: tally(), scores: tally(), projects: tally(), flags: tally() };
  for (const f of ['unit', 'year', 'reportType']) {
    if (g[f] === undefined) continue;
    if (key(doc[f]) === key(g[f])) e.meta.found++; else e.meta.missed++;
  }
  const yearOf = (y: unknown) => (y == null || Number(y) === g.year ? '' : String(y));
  const byKey = new Map<string, number[]>();
  for (const f of doc.figures ?? []) {
    const k = `${f.key}|${f.phase}|${yearOf(f.year)}`;
    byKey.set(k, [...(byKey.get(k) ?? []), f.valueYuan]);
  }
  const goldKeys = new Set<string>();
  for (const gf of g.figures ?? []) {
    const k = `${gf.key}|${gf.phase}|${yearOf(gf.year)}`;
    goldKeys.add(k);
    const got = byKey.get(k) ?? [];
    for (const v of gf.values) if (got.some((x) => close(x, v, 1))) e.figures.found++; else e.figures.missed++;
    e.figures.wrong += new Set(got.filter((x) => !gf.values.some((v: number) => close(x, v, 1)))).size;
  }
  if (g.figuresComplete) for (const [k, vals] of byKey) if (!goldKeys.has(k)) e.figures.wrong += new Set(vals).size;

  const pool = new Map<string, any[]>();
  for (const r of doc.indicators ?? []) {
    const k = `${key(r.project)}|${key(r.level3)}`;
    pool.set(k, [...(pool.get(k) ?? []), r]);
  }
  for (const gr of g.indicators ?? []) {
    const row = pool.get(`${key(gr.project)}|${key(gr.level3)}`)?.shift();
    if (!row) { e.indicators.missed++; continue; }
    e.indicators.found++;
    for (const f of ['level1', 'level2', 'comparator', 'targetValue', 'targetUnit', 'actualValue', 'weight', 'score', 'selfScore']) {
      if (gr[f] === undefined) continue;
      const ok = ['targetValue', 'actualValue', 'weight', 'score', 'selfScore'].includes(f)
        ? (gr[f] === null ? row[f] == null : close(row[f], gr[f], 1e-9))
        : f === 'comparator' ? (row[f] ?? null) === gr[f] : key(row[f]) === key(gr[f]);
      if (ok) e.fields.found++; else { e.fields.missed++; e.fields.wrong++; }
    }
  }
  if (g.indicatorsComplete !== false) for (const rest of pool.values()) e.indicators.wrong += rest.length;

  const scores = [...(doc.scores ?? [])];
  for (const gs of g.scores ?? []) {
    const i = scores.findIndex((s) => s.scope === gs.scope && (gs.kind == null || s.kind === gs.kind) && close(s.value, gs.value, 0.005)
      && (gs.scope === 'document' || key(s.name).includes(key(gs.name))));
    if (i < 0) { e.scores.missed++; continue; }
    const s = scores.splice(i, 1)[0];
    if (gs.grade && s.grade !== gs.grade) { e.scores.missed++; e.scores.wrong++; } else e.scores.found++;
  }
  for (const gg of g.grades ?? []) {
    if ((doc.scores ?? []).some((s: any) => s.scope === gg.scope && s.grade === gg.grade)) e.scores.found++; else e.scores.missed++;
  }
  const projects = [...(doc.projects ?? [])];
  for (const gp of g.projects ?? []) {
    const i = projects.findIndex((p) => (gp.code && key(p.code) === key(gp.code)) || (key(p.name) && (key(p.name).includes(key(gp.name)) || key(gp.name).includes(key(p.name)))));
    if (i < 0) { e.projects.missed++; continue; }
    const p = projects.splice(i, 1)[0];
    e.projects.found++;
    for (const f of ['budgetYuan', 'adjustedYuan', 'executedYuan', 'executionRate', 'score']) {
      if (gp[f] === undefined) continue;
      if (close(p[f], gp[f], f === 'executionRate' ? 0.01 : 1)) e.fields.found++; else { e.fields.missed++; e.fields.wrong++; }
    }
  }
  if (g.projectsComplete !== false) e.projects.wrong += projects.length;

  const used = new Set<number>();
  for (const gf of g.flags ?? []) {
    const i = (doc.flags ?? []).findIndex((f: any, j: number) => !used.has(j) && f.category === gf.category
      && key([f.message, ...(f.evidence ?? []).map((x: any) => (typeof x === 'string' ? x : JSON.stringify(x)))].join(' ')).includes(key(gf.mention)));
    if (i < 0) e.flags.missed++; else { used.add(i); e.flags.found++; }
  }
  if (g.flagsComplete !== false) e.flags.wrong += (doc.flags ?? []).length - used.size;
  return e;
}

export function goldFor(goldDir: string, file: string): any | null {
  const stem = file.replace(/\.[^.]+$/, '');
  const ext = file.slice(stem.length + 1);
  for (const name of [`${stem}.${ext}.json`, `${stem}.json`]) if (existsSync(join(goldDir, name))) return JSON.parse(readFileSync(join(goldDir, name), 'utf8'));
  return null;
}

export function total(evals: Evaluation[]): Evaluation & { recall: number; precision: number; f1: number } {
  const sum = evaluate({}, {}) as Evaluation;
  for (const e of evals) for (const k of Object.keys(sum) as Array<keyof Evaluation>) {
    sum[k].found += e[k].found; sum[k].missed += e[k].missed; sum[k].wrong += e[k].wrong;
  }
  const all = Object.values(sum).reduce((a, t) => ({ found: a.found + t.found, missed: a.missed + t.missed, wrong: a.wrong + t.wrong }), tally());
  const recall = all.found / Math.max(1, all.found + all.missed);
  const precision = all.found / Math.max(1, all.found + all.wrong);
  return { ...sum, recall, precision, f1: recall + precision ? (2 * recall * precision) / (recall + precision) : 0 };
}

export const recallOf = (t: Tally) => t.found / Math.max(1, t.found + t.missed);
export const precisionOf = (t: Tally) => t.found / Math.max(1, t.found + t.wrong);
