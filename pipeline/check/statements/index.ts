// The identities that hold within and between the standard tables of a budget or 决算 disclosure,
// each one small named rule over typed statements (schemas/statements.ts).
import type { Rule } from '../types.ts';
import { statementParentSum } from './parent-sum.ts';
import { statementColumnSum } from './column-sum.ts';
import { statementSummaryTotals } from './summary-totals.ts';
import { statementThreePublic } from './three-public.ts';
import { statementTitleYear } from './title-year.ts';
import { statementTextAmount } from './text-amount.ts';
import { statementListedMissing } from './listed-missing.ts';
import { statementEmptyTable } from './empty-table.ts';
import { statementAcross } from './across.ts';

export const STATEMENT_RULES: Rule[] = [statementParentSum, statementColumnSum, statementSummaryTotals, statementThreePublic, statementTitleYear, statementTextAmount, statementListedMissing, statementEmptyTable, statementAcross];
