/**
 * Temporary help approved once and paid in stages, and help paid first (先行救助), go through the
 * same monthly cycles and the same ledger as monthly benefits: each stage once, in its month.
 */
import { createPaymentActivities } from '../../activities/payments';
import { addMonths, periodOf, scheduleSchema, scheduleTotal, splitIntoStages } from '../../definitions/payments';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import {
  bankLines,
  bankReturn,
  cycleAt,
  financeOf,
  payeeFor,
  paymentCounty,
  runToExported,
  seedEntitlements,
  uploadReturn,
} from '../support/payments';
import type { Stack } from '../support/stack';
import { openStack } from '../support/stack';

describe('payments / stages', () => {
  it('splits an approved total into monthly stages that add up to it exactly', () => {
    const stages = splitIntoStages('1000.00', 3, '2026-12');
    expect(stages).toEqual([
      { period: '2026-12', amount: '333.33' },
      { period: '2027-01', amount: '333.33' },
      { period: '2027-02', amount: '333.34' },
    ]);
    expect(scheduleTotal(stages)).toBe('1000.00');
  });

  it('refuses stages out of order or of nothing', () => {
    const result = scheduleSchema.safeParse([
      { period: '2027-01', amount: '10.00' },
      { period: '2026-12', amount: '0' },
    ]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['1.amount', '1.period']);
  });
});

describe('payments / staged and help-first payments through the monthly cycles', () => {
  let stack: Stack;
  let api: TestApi;
  beforeAll(async () => {
    stack = await openStack('payments-staged');
    await stack.startWorker();
    api = await startApi(stack);
  });
  afterAll(async () => {
    await api?.close();
    await stack?.close();
  });

  it('pays each stage once in its month, and help paid first in the month it was granted', async () => {
    const county = paymentCounty('17');
    const maker = financeOf(county, 'fin-maker');
    const checker = financeOf(county, 'fin-checker');
    const first = periodOf(new Date());
    const activities = createPaymentActivities({ pool: stack.pool });
    const base = {
      program: 'temporaryHelp',
      countyCode: county,
      fundCode: 'KNQZ-LINSHI',
      decidedAt: new Date().toISOString(),
    };
    const staged = {
      ...base,
      caseId: `LS-${county}-1`,
      kind: 'staged' as const,
      applicantId: 'A1',
      payee: payeeFor(1),
    };
    await activities.recordScheduledEntitlement({ ...staged, schedule: splitIntoStages('1000.00', 2, first) });
    // Recording the same approval again changes nothing.
    await activities.recordScheduledEntitlement({ ...staged, schedule: splitIntoStages('1000.00', 2, first) });
    await activities.recordScheduledEntitlement({
      ...base,
      caseId: `LS-${county}-2`,
      kind: 'helpFirst',
      applicantId: 'A2',
      payee: payeeFor(2),
      schedule: [{ period: first, amount: '800.00' }],
    });

    const paid: string[][] = [];
    for (const period of [first, addMonths(first, 1), addMonths(first, 2)]) {
      const { id, file } = await runToExported(api, county, period, maker, checker);
      const lines = bankLines(file);
      paid.push(lines.map((l) => `${l.accountName} ${l.amount}`));
      // A month with nothing to pay closes without a return file.
      if (lines.length > 0) expect((await uploadReturn(api, id, maker, bankReturn(lines))).status).toBe(200);
      await cycleAt(api, id, 'reconciled', maker);
    }
    expect(paid).toEqual([['户主1 500.00', '户主2 800.00'], ['户主1 500.00'], []]);

    const { rows } = await stack.pool.query(
      `SELECT e.kind, count(*)::int AS payments, sum(l.amount)::text AS total
         FROM payment_ledger l JOIN entitlements e ON e.id = l.entitlement_id
        WHERE l.county_code = $1 AND l.status = 'paid' GROUP BY e.kind ORDER BY e.kind`,
      [county]
    );
    expect(rows).toEqual([
      { kind: 'helpFirst', payments: 1, total: '800.00' },
      { kind: 'staged', payments: 2, total: '1000.00' },
    ]);
    const spending = await api.call('GET', `/api/funds/spending?county=${county}&period=${first}`, checker);
    expect(spending.body.items).toEqual([
      {
        county,
        period: first,
        fundCode: 'KNQZ-LINSHI',
        program: 'temporaryHelp',
        paidLines: 2,
        paidAmount: '1300.00',
        backPayLines: 0,
        backPayAmount: '0.00',
      },
    ]);
  });

  it('help paid first after the month’s roll was frozen is paid by the next cycle, once, for its own month', async () => {
    const county = paymentCounty('19');
    const maker = financeOf(county, 'fin-maker');
    const checker = financeOf(county, 'fin-checker');
    const month = periodOf(new Date());
    const activities = createPaymentActivities({ pool: stack.pool });
    await seedEntitlements(stack.pool, county, 1, { startPeriod: month, amount: () => '450.00' });
    const current = await runToExported(api, county, month, maker, checker);
    expect(bankLines(current.file).map((l) => l.amount)).toEqual(['450.00']);

    // The emergency comes after this month's roll was frozen.
    await activities.recordScheduledEntitlement({
      program: 'temporaryHelp',
      countyCode: county,
      fundCode: 'KNQZ-LINSHI',
      decidedAt: new Date().toISOString(),
      caseId: `LS-${county}-late`,
      kind: 'helpFirst',
      applicantId: 'A9',
      payee: payeeFor(9),
      schedule: [{ period: month, amount: '700.00' }],
    });
    const next = await runToExported(api, county, addMonths(month, 1), maker, checker);
    expect(bankLines(next.file).map((l) => [l.amount, l.forPeriod])).toEqual([
      ['700.00', month],
      ['450.00', addMonths(month, 1)],
    ]);
    const after = await runToExported(api, county, addMonths(month, 2), maker, checker);
    expect(bankLines(after.file).map((l) => l.amount)).toEqual(['450.00']);
  });
});
