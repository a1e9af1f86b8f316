/**
 * Back pay (补发) on the real stack: a month whose roll was frozen before the household was approved
 * for it, and a raise decided after the month was paid, are paid by the next cycle, once, as lines of
 * their own that the bank file and the fund report show as 补发. A cut decided after the month was
 * paid is not clawed back but shows in the batch summary. Counties 379131, 379132 and 379134.
 */
import { recordEntitlementChange } from '../../db/entitlementChanges';
import { addMonths, periodOf } from '../../definitions/payments';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import { actors } from '../support/factories';
import type { BankLine } from '../support/payments';
import {
  approveDibaoCase,
  countyOrgs,
  fastRulesFor,
  financeOf,
  ledgerTotals,
  payeeFor,
  paymentCounty,
  runToReconciled,
  seedEntitlements,
} from '../support/payments';
import type { Stack } from '../support/stack';
import { checkRunsFinished, eventually, openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;

beforeAll(async () => {
  stack = await openStack('payments-back-pay');
  await stack.startWorker();
  api = await startApi(stack);
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

const thisMonth = periodOf(new Date());
const month = (offset: number) => addMonths(thisMonth, offset);
const asSent = (lines: BankLine[]) => lines.map((l) => [l.forPeriod, l.amount, l.purpose]);

describe('payments / back pay (补发)', () => {
  it('pays a month frozen before the approval as 补发 in the next cycle, once, and not past a stop', async () => {
    const county = paymentCounty('31');
    const maker = financeOf(county, 'fin-maker');
    const checker = financeOf(county, 'fin-checker');
    await seedEntitlements(stack.pool, county, 1, { startPeriod: month(0), amount: () => '450.00' });
    const first = await runToReconciled(api, county, month(0), maker, checker);
    expect(asSent(first)).toEqual([[month(0), '450.00', `最低生活保障金 ${month(0)}`]]);

    // Approved after this month's roll was frozen, both entitled from this month; one stopped at it.
    await seedEntitlements(stack.pool, county, 1, { startPeriod: month(0), amount: () => '1079.15' });
    const [stopped] = await seedEntitlements(stack.pool, county, 1, { startPeriod: month(0), amount: () => '333.30' });
    await stack.pool.query('UPDATE entitlements SET end_period = $2 WHERE id = $1', [stopped, month(0)]);

    const second = await runToReconciled(api, county, month(1), maker, checker);
    expect(asSent(second)).toEqual([
      [month(0), '1079.15', `最低生活保障金 ${month(0)} 补发`],
      [month(0), '333.30', `最低生活保障金 ${month(0)} 补发`],
      [month(1), '450.00', `最低生活保障金 ${month(1)}`],
      [month(1), '1079.15', `最低生活保障金 ${month(1)}`],
    ]);
    const spending = await api.call('GET', `/api/funds/spending?county=${county}&period=${month(1)}`, checker);
    expect(spending.body.items).toEqual([
      {
        county,
        period: month(1),
        fundCode: 'KNQZ-DIBAO',
        program: 'dibao',
        paidLines: 4,
        paidAmount: '2941.60',
        backPayLines: 2,
        backPayAmount: '1412.45',
      },
    ]);

    // The following cycle pays each household its own month only.
    const third = await runToReconciled(api, county, month(2), maker, checker);
    expect(asSent(third)).toEqual([
      [month(2), '450.00', `最低生活保障金 ${month(2)}`],
      [month(2), '1079.15', `最低生活保障金 ${month(2)}`],
    ]);
    expect(await ledgerTotals(stack.pool, county)).toEqual({ lines: 7, amount: '4920.75', duplicates: 0 });
  });

  it('holds a back-pay line without an account on the retry list and pays it once, still as 补发', async () => {
    const county = paymentCounty('34');
    const maker = financeOf(county, 'fin-maker');
    const checker = financeOf(county, 'fin-checker');
    await seedEntitlements(stack.pool, county, 1, { startPeriod: month(0), amount: () => '450.00' });
    await runToReconciled(api, county, month(0), maker, checker);
    const [late] = await seedEntitlements(stack.pool, county, 1, {
      startPeriod: month(0),
      amount: () => '800.00',
      withoutPayee: [0],
    });
    expect(asSent(await runToReconciled(api, county, month(1), maker, checker))).toEqual([
      [month(1), '450.00', `最低生活保障金 ${month(1)}`],
    ]);

    // The household gives its account: the held months come back through the retry list, not again as back pay.
    await stack.pool.query('UPDATE entitlements SET payee = $2, version = version + 1 WHERE id = $1', [
      late,
      JSON.stringify(payeeFor(7)),
    ]);
    expect(asSent(await runToReconciled(api, county, month(2), maker, checker))).toEqual([
      [month(0), '800.00', `最低生活保障金 ${month(0)} 补发`],
      [month(1), '800.00', `最低生活保障金 ${month(1)}`],
      [month(2), '450.00', `最低生活保障金 ${month(2)}`],
      [month(2), '800.00', `最低生活保障金 ${month(2)}`],
    ]);
    expect(await ledgerTotals(stack.pool, county)).toEqual({ lines: 6, amount: '3750.00', duplicates: 0 });
  });

  it('back-pays the difference when a raise reaches a month already paid, and reports a later cut without clawing back', async () => {
    const county = paymentCounty('32');
    const orgs = countyOrgs(county);
    const maker = financeOf(county, 'fin-maker');
    const checker = financeOf(county, 'fin-checker');
    const commands = stack.commandsWith({ extraConfigEntries: fastRulesFor(county) });
    const caseId = await approveDibaoCase(stack, county, 500);
    // Next month's roll is frozen and paid ahead of the month, at the approved amount.
    expect(asSent(await runToReconciled(api, county, month(1), maker, checker))).toEqual([
      [month(1), '500.00', `最低生活保障金 ${month(1)}`],
    ]);

    // A re-check raises the benefit from next month on: a month already paid at 500.
    await commands.submitEvent(caseId, {
      type: 'REPORT_CHANGE',
      actor: actors.window(orgs),
      payload: { kind: 'income', description: '户主因病失去务工收入' },
    });
    await checkRunsFinished(commands, caseId);
    await eventually(async () => {
      const view = await commands.readCase(caseId);
      return view.allowedEvents.some((e) => e.type === 'CHANGE_BENEFIT_AMOUNT') ? view : undefined;
    }, 20_000);
    await commands.submitEvent(caseId, {
      type: 'CHANGE_BENEFIT_AMOUNT',
      actor: actors.county(orgs),
      payload: { monthlyAmount: 620, ground: '经复核，家庭人口增加，按差额提高保障金' },
    });
    await eventually(async () => {
      const { rows } = await stack.pool.query('SELECT 1 FROM entitlement_changes WHERE case_id = $1', [caseId]);
      return rows.length === 1 ? true : undefined;
    }, 10_000);

    expect(asSent(await runToReconciled(api, county, month(2), maker, checker))).toEqual([
      [month(1), '120.00', `最低生活保障金 ${month(1)} 补发差额`],
      [month(2), '620.00', `最低生活保障金 ${month(2)}`],
    ]);
    const spending = await api.call('GET', `/api/funds/spending?county=${county}&period=${month(2)}`, checker);
    expect(spending.body.items).toEqual([
      expect.objectContaining({ paidLines: 2, paidAmount: '740.00', backPayLines: 1, backPayAmount: '120.00' }),
    ]);
    expect(asSent(await runToReconciled(api, county, month(3), maker, checker))).toEqual([
      [month(3), '620.00', `最低生活保障金 ${month(3)}`],
    ]);

    // A cut reaching back to months already paid is not recovered by the cycle, but never silently.
    await recordEntitlementChange(stack.pool, {
      caseId,
      seq: 900,
      kind: 'amount',
      monthlyAmount: 450,
      fromPeriod: month(1),
      lastPeriod: null,
      ground: '经复核，收入增加，下调保障金',
      at: new Date().toISOString(),
    });
    expect(asSent(await runToReconciled(api, county, month(4), maker, checker))).toEqual([
      [month(4), '450.00', `最低生活保障金 ${month(4)}`],
    ]);
    const cycle = await api.call('GET', `/api/payment-cycles/PC-${county}-${month(4)}`, checker);
    expect(cycle.body.batch).toMatchObject({ backPayLines: 0, overpaid: { months: 3, amount: '510.00' } });
  });
});
