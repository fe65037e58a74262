// Corrections from a spreadsheet: any of the exported tables (figures.csv, indicators.csv, scores.csv,
// projects.csv, flags.csv, with Chinese or English headers) after an analyst filled in the last columns:
//   record tables: 更正值 (new value; money may be written 379.64万元), 更正字段 (which field, for
//                  indicators, scores and projects: e.g. 完成值, 得分, 执行数（元）), 处理 (blank or 更正 to
//                  correct, 撤销 to drop an earlier correction), 理由 (reason)
//   flags:         处理 = 确认 | 驳回 | 重开 (confirm | dismiss | reopen), 理由 (required to dismiss)
// Rows are found by SHA256 + 记录键 / 标记键, never by 编号, so a file exported before a re-import still
// applies. A dedicated corrections file works too: columns 表 (table), SHA256, 记录键 or 标记键, and the above.
// All or nothing: any bad row is reported with its line and nothing is stored.
import type { Db } from '../store/types.ts';
import { decodeCsv, parseCsv } from '../export/csv.ts';
import { COLUMNS, KIND_OF, TABLE_NAMES, type TableName } from '../export/tables.ts';
import { correct, decideFlag, kindOf, locateByKey, locateFlagByKey, revert, ReviewError, type FlagDecision } from './index.ts';

export interface ImportResult { corrected: number; reverted: number; flags: number; unchanged: number; rows: number }
export class ImportError extends Error {
  constructor(readonly problems: string[]) { super(`${problems.length} problem(s) in the corrections file:\n  ${problems.join('\n  ')}`); }
}

const FLAG_ACTIONS: Record<string, FlagDecision> = {
  确认: 'confirmed', confirm: 'confirmed', confirmed: 'confirmed', 是: 'confirmed',
  驳回: 'dismissed', dismiss: 'dismissed', dismissed: 'dismissed', 忽略: 'dismissed', 误报: 'dismissed', 否: 'dismissed',
  重开: 'open', reopen: 'open', open: 'open', 待处理: 'open',
};
const CORRECT_ACTIONS = new Set(['', '更正', 'correct', '修改']);
const REVERT_ACTIONS = new Set(['撤销', '撤销更正', 'revert', 'undo']);

/** Header text → column key, over every table's columns (Chinese or English) plus 表/table. */
function headerKey(h: string): string | null {
  const t = h.trim().replace(/^\uFEFF/, '');
  if (t === '表' || t === 'table') return 'table';
  if (t === '字段' || t === '更正字段' || t === 'field') return 'field';
  for (const name of TABLE_NAMES) for (const c of COLUMNS[name]) if (c.zh === t || c.key === t) return c.key;
  return null;
}

function guessTable(keys: Set<string>): TableName | null {
  if (keys.has('flag_key')) return 'flags';
  if (keys.has('phase') && keys.has('value_yuan')) return 'figures';
  if (keys.has('level3')) return 'indicators';
  if (keys.has('executed_yuan') || keys.has('execution_rate')) return 'projects';
  if (keys.has('max') || keys.has('grade')) return 'scores';
  return null;
}

const clean = (s: string | undefined) => (s ?? '').replace(/^'(?=[=+@\t\r-])/, '').trim();

export async function importCorrections(db: Db, bytes: Uint8Array, opts: { by?: string; file?: string } = {}): Promise<ImportResult> {
  const rows = parseCsv(decodeCsv(bytes));
  const label = opts.file ?? 'corrections';
  if (!rows.length) throw new ImportError([`${label}: empty file`]);
  const keys = rows[0].map(headerKey);
  const have = new Set(keys.filter((k): k is string => k != null));
  const fileTable = guessTable(have);
  if (!have.has('sha256')) throw new ImportError([`${label}: no SHA256 column (export with "jixiao export --format csv" and edit that file)`]);
  if (!have.has('action') && !have.has('new_value')) throw new ImportError([`${label}: no 处理 or 更正值 column`]);
  const result: ImportResult = { corrected: 0, reverted: 0, flags: 0, unchanged: 0, rows: 0 };
  const problems: string[] = [];

  await db.transaction(async (tx) => {
    for (const [i, cells] of rows.slice(1).entries()) {
      const line = i + 2;
      const get = (k: string) => clean(cells[keys.indexOf(k)]);
      const action = get('action');
      const newValue = get('new_value');
      const reason = get('reason') || null;
      if (!action && !newValue) continue;
      result.rows++;
      try {
        let table = fileTable;
        if (have.has('table') && get('table')) {
          const t = get('table');
          table = ['flag', 'flags', '标记'].includes(t) ? 'flags' : (`${kindOf(t)}s` as TableName);
        }
        if (!table) throw new ReviewError('cannot tell which table this row belongs to (add a 表 column: 金额, 指标, 得分, 项目 or 标记)');
        const sha = get('sha256');
        if (!/^[0-9a-f]{64}$/.test(sha)) throw new ReviewError(`SHA256 "${sha.slice(0, 20)}" is not a document hash`);
        if (table === 'flags') {
          const decision = FLAG_ACTIONS[action.toLowerCase()] ?? FLAG_ACTIONS[action];
          if (!decision) throw new ReviewError(`处理 "${action}" on a flag must be 确认, 驳回 or 重开`);
          const flag = await locateFlagByKey(tx, sha, get('flag_key'));
          if (await decideFlag(tx, flag, decision, reason, opts.by)) result.flags++; else result.unchanged++;
          continue;
        }
        const kind = KIND_OF[table]!;
        const at = await locateByKey(tx, sha, kind, get('record_key'));
        const field = get('field') || null;
        if (REVERT_ACTIONS.has(action.toLowerCase())) {
          result.reverted += await revert(tx, at, field, opts.by, reason);
          continue;
        }
        if (!CORRECT_ACTIONS.has(action.toLowerCase())) throw new ReviewError(`处理 "${action}" must be empty, 更正 or 撤销`);
        if (!newValue) throw new ReviewError('处理 更正 without a 更正值');
        if (await correct(tx, at, { field, value: newValue, reason, by: opts.by })) result.corrected++; else result.unchanged++;
      } catch (e) {
        if (!(e instanceof ReviewError)) throw e;
        problems.push(`${label}:${line}: ${e.message}`);
      }
    }
    if (problems.length) throw new ImportError(problems);
  });
  return result;
}
