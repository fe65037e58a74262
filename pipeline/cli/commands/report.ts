// jixiao report: the review page, one self-contained HTML file.
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { openStore } from '../../store/open.ts';
import { renderReport } from '../../report/html.ts';
import { DEFAULT_DB, UsageError, type Command } from '../command.ts';

export const reportCommand: Command = {
  name: 'report',
  summary: 'write the review page (one self-contained HTML file)',
  help: `jixiao report [--db FILE|URL] --out report.html [filters]

Writes one HTML file that opens from disk with no network: a county overview (reports, flags by
unit and category, scores by unit and year as a chart, every flag) and, per report, its flags with
the evidence highlighted in the surrounding text, its money figures, indicator tables, scores and
projects, with analyst corrections and flag decisions shown. A filter box searches every table;
click a column header to sort.

Options:
  --db FILE|URL    the database to read, a SQLite file or postgres://… (default ./${DEFAULT_DB})
  --out FILE       the HTML file to write
  --unit TEXT, --region TEXT, --year N, --type T, --flagged   as for "jixiao export"`,
  run: runReport,
};

async function runReport(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: {
    db: { type: 'string', default: DEFAULT_DB }, out: { type: 'string' },
    unit: { type: 'string' }, region: { type: 'string' }, year: { type: 'string' }, type: { type: 'string' },
    flagged: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) { process.stdout.write(reportCommand.help + '\n'); return 0; }
  if (!values.out) throw new UsageError('report needs --out FILE');
  const year = values.year != null ? Number(values.year) : undefined;
  if (year != null && !Number.isInteger(year)) throw new UsageError(`--year must be a year, not "${values.year}"`);
  const db = await openStore(values.db!, { readonly: true });
  try {
    const html = await renderReport(db, { dbName: values.db, filter: { unit: values.unit, region: values.region, year, reportType: values.type, flaggedOnly: values.flagged } });
    writeFileSync(values.out, html);
    process.stderr.write(`wrote ${values.out} (${(html.length / 1024).toFixed(0)} KiB)\n`);
    return 0;
  } finally {
    await db.close();
  }
}
