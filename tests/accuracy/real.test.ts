// Guards accuracy on real published reports that were not used to build the extractors (fixtures/real),
// scored against hand-checked answers in fixtures/gold-real: budgets and a 决算 with their standard tables,
// a one-page 绩效目标申报表, a third-party 绩效评价报告 converted to markdown, and a printed, stamped scan (read by OCR).
// The floors are the levels reached; a change that fits the development corpus at the expense of these fails here.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../pipeline/store/sqlite.ts';
import { importPaths } from '../../pipeline/ingest/index.ts';
import { exportDocuments } from '../../pipeline/export/json.ts';
import { FIXTURES, REAL, tempDir } from '../helpers.ts';
import { evaluate, goldFor, precisionOf, recallOf, total, type Evaluation } from './evaluate.ts';

const GOLD_REAL = join(FIXTURES, 'gold-real');
const byFile = new Map<string, Evaluation>();
let failed: string[] = [];

beforeAll(async () => {
  const db = openSqlite(join(tempDir('jixiao-real-'), 'real.sqlite'));
  const summary = await importPaths(db, [REAL], { jobs: 2 });
  failed = summary.outcomes.filter((o) => o.status === 'failed').map((o) => o.path);
  for (const doc of await exportDocuments(db)) {
    const g = goldFor(GOLD_REAL, doc.file);
    if (g) byFile.set(doc.file, evaluate(doc, g));
  }
  await db.close();
}, 600_000);

const file = (prefix: string) => {
  const hit = [...byFile.keys()].find((f) => f.startsWith(prefix));
  expect(hit, `${prefix}… was imported and has gold`).toBeDefined();
  return byFile.get(hit!)!;
};

describe('accuracy on real reports outside the development corpus', () => {
  it('imports every report, the scan included', () => {
    expect(failed).toEqual([]);
    expect(byFile.size).toBe(6);
  });

  it('the scan, read by OCR, gives its unit, year, type and score', () => {
    const e = file('rw_2022年度长沙');
    expect(recallOf(e.meta)).toBe(1);
    expect(recallOf(e.scores)).toBe(1);
  });

  it('overall F1 stays at the level reached', () => {
    expect(total([...byFile.values()]).f1).toBeGreaterThanOrEqual(FLOORS.f1);
  });

  it('metadata, figures, scores and projects keep recall and precision', () => {
    const t = total([...byFile.values()]);
    expect(recallOf(t.meta)).toBeGreaterThanOrEqual(FLOORS.meta);
    expect(recallOf(t.figures)).toBeGreaterThanOrEqual(FLOORS.figures);
    expect(precisionOf(t.figures)).toBeGreaterThanOrEqual(FLOORS.figuresPrecision);
    expect(recallOf(t.scores)).toBeGreaterThanOrEqual(FLOORS.scores);
    expect(recallOf(t.projects)).toBeGreaterThanOrEqual(FLOORS.projects);
  });

  it('indicator rows of target tables and a scoring table keep recall and their fields', () => {
    const t = total([...byFile.values()]);
    expect(recallOf(t.indicators)).toBeGreaterThanOrEqual(FLOORS.indicators);
    expect(recallOf(t.fields)).toBeGreaterThanOrEqual(FLOORS.fields);
  });

  it('the 部门预算 and 决算 standard tables give every whole-unit figure', () => {
    for (const prefix of ['gbc_', 'rw_2019', 'rw_2026', 'rw_广州']) {
      const e = file(prefix);
      expect(recallOf(e.figures), prefix).toBe(1);
      expect(precisionOf(e.figures), prefix).toBe(1);
    }
  });

  it('the target tables give every row with its comparator, value and unit', () => {
    for (const prefix of ['rw_2026', 'rw_广州']) {
      const e = file(prefix);
      expect(recallOf(e.indicators), prefix).toBe(1);
      expect(recallOf(e.fields), prefix).toBe(1);
    }
  });
});

/** Measured levels, rounded down; raise them when accuracy improves. */
const FLOORS = {
  f1: 0.97, meta: 1, figures: 1, figuresPrecision: 1, scores: 1, projects: 1, indicators: 0.95, fields: 0.95,
};
