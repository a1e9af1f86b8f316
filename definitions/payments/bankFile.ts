/**
 * The bank payment file (代发文件), layout v1: one header record, then one record per payment, in
 * the column order below, which the README documents for the bank. The file is rendered from the
 * ledger, so what the bank is asked to pay is exactly what the ledger says is owed.
 * No I/O: runs inside the workflow sandbox and in the activities.
 */
import { toYuan } from './amounts';
import type { LedgerLineKind, Payee } from './batch';
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
  /** Back pay and a raise's difference say so in the purpose (补发, 补发差额). */
  kind: LedgerLineKind;
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

/**
 * 用途: the benefit and the month it is for; back pay is marked in words the bank shows on the
 * household's statement, since layout v1 has no column for it (a new column would be a new layout).
 */
const kindZh: Record<LedgerLineKind, string> = { regular: '', backPay: ' 补发', difference: ' 补发差额' };

export function paymentPurpose(line: Pick<PaymentFileLine, 'program' | 'forPeriod' | 'kind'>): string {
  return `${purposeZh[line.program] ?? line.program} ${line.forPeriod}${kindZh[line.kind]}`;
}

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
        paymentPurpose(l),
      ])
    ),
  ];
  return `${records.join('\r\n')}\r\n`;
}
