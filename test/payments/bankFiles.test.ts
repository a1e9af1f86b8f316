import type { PaymentFileLine, RollLine } from '../../definitions/payments';
import {
  bankFileColumnsV1,
  buildBatch,
  csvFields,
  csvRecords,
  parseReturnFile,
  problemReport,
  reconcileReturn,
  renderPaymentFile,
  returnFileColumnsV1,
} from '../../definitions/payments';

const payee = { holderName: '张三', bankName: '泰安市农村商业银行', accountNumber: '6228480000000000001' };

function line(overrides: Partial<PaymentFileLine> = {}): PaymentFileLine {
  return {
    lineNo: 1,
    reference: 'YL1A1',
    payee,
    amountFen: 81250,
    forPeriod: '2026-12',
    kind: 'regular',
    program: 'dibao',
    fundCode: 'KNQZ-DIBAO',
    ...overrides,
  };
}

const header = { cycleId: 'PC-379111-2026-12', countyCode: '379111', period: '2026-12', paymentDay: 10 };

describe('payments / bank payment file (layout v1)', () => {
  it('writes a header and one record per line in the documented column order, CRLF-terminated', () => {
    const file = renderPaymentFile(header, [line(), line({ lineNo: 2, reference: 'YL2A1', amountFen: 5 })]);
    const records = file.split('\r\n');
    expect(records).toHaveLength(4);
    expect(records[3]).toBe('');
    expect(records[0]).toBe(bankFileColumnsV1.join(','));
    expect(csvFields(records[1]!)).toEqual([
      '1',
      'YL1A1',
      '6228480000000000001',
      '张三',
      '泰安市农村商业银行',
      '812.50',
      'CNY',
      '2026-12-10',
      '2026-12',
      'dibao',
      'KNQZ-DIBAO',
      '379111',
      'PC-379111-2026-12',
      '最低生活保障金 2026-12',
    ]);
    expect(csvFields(records[2]!)?.[5]).toBe('0.05');
  });

  it('marks back pay and a raise’s difference as 补发 in the purpose, keeping the columns of layout v1', () => {
    const file = renderPaymentFile(header, [
      line({ forPeriod: '2026-11', kind: 'backPay' }),
      line({ lineNo: 2, reference: 'YL2A1', forPeriod: '2026-11', kind: 'difference', amountFen: 5000 }),
    ]);
    const records = csvRecords(file)
      .slice(1)
      .map((r) => csvFields(r) ?? []);
    expect(records.map((f) => f.length)).toEqual([bankFileColumnsV1.length, bankFileColumnsV1.length]);
    expect(records.map((f) => [f[8], f[13]])).toEqual([
      ['2026-11', '最低生活保障金 2026-11 补发'],
      ['2026-11', '最低生活保障金 2026-11 补发差额'],
    ]);
  });

  it('quotes a field holding a comma or a quote so the columns stay fixed', () => {
    const file = renderPaymentFile(header, [line({ payee: { ...payee, bankName: '某银行,"城东"支行' } })]);
    const fields = csvFields(csvRecords(file)[1]!);
    expect(fields).toHaveLength(bankFileColumnsV1.length);
    expect(fields?.[4]).toBe('某银行,"城东"支行');
  });
});

describe('payments / batch from a frozen roll', () => {
  const roll = (id: string, overrides: Partial<RollLine> = {}): RollLine => ({
    entitlementId: id,
    caseId: `DB-${id}`,
    forPeriod: '2026-12',
    kind: 'regular',
    ledgerKind: 'regular',
    changeSeq: 0,
    program: 'dibao',
    fundCode: 'KNQZ-DIBAO',
    amountFen: 10000,
    payee,
    ...overrides,
  });

  it('holds back a line without an account, with its reason, instead of dropping it', () => {
    const batch = buildBatch([roll('2'), roll('10', { payee: null }), roll('1')]);
    expect(batch.payable.map((l) => l.entitlementId)).toEqual(['1', '2']);
    expect(batch.held).toEqual([expect.objectContaining({ reasonCode: 'noPayee' })]);
    expect(batch.held[0]?.line.entitlementId).toBe('10');
  });

  it('orders retries of earlier months first and totals by fund and program', () => {
    const batch = buildBatch([
      roll('3'),
      roll('9', { kind: 'retry', forPeriod: '2026-11', amountFen: 5050 }),
      roll('4', { program: 'temporaryHelp', fundCode: 'KNQZ-LINSHI', amountFen: 200000 }),
    ]);
    expect(batch.payable.map((l) => `${l.forPeriod}/${l.entitlementId}`)).toEqual([
      '2026-11/9',
      '2026-12/3',
      '2026-12/4',
    ]);
    expect(batch.totals).toEqual({
      lines: 3,
      amountFen: 215050,
      byFund: [
        { fundCode: 'KNQZ-DIBAO', program: 'dibao', lines: 2, amountFen: 15050 },
        { fundCode: 'KNQZ-LINSHI', program: 'temporaryHelp', lines: 1, amountFen: 200000 },
      ],
    });
  });
});

const returnHeader = returnFileColumnsV1.join(',');

describe('payments / bank return file', () => {
  it('reads paid and failed lines with their line numbers', () => {
    const parsed = parseReturnFile(`${returnHeader}\r\nYL1A1,paid,812.50,B0001,\r\nYL2A1,failed,0.05,,账户已销户\r\n`);
    expect(parsed).toEqual({
      ok: true,
      lines: [
        { line: 2, reference: 'YL1A1', status: 'paid', amountFen: 81250, bankReference: 'B0001', failureReason: null },
        {
          line: 3,
          reference: 'YL2A1',
          status: 'failed',
          amountFen: 5,
          bankReference: null,
          failureReason: '账户已销户',
        },
      ],
    });
  });

  it('refuses a file with a wrong header', () => {
    const parsed = parseReturnFile('ref,status\nYL1A1,paid\n');
    expect(parsed).toEqual({ ok: false, problems: [expect.objectContaining({ line: 1 })] });
  });

  it('names every bad line and field, and applies none of them', () => {
    const parsed = parseReturnFile(
      [
        returnHeader,
        'YL1A1,paid,812.50,B1,',
        'YL2A1,bounced,1.00,,',
        'YL3A1,failed,1.00,,',
        'YL4A1,paid,1.005,B4,',
        'YL5A1,paid',
      ].join('\n')
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'status'],
      [4, 'failure_reason'],
      [5, 'amount'],
      [6, null],
    ]);
    expect(parsed.problems[1]?.message).toBe('失败记录须写明失败原因');
  });
});

describe('payments / characters in a bank return file', () => {
  it('names the line and column of a control character, a BOM after the start and a byte that was not UTF-8', () => {
    const parsed = parseReturnFile(
      `\uFEFF${returnHeader}\r\nYL1A1,paid,1.00,B\u00001,\r\n\uFEFF\r\n\f\r\nYL2A1,failed,1.00,,户名\uFFFD\r\n`
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'bank_reference'],
      [3, 'reference'],
      [4, 'reference'],
      [5, 'failure_reason'],
    ]);
    expect(parsed.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('控制字符 U+0000'),
      expect.stringContaining('BOM'),
      expect.stringContaining('控制字符 U+000C'),
      expect.stringContaining('UTF-8'),
    ]);
  });

  it('lets a tab through in a failure reason (free text)', () => {
    const parsed = parseReturnFile(`${returnHeader}\nYL2A1,failed,1.00,,账户\t已销户\n`);
    expect(parsed).toMatchObject({ ok: true, lines: [{ failureReason: '账户\t已销户' }] });
  });

  it('reports the first problems of a long list and counts them all', () => {
    const problems = Array.from({ length: 250 }, (_, i) => ({
      line: i + 2,
      field: 'status',
      message: '状态应为 paid 或 failed',
    }));
    const report = problemReport(problems, 100);
    expect(report.problems).toHaveLength(100);
    expect(report.problems[99]?.line).toBe(101);
    expect(report.problemCount).toBe(250);
  });
});

describe('payments / reconciliation of a return against the lines sent', () => {
  const sent = [
    { reference: 'YL1A1', amountFen: 81250, status: 'exported' as const },
    { reference: 'YL2A1', amountFen: 5, status: 'exported' as const },
    { reference: 'YL3A1', amountFen: 100, status: 'exported' as const },
    { reference: 'YL4A1', amountFen: 100, status: 'paid' as const },
  ];
  const returned = (text: string) => {
    const parsed = parseReturnFile(`${returnHeader}\n${text}`);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return parsed.lines;
  };

  it('splits paid and failed and counts the lines the bank has not answered', () => {
    const result = reconcileReturn(sent, returned('YL1A1,paid,812.50,B1,\nYL2A1,failed,0.05,,户名不符'));
    expect(result.problems).toEqual([]);
    expect(result.paid.map((l) => l.reference)).toEqual(['YL1A1']);
    expect(result.failed.map((l) => l.reference)).toEqual(['YL2A1']);
    expect(result.outstanding).toBe(1);
  });

  it('treats an unknown, repeated, already answered or altered line as an error', () => {
    const result = reconcileReturn(
      sent,
      returned(
        'YL9A1,paid,1.00,B9,\nYL1A1,paid,812.50,B1,\nYL1A1,paid,812.50,B1,\nYL4A1,paid,1.00,B4,\nYL3A1,paid,2.00,B3,'
      )
    );
    expect(result.problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'reference'],
      [4, 'reference'],
      [5, 'reference'],
      [6, 'amount'],
    ]);
    expect(result.problems[1]?.message).toContain('与第 3 行重复');
  });
});
