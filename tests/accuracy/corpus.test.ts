// Guards accuracy on the bundled reports: the full pipeline (import into a real SQLite file, then the
// JSON export) scored against the hand-checked answers in fixtures/gold. The floors are the levels
// reached; a change that loses accuracy fails here.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../pipeline/store/db.ts';
import { importPaths } from '../../pipeline/ingest/index.ts';
import { exportDocuments } from '../../pipeline/export/json.ts';
import { CORPUS, GOLD, tempDir } from '../helpers.ts';
import { evaluate, goldFor, precisionOf, recallOf, total, type Evaluation } from './evaluate.ts';

const byFormat = new Map<string, Evaluation[]>();
const byFile = new Map<string, Evaluation>();

beforeAll(async () => {
  const db = openDatabase(join(tempDir('jixiao-accuracy-'), 'corpus.sqlite'));
  const summary = await importPaths(db, [CORPUS], { jobs: 2 });
  expect(summary.failed).toBe(0);
  for (const doc of exportDocuments(db)) {
    const g = goldFor(GOLD, doc.file);
    if (!g) continue;
    const e = evaluate(doc, g);
    const format = doc.file.split('.').pop()!;
    byFormat.set(format, [...(byFormat.get(format) ?? []), e]);
    byFile.set(doc.file, e);
  }
  db.close();
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

/** Measured levels, rounded down; raise them when accuracy improves. */
const FLOORS = {
  txt: { f1: 0.85, indicators: 0.95, figures: 0.85, figuresPrecision: 0.9, flags: 0.5 },
  all: { f1: 0.85 },
  xlsx: { indicators: 0.95 },
};
