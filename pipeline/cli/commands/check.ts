// jixiao check: runs every consistency rule over the database again and prints what it found.
import { parseArgs } from 'node:util';
import { openStore } from '../../store/open.ts';
import { checkDatabase } from '../../ingest/checks.ts';
import { DEFAULT_DB, type Command } from '../command.ts';

export const checkCommand: Command = {
  name: 'check',
  summary: 'cross-check the stored figures and scores, and list the flags',
  help: `jixiao check [--db FILE|URL] [--quiet]

Runs every consistency rule again over what the database holds: inside each report (parts against
totals, stated rates against their figures, the same quantity stated twice, scores against weights
and grades, targets missed with full marks, another unit's name, wrong years) and across reports
(the same unit over years, a verification against the self-evaluation it checks). Flags are
replaced, not added: running it twice gives the same flags. Import runs it too.

Options:
  --db FILE|URL  the database: a SQLite file or postgres://… (default ./${DEFAULT_DB})
  --quiet     print only the summary`,
  run: runCheck,
};

const CATEGORY_NAMES: Record<string, string> = {
  arithmetic: '加总', ratio: '比率', conflict: '前后矛盾', score: '评分', target: '目标', entity: '单位名称', year: '年度',
};

async function runCheck(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string', default: DEFAULT_DB }, quiet: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) { process.stdout.write(checkCommand.help + '\n'); return 0; }
  const db = await openStore(values.db!);
  try {
    const summary = await checkDatabase(db);
    if (!values.quiet) {
      const rows = await db.all<{ file: string; category: string; rule: string; severity: string; message: string }>(`SELECT d.file, f.category, f.rule, f.severity, f.message
        FROM flags f JOIN documents d ON d.id = f.document_id ORDER BY d.file, f.scope, f.id`);
      let last = '';
      for (const r of rows) {
        if (r.file !== last) { process.stdout.write(`\n${r.file}\n`); last = r.file; }
        process.stdout.write(`  ${r.severity === 'error' ? '✗' : '!'} [${CATEGORY_NAMES[r.category] ?? r.category}] ${r.message}  (${r.rule})\n`);
      }
      process.stdout.write('\n');
    }
    const cats = Object.entries(summary.byCategory).map(([c, n]) => `${CATEGORY_NAMES[c] ?? c} ${n}`).join(', ');
    process.stdout.write(`${summary.documents} documents checked: ${summary.flags + summary.across} flags${cats ? ` (${cats})` : ''}\n`);
    return 0;
  } finally {
    await db.close();
  }
}
