// Guards accuracy on the bundled reports: the full pipeline (import into a real SQLite file, then the
// JSON export) scored against the hand-checked answers in fixtures/gold. The floors are the levels
// reached; a change that loses accuracy fails here.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../pipeline/store/sqlite.ts';
import { importPaths } from '../../pipeline/ingest/index.ts';
import { exportDocuments } from '../../pipeline/export/json.ts';
import { CORPUS, GOLD, tempDir } from '../helpers.ts';
import { evaluate, goldFor, precisionOf, recallOf, total, type Evaluation } from './evaluate.ts';

const byFormat = new Map<string, Evaluation[]>();
const byFile = new Map<string, Evaluation>();
const exported = new Map<string, any>();

beforeAll(async () => {
  const db = openSqlite(join(tempDir('jixiao-accuracy-'), 'corpus.sqlite'));
  const summary = await importPaths(db, [CORPUS], { jobs: 2 });
  expect(summary.failed).toBe(0);
  for (const doc of await exportDocuments(db)) {
    exported.set(doc.file, doc);
    const g = goldFor(GOLD, doc.file);
    if (!g) continue;
    const e = evaluate(doc, g);
    const format = doc.file.split('.').pop()!;
    byFormat.set(format, [...(byFormat.get(format) ?? []), e]);
    byFile.set(doc.file, e);
  }
  await db.close();
}, 300_000);

describe('accuracy on the text corpus', () => {
  it('overall F1 stays at the level reached', () => {
    const t = total(byFormat.get('txt')!);
    expect(t.f1).toBeGreaterThanOrEqual(FLOORS.txt.f1);
  });
  it('indicator rows, figures and flags keep their recall', () => {
    const t = total(byFormat.get('txt')!);
    expect(recallOf(t.indicators)).toBeGreaterThanOrEqual(FLOORS.txt.indicators);
    expect(recallOf(t.figures)).toBeGreaterThanOrEqual(FLOORS.txt.figures);
    expect(precisionOf(t.figures)).toBeGreaterThanOrEqual(FLOORS.txt.figuresPrecision);
    expect(recallOf(t.flags)).toBeGreaterThanOrEqual(FLOORS.txt.flags);
  });
});

describe('every format gives the same answers as the text', () => {
  it.each(['docx', 'pdf'])('%s: overall F1 within 2 points of txt', (format) => {
    const txt = total(byFormat.get('txt')!).f1;
    expect(total(byFormat.get(format)!).f1).toBeGreaterThanOrEqual(txt - 0.02);
  });
  it('all formats together stay above 90% F1', () => {
    expect(total([...byFormat.values()].flat()).f1).toBeGreaterThanOrEqual(FLOORS.all.f1);
  });
  it('the workbooks give their indicator rows', () => {
    for (const file of ['xihu-2022-dept-self-eval.xlsx', 'suixi-2022-verification.xlsx']) {
      expect(recallOf(byFile.get(file)!.indicators)).toBeGreaterThanOrEqual(FLOORS.xlsx.indicators);
    }
  });
});

describe('the same report in every format gives the same records', () => {
  const stems = ['xuwen-2023-dept-self-eval', 'xihu-2022-dept-self-eval', 'suixi-2022-verification', 'emeishan-2023-final-accounts', 'wuchuan-2025-dept-self-eval'];
  const figures = (d: any) => d.figures.map((f: any) => `${f.key}|${f.phase}|${f.year ?? ''}|${f.valueYuan}`).sort();
  const indicators = (d: any) => d.indicators.map((r: any) => [r.project, r.level1, r.level2, r.level3, r.comparator, r.targetValue, r.targetUnit, r.actualValue, r.weight, r.score, r.selfScore].join('|'));
  const scores = (d: any) => d.scores.map((x: any) => `${x.scope}|${x.kind}|${x.value}|${x.grade}`).sort();
  const projects = (d: any) => d.projects.map((p: any) => [p.code, p.budgetYuan, p.adjustedYuan, p.executedYuan, p.executionRate, p.score].join('|')).sort();
  const flags = (d: any) => d.flags.map((f: any) => `${f.category}|${f.rule}|${f.stated}`).sort();
  it.each(stems.flatMap((s) => [[s, 'docx'], [s, 'pdf']]))('%s: .%s matches .txt', (stem, format) => {
    const txt = exported.get(`${stem}.txt`);
    const other = exported.get(`${stem}.${format}`);
    expect({ unit: other.unit, year: other.year, reportType: other.reportType }).toEqual({ unit: txt.unit, year: txt.year, reportType: txt.reportType });
    expect(figures(other)).toEqual(figures(txt));
    expect(indicators(other)).toEqual(indicators(txt));
    expect(scores(other)).toEqual(scores(txt));
    expect(projects(other)).toEqual(projects(txt));
    expect(flags(other)).toEqual(flags(txt));
  });
  it.each(['xihu-2022-dept-self-eval', 'suixi-2022-verification'])('%s: the workbook gives the indicator rows of the report', (stem) => {
    const rows = (d: any) => d.indicators.map((r: any) => [r.level1, r.level2, r.level3, r.targetValue, r.actualValue, r.weight, r.score, r.selfScore].join('|'));
    expect(rows(exported.get(`${stem}.xlsx`))).toEqual(rows(exported.get(`${stem}.txt`)));
  });
});

/** Measured levels, rounded down; raise them when accuracy improves. */
const FLOORS = {
  txt: { f1: 0.99, indicators: 0.99, figures: 0.95, figuresPrecision: 0.99, flags: 0.9 },
  all: { f1: 0.99 },
  xlsx: { indicators: 0.99 },
};
