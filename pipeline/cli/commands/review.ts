// jixiao review: an analyst's corrections and decisions on flags, stored in the database.
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { openStore } from '../../store/open.ts';
import { loadCorrections, loadFlagReviews, loadReviewLog } from '../../store/corrections.ts';
import { loadDataset } from '../../export/dataset.ts';
import { correct, decideFlag, defaultUser, kindOf, locateById, locateFlagById, revert, ReviewError, type FlagDecision } from '../../review/index.ts';
import { ImportError, importCorrections } from '../../review/import.ts';
import { DEFAULT_DB, UsageError, type Command } from '../command.ts';

export const reviewCommand: Command = {
  name: 'review',
  summary: 'confirm or dismiss flags, correct values (also from an edited CSV export)',
  help: `jixiao review ACTION … [--db FILE|URL] [--by NAME] [--reason TEXT]

An analyst's review, stored in the database by document sha256 and a stable identity of each record,
so it survives re-importing the same files and re-running the checks. Exports show corrected values
with the extracted value beside them, and each flag's status (待处理 / 已确认 / 已驳回).

Actions:
  confirm FLAG_ID…              the flag is a real problem
  dismiss FLAG_ID… --reason R   the flag is wrong (a reason is required)
  reopen FLAG_ID…               forget the decision on a flag
  correct KIND ID VALUE         correct a value; KIND is figure, indicator, score or project and ID the
                                row's 编号 in the export. Money may be written 4265.40万元.
                                --field F picks the field (figure: 金额; indicator: 完成值, 目标值, 得分,
                                自评得分, 权重, 指标性质, 计量单位…; score: 得分, 满分, 等级;
                                project: 执行数（元）, 年初预算（元）, 调整后预算（元）, 执行率, 得分, 项目编码)
  revert KIND ID [--field F]    drop a correction (all fields of the record without --field)
  import FILE.csv…              apply the 更正字段 / 更正值 / 处理 / 理由 columns of an exported and edited
                                figures.csv, indicators.csv, scores.csv, projects.csv or flags.csv
                                (all or nothing: problems are listed with their line numbers)
  list [--orphans]              corrections and flag decisions (--orphans: those matching no record now)
  log                           every review action with who and when

Options:
  --db FILE|URL    the database, a SQLite file or postgres://… (default ./${DEFAULT_DB})
  --by NAME        who is reviewing (default: the OS user, here ${defaultUser()}; or $JIXIAO_USER)
  --reason TEXT    why
  --field F        the field to correct or revert

Examples:
  jixiao review dismiss 12 --reason "两处口径不同：本年支出合计含上年结转"
  jixiao review correct figure 145 4265.40万元 --reason "PDF 识别错误"
  jixiao export --format csv --out out/ && (edit out/figures.csv, out/flags.csv) && jixiao review import out/figures.csv out/flags.csv`,
  run: runReview,
};

function ids(list: string[]): number[] {
  if (!list.length) throw new UsageError('give at least one flag id (the 编号 column of flags.csv)');
  return list.map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`"${s}" is not a flag id`);
    return n;
  });
}

async function runReview(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: {
    db: { type: 'string', default: DEFAULT_DB }, by: { type: 'string' }, reason: { type: 'string' }, field: { type: 'string' },
    orphans: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help || !positionals.length) { process.stdout.write(reviewCommand.help + '\n'); return values.help ? 0 : 2; }
  const [action, ...rest] = positionals;
  const by = values.by || defaultUser();
  const readonly = action === 'list' || action === 'log';
  const db = await openStore(values.db!, { readonly });
  const out = (s: string) => process.stdout.write(s + '\n');
  try {
    switch (action) {
      case 'confirm': case 'dismiss': case 'reopen': {
        const status: FlagDecision = action === 'confirm' ? 'confirmed' : action === 'dismiss' ? 'dismissed' : 'open';
        if (status === 'dismissed' && !values.reason?.trim()) throw new UsageError('dismiss needs --reason TEXT');
        for (const id of ids(rest)) {
          const flag = await locateFlagById(db, id);
          const changed = await decideFlag(db, flag, status, values.reason, by);
          out(`flag ${id} (${flag.doc.file}, ${flag.rule}): ${changed ? { confirmed: 'confirmed', dismissed: 'dismissed', open: 'reopened' }[status] : 'unchanged'}`);
        }
        return 0;
      }
      case 'correct': {
        if (rest.length !== 3) throw new UsageError('correct needs KIND ID VALUE, e.g. "correct figure 145 4265.40万元"');
        const at = await locateById(db, kindOf(rest[0]), Number(rest[1]));
        const c = await correct(db, at, { field: values.field, value: rest[2], reason: values.reason, by });
        out(c ? `${at.kind} ${rest[1]} (${at.doc.file}) ${c.field}: ${c.value_original ?? '—'} → ${c.value_corrected ?? '—'} by ${c.corrected_by}` : `${at.kind} ${rest[1]}: unchanged (the same correction is stored)`);
        return 0;
      }
      case 'revert': {
        if (rest.length !== 2) throw new UsageError('revert needs KIND ID');
        const at = await locateById(db, kindOf(rest[0]), Number(rest[1]));
        const n = await revert(db, at, values.field, by, values.reason);
        out(`${at.kind} ${rest[1]}: ${n} correction(s) removed`);
        return 0;
      }
      case 'import': {
        if (!rest.length) throw new UsageError('import needs at least one CSV file');
        for (const file of rest) {
          const r = await importCorrections(db, readFileSync(file), { by, file });
          out(`${file}: ${r.corrected} value(s) corrected, ${r.reverted} reverted, ${r.flags} flag decision(s), ${r.unchanged} unchanged (${r.rows} row(s) filled in)`);
        }
        return 0;
      }
      case 'list': {
        const id = (x: { sha256: string } & Record<string, any>) => 'flag_key' in x ? `${x.sha256}|flag|${x.flag_key}` : `${x.sha256}|${x.record}|${x.record_key}|${x.field}`;
        const orphanSet = new Set(values.orphans ? (await loadDataset(db)).orphans.map(id) : []);
        const files = new Map((await db.all<{ sha256: string; file: string }>('SELECT sha256, file FROM documents')).map((d) => [d.sha256, d.file]));
        const name = (sha: string) => files.get(sha) ?? `(not imported: ${sha.slice(0, 12)}…)`;
        for (const c of await loadCorrections(db)) {
          if (values.orphans && !orphanSet.has(id(c))) continue;
          out(`correction  ${name(c.sha256)}  ${c.record} ${c.record_key}  ${c.field}: ${c.value_original ?? '—'} → ${c.value_corrected ?? '—'}  ${c.corrected_by} ${c.corrected_at}${c.reason ? `  ${c.reason}` : ''}`);
        }
        for (const r of await loadFlagReviews(db)) {
          if (values.orphans && !orphanSet.has(id(r))) continue;
          out(`flag        ${name(r.sha256)}  ${r.flag_key}  ${r.status}  ${r.reviewed_by} ${r.reviewed_at}${r.reason ? `  ${r.reason}` : ''}  — ${r.message}`);
        }
        return 0;
      }
      case 'log': {
        for (const e of await loadReviewLog(db)) out(`${e.at}  ${e.by}  ${e.action}  ${e.record} ${e.record_key}${e.field ? ` ${e.field}` : ''}${e.value != null ? ` = ${e.value}` : ''}${e.reason ? `  (${e.reason})` : ''}`);
        return 0;
      }
      default:
        throw new UsageError(`unknown review action "${action}"`);
    }
  } catch (e) {
    if (e instanceof ReviewError || e instanceof ImportError) {
      process.stderr.write(`jixiao review: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await db.close();
  }
}
