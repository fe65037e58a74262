// Shared set-up for the export, review and report tests: the txt corpus imported through the real CLI
// into a temp database, plus a few flags written the way the check engine writes them, so the tests do
// not depend on what the rules find today.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openStore } from '../../pipeline/store/open.ts';
import type { Db } from '../../pipeline/store/types.ts';
import { replaceFlags } from '../../pipeline/store/write.ts';
import type { Flag } from '../../schemas/records.ts';
import { CORPUS, tempDir } from '../helpers.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/jixiao.mjs');

export function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function importCorpus(db: string): void {
  execFileSync(process.execPath, [BIN, 'import', join(CORPUS, 'txt'), '--db', db, '--quiet', '--jobs', '0'], { cwd: ROOT, stdio: 'pipe' });
}

export const INJECTION = '<img src=x onerror="window.__pwned=1">';

/** Writes test flags on the xihu report: one quoting a figure, one quoting an indicator row, one with markup in it. */
export async function addTestFlags(db: Db): Promise<{ docId: number; figureId: number; indicatorId: number; flagIds: number[] }> {
  const doc = (await db.get<{ id: number; file: string }>("SELECT id, file FROM documents WHERE file LIKE 'xihu-2022%' ORDER BY id LIMIT 1"))!;
  const fig = (await db.get("SELECT * FROM figures WHERE document_id = ? AND key = 'expenditure.basic' ORDER BY id LIMIT 1", [doc.id]))!;
  const ind = (await db.get('SELECT * FROM indicators WHERE document_id = ? ORDER BY ord LIMIT 1', [doc.id]))!;
  const para = (await db.get<{ text: string; source: string }>("SELECT text, source FROM blocks WHERE document_id = ? AND kind = 'paragraph' AND length(text) > 30 ORDER BY ord LIMIT 1 OFFSET 3", [doc.id]))!;
  const ev = (text: string, source: string, section = '') => ({ text, file: doc.file, section, source: JSON.parse(source) });
  const flags: Flag[] = [
    { category: 'conflict', rule: 'test.figure-conflict', severity: 'error', message: `基本支出前后写法不一：${fig.raw}`, formula: null,
      stated: fig.value_yuan, computed: fig.value_yuan + 10000, tolerance: 50, evidence: [ev(fig.raw, fig.source, fig.section)] },
    { category: 'target', rule: 'test.indicator-target', severity: 'warning', message: `指标“${ind.level3}”未达到目标却得满分`, formula: null,
      stated: null, computed: null, tolerance: null, evidence: [ev(ind.level3, ind.source, ind.section)] },
    { category: 'entity', rule: 'test.markup', severity: 'info', message: `报告含有标记 ${INJECTION}</script><script>window.__pwned=2</script>`, formula: null,
      stated: null, computed: null, tolerance: null, evidence: [ev(para.text.slice(2, 14), para.source)] },
  ];
  await replaceFlags(db, doc.id, 'across', flags);
  const flagIds = (await db.all<{ id: number }>("SELECT id FROM flags WHERE document_id = ? AND scope = 'across' ORDER BY id", [doc.id])).map((r) => r.id);
  return { docId: doc.id, figureId: fig.id, indicatorId: ind.id, flagIds };
}

/** A fresh database with the txt corpus and the test flags. */
export async function corpusDatabase(prefix = 'jixiao-export-') {
  const dir = tempDir(prefix);
  const path = join(dir, 'county.sqlite');
  importCorpus(path);
  const db = await openStore(path);
  const ids = await addTestFlags(db);
  await db.close();
  return { dir, path, ...ids };
}
