/**
 * Ongoing management reaching the money, on the real stack: a reported change re-checks an approved
 * household through the data check, the county reduces the amount, and the payment cycles pay the
 * old amount for the month of the decision and the new one from the month after; a stopped case is
 * paid for the month of the decision and not after. County 379127 is this file's own.
 */
import { addMonths, periodOf } from '../../definitions/payments';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import { actors } from '../support/factories';
import {
  approveDibaoCase,
  bankLines,
  countyOrgs,
  fastRulesFor,
  financeOf,
  paymentCounty,
  runToExported,
} from '../support/payments';
import type { Stack } from '../support/stack';
import { checkRunsFinished, eventually, openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;

beforeAll(async () => {
  stack = await openStack('recheck-payments');
  await stack.startWorker();
  api = await startApi(stack);
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

const county = paymentCounty('27');
const orgs = countyOrgs(county);
const thisMonth = periodOf(new Date());
const nextMonth = addMonths(thisMonth, 1);

/** As if approved last month, so this month's cycle already pays the case. */
async function paidSinceLastMonth(caseId: string): Promise<void> {
  await stack.pool.query('UPDATE entitlements SET start_period = $2 WHERE case_id = $1', [
    caseId,
    addMonths(thisMonth, -1),
  ]);
}

describe('payments / decisions after a re-check', () => {
  it('a reduction applies from the month after the decision; a stop pays the month of the decision only', async () => {
    const commands = stack.commandsWith({ extraConfigEntries: fastRulesFor(county) });
    const reduced = await approveDibaoCase(stack, county, 500);
    const stopped = await approveDibaoCase(stack, county, 640);
    await paidSinceLastMonth(reduced);
    await paidSinceLastMonth(stopped);

    // The household reports more income: the re-check runs the data check again, out of cycle.
    const report = await commands.submitEvent(reduced, {
      type: 'REPORT_CHANGE',
      actor: actors.window(orgs),
      payload: { kind: 'income', description: '配偶在县城务工，月收入约1200元' },
    });
    expect(report.stepLabelZh).toContain('复核');
    await checkRunsFinished(commands, reduced);
    const reviewing = await eventually(async () => {
      const view = await commands.readCase(reduced);
      return view.allowedEvents.some((e) => e.type === 'CHANGE_BENEFIT_AMOUNT') ? view : undefined;
    }, 20_000);
    expect(reviewing.stepLabelZh).toBe('保障中（按月发放）：复核结果审核');

    const decided = await commands.submitEvent(reduced, {
      type: 'CHANGE_BENEFIT_AMOUNT',
      actor: actors.county(orgs),
      payload: { monthlyAmount: 380, ground: '经复核，家庭人均收入增加，按差额调整保障金' },
    });
    expect(decided.summary).toMatchObject({ ongoing: { monthlyAmount: 380 } });
    await commands.submitEvent(stopped, {
      type: 'TERMINATE',
      actor: actors.county(orgs),
      payload: { reason: '家庭成员稳定就业，收入超过保障标准' },
    });

    const changes = await eventually(async () => {
      const { rows } = await stack.pool.query(
        `SELECT e.case_id, c.kind, c.from_period, c.amount, c.last_period, e.end_period
           FROM entitlement_changes c JOIN entitlements e ON e.id = c.entitlement_id
          WHERE e.county_code = $1 ORDER BY c.kind`,
        [county]
      );
      return rows.length === 2 ? rows : undefined;
    }, 10_000);
    expect(changes).toEqual([
      {
        case_id: reduced,
        kind: 'amount',
        from_period: nextMonth,
        amount: '380.00',
        last_period: null,
        end_period: null,
      },
      {
        case_id: stopped,
        kind: 'stop',
        from_period: nextMonth,
        amount: null,
        last_period: thisMonth,
        end_period: thisMonth,
      },
    ]);

    const maker = financeOf(county, 'fin-maker');
    const checker = financeOf(county, 'fin-checker');
    const amounts = (file: string) => bankLines(file).map((l) => l.amount);
    const { file: current } = await runToExported(api, county, thisMonth, maker, checker);
    expect(amounts(current)).toEqual(['500.00', '640.00']);
    const { file: following } = await runToExported(api, county, nextMonth, maker, checker);
    expect(amounts(following)).toEqual(['380.00']);

    // The notices the household receives say so.
    const { rows: notices } = await stack.pool.query<{ kind: string; body_zh: string }>(
      'SELECT kind, body_zh FROM notices WHERE case_id = ANY($1) AND kind IN ($2, $3) ORDER BY kind',
      [[reduced, stopped], 'benefitChanged', 'termination']
    );
    expect(notices.map((n) => n.kind)).toEqual(['benefitChanged', 'termination']);
    expect(notices[0]?.body_zh).toContain('由500.00元调整为380.00元');
    expect(notices[1]?.body_zh).toContain(`发放至${Number(thisMonth.slice(0, 4))}年${Number(thisMonth.slice(5))}月`);
  });

  it('a phase-out pays on to the last month of the configured period, then stops by itself', async () => {
    const commands = stack.commandsWith({ extraConfigEntries: fastRulesFor(county) });
    const phased = await approveDibaoCase(stack, county, 720);
    await paidSinceLastMonth(phased);
    await commands.submitEvent(phased, {
      type: 'REPORT_CHANGE',
      actor: actors.township(orgs),
      payload: { kind: 'employment', description: '户主在开发区企业就业' },
    });
    await checkRunsFinished(commands, phased);
    await eventually(async () => {
      const view = await commands.readCase(phased);
      return view.allowedEvents.some((e) => e.type === 'START_PHASE_OUT') ? view : undefined;
    }, 20_000);
    const phasing = await commands.submitEvent(phased, {
      type: 'START_PHASE_OUT',
      actor: actors.county(orgs),
      payload: { ground: '户主就业后家庭人均收入超过保障标准' },
    });
    const lastPeriod = addMonths(thisMonth, 6);
    expect(phasing.summary).toMatchObject({ ongoing: { paymentChange: { kind: 'phaseOut', lastPeriod } } });
    const { rows } = await eventually(async () => {
      const result = await stack.pool.query('SELECT end_period FROM entitlements WHERE case_id = $1', [phased]);
      return result.rows[0]?.end_period === lastPeriod ? result : undefined;
    }, 10_000);
    expect(rows).toEqual([{ end_period: lastPeriod }]);

    const maker = financeOf(county, 'fin-maker');
    const checker = financeOf(county, 'fin-checker');
    const pays = async (period: string) =>
      bankLines((await runToExported(api, county, period, maker, checker)).file).some((l) => l.amount === '720.00');
    expect(await pays(lastPeriod)).toBe(true);
    expect(await pays(addMonths(lastPeriod, 1))).toBe(false);
  });
});
