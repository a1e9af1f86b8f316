/**
 * Building a payment batch from a frozen roll: which lines go to the bank, and which are held back
 * (and why) so that nothing is dropped without a trace. A held line is booked as failed with its
 * reason and carried to the retry list like a line the bank refused.
 * No I/O: runs inside the workflow sandbox and in the activities.
 */
import { z } from 'zod';
import type { Application } from '../shared/application';

export type Payee = NonNullable<Application['payee']>;

/**
 * regular: the cycle's own month; backPay (补发): an earlier month owed but missing from its month's roll;
 * difference (补发差额): what a raise decided later adds to an earlier month already paid; retry: a failed line again.
 */
export const rollLineKinds = ['regular', 'retry', 'backPay', 'difference'] as const;
export type RollLineKind = (typeof rollLineKinds)[number];
/** What a ledger line is; a retry keeps the kind of the line it pays again. */
export const ledgerLineKinds = ['regular', 'backPay', 'difference'] as const;
export type LedgerLineKind = (typeof ledgerLineKinds)[number];

/** One frozen line: an entitlement's payment for one month, as it stood when the roll was frozen. */
export interface RollLine {
  entitlementId: string;
  caseId: string;
  /** The month this payment is for (earlier than the cycle's month for a retry). */
  forPeriod: string;
  kind: RollLineKind;
  /** The kind of the ledger line it pays: its own kind, or for a retry the kind of the line paid again. */
  ledgerKind: LedgerLineKind;
  /** 0 for a month's own payment; for a difference, the entitlement change whose raise it pays. */
  changeSeq: number;
  program: string;
  fundCode: string;
  amountFen: number;
  payee: Payee | null;
}

export interface HeldLine {
  line: RollLine;
  reasonCode: 'noPayee';
  reasonZh: string;
}

export interface BatchTotals {
  lines: number;
  amountFen: number;
  byFund: { fundCode: string; program: string; lines: number; amountFen: number }[];
}

export interface Batch {
  /** In the order they are numbered in the bank file: by month paid for, then entitlement. */
  payable: RollLine[];
  held: HeldLine[];
  totals: BatchTotals;
}

/** What the ledger holds for a built batch (lines already in the ledger from another path are counted, not paid again). */
export const batchSummarySchema = z.object({
  payableLines: z.number().int(),
  payableAmount: z.string().describe('Yuan, two decimals'),
  heldLines: z.number().int().describe('Booked as failed with their reason and carried to the retry list'),
  heldReasons: z.record(z.string(), z.number().int()),
  alreadyInLedgerLines: z.number().int().describe('Months already paid or in flight through another cycle'),
  // Optional: batches built before back pay existed have neither.
  backPayLines: z.number().int().optional().describe('Payable lines that are back pay (补发) or a raise’s difference'),
  backPayAmount: z.string().optional().describe('Yuan, two decimals; included in payableAmount'),
  overpaid: z
    .object({ months: z.number().int(), amount: z.string() })
    .optional()
    .describe(
      'Months of the county paid above the amount a later decision set for them (a cut or stop decided after the ' +
        'month was frozen), with the excess in yuan; never clawed back automatically: recovery is for the county to decide'
    ),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;

function heldReason(line: RollLine): HeldLine | null {
  return line.payee === null ? { line, reasonCode: 'noPayee', reasonZh: '缺少收款账户，请补录后下期重发' } : null;
}

const lineOrder = (a: RollLine, b: RollLine): number =>
  a.forPeriod.localeCompare(b.forPeriod) ||
  a.entitlementId.length - b.entitlementId.length ||
  a.entitlementId.localeCompare(b.entitlementId) ||
  a.changeSeq - b.changeSeq;

export function buildBatch(roll: readonly RollLine[]): Batch {
  const payable: RollLine[] = [];
  const held: HeldLine[] = [];
  for (const line of roll) {
    const reason = heldReason(line);
    if (reason) held.push(reason);
    else payable.push(line);
  }
  payable.sort(lineOrder);
  const funds = new Map<string, BatchTotals['byFund'][number]>();
  for (const line of payable) {
    const key = `${line.fundCode}\u0000${line.program}`;
    const fund = funds.get(key) ?? { fundCode: line.fundCode, program: line.program, lines: 0, amountFen: 0 };
    fund.lines += 1;
    fund.amountFen += line.amountFen;
    funds.set(key, fund);
  }
  return {
    payable,
    held,
    totals: {
      lines: payable.length,
      amountFen: payable.reduce((sum, l) => sum + l.amountFen, 0),
      byFund: [...funds.values()].sort(
        (a, b) => a.fundCode.localeCompare(b.fundCode) || a.program.localeCompare(b.program)
      ),
    },
  };
}
