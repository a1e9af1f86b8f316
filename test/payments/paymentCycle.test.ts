/**
 * Monthly payment cycles on the real stack (Temporal + PostgreSQL) through the API: from an
 * approved dibao case to a reconciled bank return, the freeze, and failed payments
 * carried to the next cycle and paid there once. Each test has a county of its own (3791xx).
 */
import { addMonths, periodOf } from '../../definitions/payments';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import {
  approveDibaoCase,
  bankLines,
  bankReturn,
  cycleAt,
  financeOf,
  ledgerTotals,
  payeeFor,
  paymentCounty,
  runToExported,
  seedEntitlements,
  uploadReturn,
} from '../support/payments';
import type { Stack } from '../support/stack';
import { openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;

beforeAll(async () => {
  stack = await openStack('payments');
  await stack.startWorker();
  api = await startApi(stack);
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

const thisMonth = periodOf(new Date());

const approvedCase = (county: string, monthlyAmount: number) => approveDibaoCase(stack, county, monthlyAmount);

describe('payments / monthly cycle', () => {
  it('pays an approved case from the month after approval: entitlement → cycle → bank file → return → reconciled', async () => {
    const county = paymentCounty('11');
    const maker = financeOf(county, 'fin-maker');
    const checker = financeOf(county, 'fin-checker');
    const caseId = await approvedCase(county, 812.5);

    const { rows: entitlements } = await stack.pool.query(
      'SELECT program, amount, start_period, payee, fund_code, status FROM entitlements WHERE case_id = $1',
      [caseId]
    );
    const startPeriod = addMonths(thisMonth, 1);
    expect(entitlements).toEqual([
      {
        program: 'dibao',
        amount: '812.50',
        start_period: startPeriod,
        payee: payeeFor(900),
        fund_code: 'KNQZ-DIBAO',
        status: 'active',
      },
    ]);
    // Two more households of the county already being paid; one starting later is not due yet.
    await seedEntitlements(stack.pool, county, 2, { startPeriod: thisMonth, amount: (i) => ['300.00', '455.25'][i]! });
    await seedEntitlements(stack.pool, county, 1, { startPeriod: addMonths(startPeriod, 1) });

    // This month's cycle does not pay the case yet (it starts next month).
    const { file: early } = await runToExported(api, county, thisMonth, maker, checker);
    expect(bankLines(early).map((l) => l.amount)).toEqual(['300.00', '455.25']);

    const { id, file } = await runToExported(api, county, startPeriod, maker, checker);
    const lines = bankLines(file);
    // In entitlement order: the case was approved before the other two were entered.
    expect(lines.map((l) => [l.accountName, l.amount, l.forPeriod])).toEqual([
      ['户主900', '812.50', startPeriod],
      ['户主0', '300.00', startPeriod],
      ['户主1', '455.25', startPeriod],
    ]);

    const recorded = await uploadReturn(api, id, maker, bankReturn(lines));
    expect(recorded.status).toBe(200);
    const closed = await cycleAt(api, id, 'reconciled', maker);
    expect(closed).toMatchObject({
      status: 'done',
      preparer: { userId: 'fin-maker' },
      approver: { userId: 'fin-checker' },
      reconciliation: { paidLines: 3, paidAmount: '1567.75', failedLines: 0, outstandingLines: 0 },
    });
    const { rows: ledger } = await stack.pool.query(
      `SELECT l.status, l.amount FROM payment_ledger l JOIN entitlements e ON e.id = l.entitlement_id
        WHERE e.case_id = $1`,
      [caseId]
    );
    expect(ledger).toEqual([{ status: 'paid', amount: '812.50' }]);
    const late = await api.call('POST', `/api/payment-cycles/${id}/approve`, checker, {});
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'TRANSITION_REFUSED', step: 'reconciled', allowedEvents: [] });

    // Fund spending is the ledger, summed: both months, by fund and program.
    const spending = await api.call('GET', `/api/funds/spending?county=${county}`, checker);
    expect(spending.status).toBe(200);
    const { rows: sums } = await stack.pool.query(
      `SELECT cycle_period AS period, sum(amount)::text AS amount FROM payment_ledger
        WHERE county_code = $1 AND status = 'paid' GROUP BY cycle_period ORDER BY cycle_period`,
      [county]
    );
    expect(sums).toEqual([{ period: startPeriod, amount: '1567.75' }]);
    expect(spending.body.items).toEqual([
      {
        county,
        period: startPeriod,
        fundCode: 'KNQZ-DIBAO',
        program: 'dibao',
        paidLines: 3,
        paidAmount: '1567.75',
        backPayLines: 0,
        backPayAmount: '0.00',
      },
    ]);
  });

  it('starting the same county and month twice returns the one cycle', async () => {
    const county = paymentCounty('12');
    const maker = financeOf(county, 'fin-maker');
    await seedEntitlements(stack.pool, county, 2, { startPeriod: thisMonth });
    const first = await api.call('POST', '/api/payment-cycles', maker, { county, period: thisMonth });
    const again = await api.call('POST', '/api/payment-cycles', financeOf(county, 'fin-other'), {
      county,
      period: thisMonth,
    });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    await cycleAt(api, first.body.id, 'batchBuilt', maker);
    const { rows } = await stack.pool.query('SELECT count(*)::int AS n FROM payment_cycles WHERE county_code = $1', [
      county,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('a household edited after the freeze does not change the frozen cycle', async () => {
    const county = paymentCounty('13');
    const maker = financeOf(county, 'fin-maker');
    const checker = financeOf(county, 'fin-checker');
    const [edited] = await seedEntitlements(stack.pool, county, 2, { startPeriod: thisMonth, amount: () => '600.00' });
    const started = await api.call('POST', '/api/payment-cycles', maker, { county, period: thisMonth });
    await cycleAt(api, started.body.id, 'batchBuilt', maker);

    // After the freeze: a new amount and account for one household, and a household approved late.
    await stack.pool.query(
      `UPDATE entitlements SET amount = 999.00, payee = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [edited, JSON.stringify(payeeFor(77))]
    );
    await seedEntitlements(stack.pool, county, 1, { startPeriod: thisMonth, amount: () => '123.00' });

    await api.call('POST', `/api/payment-cycles/${started.body.id}/submit`, maker, {});
    await api.call('POST', `/api/payment-cycles/${started.body.id}/approve`, checker, {});
    await cycleAt(api, started.body.id, 'exported', maker);
    const file = await (
      await api.raw('GET', `/api/payment-cycles/${started.body.id}/bank-file`, { headers: await api.headersFor(maker) })
    ).text();
    expect(bankLines(file).map((l) => [l.accountName, l.amount])).toEqual([
      ['户主0', '600.00'],
      ['户主1', '600.00'],
    ]);
    expect(await ledgerTotals(stack.pool, county)).toEqual({ lines: 2, amount: '1200.00', duplicates: 0 });
  });

  it('carries failed and held payments to the next cycle and pays each of them once', async () => {
    const county = paymentCounty('15');
    const maker = financeOf(county, 'fin-maker');
    const checker = financeOf(county, 'fin-checker');
    const ids = await seedEntitlements(stack.pool, county, 4, {
      startPeriod: thisMonth,
      amount: () => '500.00',
      withoutPayee: [3],
    });
    const { id, file } = await runToExported(api, county, thisMonth, maker, checker);
    const lines = bankLines(file);
    expect(lines).toHaveLength(3);

    // A return naming a line the cycle never sent is refused whole, with the line number.
    const bogus = bankReturn([...lines, { ...lines[0]!, reference: 'YL999999A1' }]);
    const refused = await uploadReturn(api, id, maker, bogus);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: { code: 'FILE_REJECTED', problems: [{ line: 5, field: 'reference' }] },
    });
    expect((await cycleAt(api, id, 'exported', maker)).returns).toEqual([]);

    const failing = (l: { accountName: string }) => (l.accountName === '户主1' ? '账户已冻结' : null);
    expect((await uploadReturn(api, id, maker, bankReturn(lines, failing))).status).toBe(200);
    const closed = await cycleAt(api, id, 'reconciled', maker);
    expect(closed.reconciliation).toMatchObject({ paidLines: 2, failedLines: 1, failedAmount: '500.00' });

    const retries = await api.call('GET', `/api/payment-retries?county=${county}`, checker);
    expect(
      retries.body.items.map((r: { failureReason: string; period: string }) => [r.period, r.failureReason])
    ).toEqual([
      [thisMonth, '账户已冻结'],
      [thisMonth, '缺少收款账户，请补录后下期重发'],
    ]);

    // The household without an account gives one; next month both retries and all four regular lines are paid.
    await stack.pool.query('UPDATE entitlements SET payee = $2, version = version + 1 WHERE id = $1', [
      ids[3],
      JSON.stringify(payeeFor(3)),
    ]);
    const next = addMonths(thisMonth, 1);
    const second = await runToExported(api, county, next, maker, checker);
    const secondLines = bankLines(second.file);
    expect(secondLines.map((l) => `${l.forPeriod}/${l.accountName}`)).toEqual([
      `${thisMonth}/户主1`,
      `${thisMonth}/户主3`,
      `${next}/户主0`,
      `${next}/户主1`,
      `${next}/户主2`,
      `${next}/户主3`,
    ]);
    expect((await uploadReturn(api, second.id, maker, bankReturn(secondLines))).status).toBe(200);
    await cycleAt(api, second.id, 'reconciled', maker);

    const { rows: ledger } = await stack.pool.query(
      `SELECT period, status, attempt, count(*) OVER (PARTITION BY entitlement_id, period)::int AS rows_for_month
         FROM payment_ledger WHERE county_code = $1 ORDER BY period, entitlement_id`,
      [county]
    );
    expect(ledger).toHaveLength(8);
    expect(ledger.every((r) => r.status === 'paid' && r.rows_for_month === 1)).toBe(true);
    expect(ledger.filter((r) => r.attempt === 2)).toHaveLength(2);
    const open = await api.call('GET', `/api/payment-retries?county=${county}`, checker);
    expect(open.body.items).toEqual([]);
    const all = await api.call('GET', `/api/payment-retries?county=${county}&open=false`, checker);
    expect(all.body.items.map((r: { consumedBy: string }) => r.consumedBy)).toEqual([second.id, second.id]);

    const spending = await api.call('GET', `/api/funds/spending?county=${county}`, checker);
    expect(
      spending.body.items.map((s: { period: string; paidLines: number; paidAmount: string }) => [
        s.period,
        s.paidLines,
        s.paidAmount,
      ])
    ).toEqual([
      [thisMonth, 2, '1000.00'],
      [next, 6, '3000.00'],
    ]);
  });
  it('takes the bank’s return in parts: the cycle waits for the lines not yet answered, and a repeat file books nothing twice', async () => {
    const county = paymentCounty('18');
    const maker = financeOf(county, 'fin-maker');
    await seedEntitlements(stack.pool, county, 4, { startPeriod: thisMonth, amount: () => '250.00' });
    const { id, file } = await runToExported(api, county, thisMonth, maker, financeOf(county, 'fin-checker'));
    const lines = bankLines(file);
    const firstHalf = bankReturn(lines.slice(0, 2));

    expect((await uploadReturn(api, id, maker, firstHalf)).status).toBe(200);
    const waiting = await cycleAt(api, id, 'exported', maker);
    expect(waiting.reconciliation).toMatchObject({ paidLines: 2, outstandingLines: 2 });
    // The very same file again is recognised and recorded once.
    expect((await uploadReturn(api, id, maker, firstHalf)).status).toBe(200);
    expect((await cycleAt(api, id, 'exported', maker)).returns).toHaveLength(1);
    // The same half again: its lines were answered already, so the file is refused and nothing changes.
    const repeat = await uploadReturn(api, id, maker, bankReturn(lines.slice(0, 1)));
    expect(repeat.status).toBe(400);
    expect(repeat.body).toMatchObject({ error: { problems: [{ line: 2, field: 'reference' }] } });

    expect((await uploadReturn(api, id, maker, bankReturn(lines.slice(2)))).status).toBe(200);
    const closed = await cycleAt(api, id, 'reconciled', maker);
    expect(closed.returns).toHaveLength(2);
    expect(closed.reconciliation).toMatchObject({ paidLines: 4, paidAmount: '1000.00', outstandingLines: 0 });
    expect(await ledgerTotals(stack.pool, county)).toEqual({ lines: 4, amount: '1000.00', duplicates: 0 });
  });
});
