// Rules across reports, run on a real SQLite database holding related reports: a third party's
// verification and the self-evaluation it checks. The self-evaluation is made from a real report
// (wuchuan's) retold as the same unit and year as the verification (suixi's), because the corpus
// has no pair of that kind; only the unit's name and the years change.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../pipeline/store/sqlite.ts';
import { importPaths } from '../../pipeline/ingest/index.ts';
import { checkDatabase } from '../../pipeline/ingest/checks.ts';
import { corpusFile, tempDir } from '../helpers.ts';

function selfEvaluation(dir: string, score: string): string {
  const text = readFileSync(corpusFile('txt', 'wuchuan-2025-dept-self-eval'), 'utf8')
    .replace(/吴川市|吴州市/g, '遂溪县').replace(/2025/g, '2022').replace(/2026/g, '2023')
    .replace('自评分数为95分', `自评分数为${score}分`);
  const path = join(dir, `suixi-2022-self-eval-${score}.txt`);
  writeFileSync(path, text);
  return path;
}

async function acrossFlags(score: string) {
  const dir = tempDir('jixiao-cross-');
  const db = openSqlite(join(dir, 'county.sqlite'));
  await importPaths(db, [corpusFile('txt', 'suixi-2022-verification'), selfEvaluation(dir, score)], { jobs: 0 });
  const first = await checkDatabase(db);
  const second = await checkDatabase(db);
  const rows = await db.all(`SELECT d.file, f.rule, f.stated, f.computed, f.message FROM flags f JOIN documents d ON d.id = f.document_id WHERE f.scope = 'across'`);
  const meta = await db.all('SELECT unit, year, report_type FROM documents ORDER BY file');
  await db.close();
  return { rows, meta, first, second };
}

describe('rules across reports in one database', () => {
  it('flags a verification whose 自评得分 differs from the self-evaluation it checks, once however often it runs', async () => {
    const { rows, meta, first, second } = await acrossFlags('95');
    expect(meta).toEqual([
      { unit: '遂溪县医疗保障局', year: 2022, report_type: 'dept_self_eval' },
      { unit: '遂溪县医疗保障局', year: 2022, report_type: 'verification' },
    ]);
    const scoreFlags = rows.filter((r: any) => r.rule === 'cross.verification-self-score');
    expect(scoreFlags).toEqual([expect.objectContaining({ file: 'suixi-2022-verification.txt', stated: 100, computed: 95 })]);
    // the retold report's own amounts differ from the verification's for the same unit and year: flagged too
    expect(rows.filter((r: any) => r.rule === 'cross.year-figures').map((r: any) => r.message))
      .toContainEqual(expect.stringContaining('收入合计（决算）为529.09万元，但suixi-2022-verification.txt（2022年度报告）为24,315.81万元'));
    expect(second).toEqual(first);
  });

  it('raises no score flag when the two reports agree on the self score', async () => {
    const { rows } = await acrossFlags('100');
    expect(rows.filter((r: any) => r.rule === 'cross.verification-self-score')).toEqual([]);
  });
});
