/**
 * The bank payment file (代发文件), layout v1: one header record, then one record per payment, in
 * the column order below, which the README documents for the bank. The file is rendered from the
 * ledger, so what the bank is asked to pay is exactly what the ledger says is owed.
 * No I/O: runs inside the workflow sandbox and in the activities.
 */
import { toYuan } from './amounts';
import type { Payee } from './batch';
import { csvRecord } from './csvFields';
import { paymentDate } from './periods';

/** A ledger line as it goes to the bank. */
export interface PaymentFileLine {
  lineNo: number;
  /** Unique per attempt (`YL<ledger id>A<attempt>`); the bank echoes it in the return file. */
  reference: string;
  payee: Payee;
  amountFen: number;
  forPeriod: string;
  program: string;
  fundCode: string;
}

export interface PaymentFileHeader {
  cycleId: string;
  countyCode: string;
  /** The cycle's month: the value date is its payment day. */
  period: string;
  paymentDay: number;
}

/** Column names, in order; layout v1. Changing them is a new layout version. */
export const bankFileColumnsV1 = [
  'line_no',
  'reference',
  'account_number',
  'account_name',
  'bank_name',
  'amount',
  'currency',
  'value_date',
  'for_period',
  'program',
  'fund_code',
  'county_code',
  'batch_id',
  'purpose',
] as const;

const purposeZh: Record<string, string> = {
  dibao: '最低生活保障金',
  tekun: '特困人员救助供养金',
  temporaryHelp: '临时救助金',
};

export const paymentReference = (ledgerId: string, attempt: number): string => `YL${ledgerId}A${attempt}`;

export function renderPaymentFile(header: PaymentFileHeader, lines: readonly PaymentFileLine[]): string {
  const valueDate = paymentDate(header.period, header.paymentDay);
  const records = [
    csvRecord(bankFileColumnsV1),
    ...lines.map((l) =>
      csvRecord([
        String(l.lineNo),
        l.reference,
        l.payee.accountNumber,
        l.payee.holderName,
        l.payee.bankName,
        toYuan(l.amountFen),
        'CNY',
        valueDate,
        l.forPeriod,
        l.program,
        l.fundCode,
        header.countyCode,
        header.cycleId,
        `${purposeZh[l.program] ?? l.program} ${l.forPeriod}`,
      ])
    ),
  ];
  return `${records.join('\r\n')}\r\n`;
}
