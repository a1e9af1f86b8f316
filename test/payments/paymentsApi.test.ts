/**
 * The payments API's refusals on the real stack: maker-checker, roles and counties, malformed
 * input and files; the lists of cycles and of a cycle's lines; and the OpenAPI description. Counties
 * 379114, 379116, 379133 and 379158.
 */
import { addMonths, periodOf } from '../../definitions/payments';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import { actors } from '../support/factories';
import { countyOrgs, cycleAt, financeOf, paymentCounty, seedEntitlements, uploadReturn } from '../support/payments';
import type { Stack } from '../support/stack';
import { eventually, openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;

beforeAll(async () => {
  stack = await openStack('payments-api');
  await stack.startWorker();
  api = await startApi(stack);
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

const thisMonth = periodOf(new Date());

describe('payments / maker-checker', () => {
  it('refuses approval by the preparer (maker-checker) and by anyone outside county finance with 403', async () => {
    const county = paymentCounty('14');
    const maker = financeOf(county, 'fin-maker');
    await seedEntitlements(stack.pool, county, 1, { startPeriod: thisMonth });
    const started = await api.call('POST', '/api/payment-cycles', maker, { county, period: thisMonth });
    const id = started.body.id as string;
    await cycleAt(api, id, 'batchBuilt', maker);
    const early = await api.call('POST', `/api/payment-cycles/${id}/approve`, financeOf(county, 'fin-checker'), {});
    expect(early.status).toBe(409);
    expect(early.body.error.allowedEvents.map((e: { type: string }) => e.type)).toEqual(['SUBMIT_FOR_APPROVAL']);
    await api.call('POST', `/api/payment-cycles/${id}/submit`, maker, {});

    const own = await api.call('POST', `/api/payment-cycles/${id}/approve`, maker, {});
    expect(own.status).toBe(403);
    expect(own.body.error).toMatchObject({ code: 'MAKER_CHECKER', rule: '不相容岗位分离：制单人不得审核' });
    expect(own.body.error.message).toContain('制单人不能审核本批次');
    expect(
      (await api.call('POST', `/api/payment-cycles/${id}/approve`, actors.county(countyOrgs(county)), {})).status
    ).toBe(403);
    expect((await api.call('POST', `/api/payment-cycles/${id}/approve`, financeOf('379199', 'fin-x'), {})).status).toBe(
      403
    );
    const view = await cycleAt(api, id, 'awaitingApproval', maker);
    expect(view.approver).toBeNull();

    const back = await api.call(
      'POST',
      `/api/payment-cycles/${id}/return-for-correction`,
      financeOf(county, 'fin-checker'),
      {
        reason: '请核对收款账户',
      }
    );
    expect(back.status).toBe(200);
    expect(back.body.step).toBe('returnedForCorrection');
  });

  it('refuses approval by the preparer under the same id in other letter case (403 MAKER_CHECKER)', async () => {
    const county = paymentCounty('33');
    await seedEntitlements(stack.pool, county, 1, { startPeriod: thisMonth });
    const started = await api.call('POST', '/api/payment-cycles', financeOf(county, 'fin-1'), {
      county,
      period: thisMonth,
    });
    const id = started.body.id as string;
    await cycleAt(api, id, 'batchBuilt', financeOf(county, 'fin-1'));
    expect((await api.call('POST', `/api/payment-cycles/${id}/submit`, financeOf(county, 'fin-1'), {})).status).toBe(
      200
    );

    const sameMaker = await api.call('POST', `/api/payment-cycles/${id}/approve`, financeOf(county, 'FIN-1'), {});
    expect(sameMaker.status).toBe(403);
    expect(sameMaker.body.error).toMatchObject({ code: 'MAKER_CHECKER' });
    const returned = await api.call(
      'POST',
      `/api/payment-cycles/${id}/return-for-correction`,
      financeOf(county, 'Fin-1'),
      {
        reason: '自行退回',
      }
    );
    expect(returned.status).toBe(403);
    expect(returned.body.error.code).toBe('MAKER_CHECKER');
    const view = await cycleAt(api, id, 'awaitingApproval', financeOf(county, 'fin-1'));
    expect(view.approver).toBeNull();
  });
});

describe('payments / lists of cycles and lines', () => {
  const county = paymentCounty('58');
  const officer = financeOf(county, 'fin-lists');
  const lastMonth = addMonths(thisMonth, -1);

  it('lists a county’s cycles newest month first, a page at a time, and a cycle’s lines with accounts masked', async () => {
    await seedEntitlements(stack.pool, county, 3, { startPeriod: lastMonth });
    for (const period of [lastMonth, thisMonth]) {
      const started = await api.call('POST', '/api/payment-cycles', officer, { county, period });
      await cycleAt(api, started.body.id as string, 'batchBuilt', officer);
    }
    // Lists are the read model's: a cycle's state lands there just after the workflow's own view shows it.
    const first = await eventually(
      async () => {
        const res = await api.call('GET', `/api/payment-cycles?county=${county}&limit=1`, officer);
        return res.body.items?.[0]?.step === 'batchBuilt' ? res : undefined;
      },
      10_000,
      "this month's cycle listed as built"
    );
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      expect.objectContaining({
        id: `PC-${county}-${thisMonth}`,
        step: 'batchBuilt',
        stepLabelZh: '批次已生成，待制单人提交审核',
        payableLines: 3,
        preparer: null,
      }),
    ]);
    const second = await api.call(
      'GET',
      `/api/payment-cycles?county=${county}&limit=1&cursor=${first.body.nextCursor}`,
      officer
    );
    expect(second.body.items.map((c: { period: string }) => c.period)).toEqual([lastMonth]);
    expect(second.body.nextCursor).toBeNull();

    const id = `PC-${county}-${thisMonth}`;
    const page1 = await api.call('GET', `/api/payment-cycles/${id}/lines?limit=2`, officer);
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await api.call(
      'GET',
      `/api/payment-cycles/${id}/lines?limit=2&cursor=${page1.body.nextCursor}`,
      officer
    );
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    const lines = [...page1.body.items, ...page2.body.items] as Record<string, unknown>[];
    expect(new Set(lines.map((l) => l.entitlementId)).size).toBe(3);
    for (const line of lines) {
      expect(line).toMatchObject({
        forPeriod: thisMonth,
        rollKind: 'regular',
        ledgerKind: 'regular',
        status: 'scheduled',
      });
      expect(line.accountNumber).toMatch(/^\*+\d{4}$/);
      expect(line.holderName).toBe('户**');
    }
  });

  it('refuses a forged cursor with 400 naming query.cursor', async () => {
    const res = await api.call('GET', `/api/payment-cycles?county=${county}&cursor=bm90LWEtY3Vyc29y`, officer);
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('query.cursor');
  });
});

describe('payments / API refusals and description', () => {
  const county = paymentCounty('16');
  const maker = financeOf(county, 'fin-maker');

  it('answers 400 with field paths for a malformed month or county, 404 for an unknown cycle', async () => {
    const bad = await api.call('POST', '/api/payment-cycles', maker, { county: '37', period: '2026-13' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.county', 'body.period']);
    const missing = await api.call('GET', `/api/payment-cycles/PC-${county}-2001-01`, maker);
    expect(missing.status).toBe(404);
    const badId = await api.call('GET', '/api/payment-cycles/nope', maker);
    expect(badId.status).toBe(400);
  });

  it('lets only finance staff of the county start a cycle', async () => {
    const other = await api.call('POST', '/api/payment-cycles', financeOf('379199', 'fin-x'), {
      county,
      period: thisMonth,
    });
    expect(other.status).toBe(403);
    const approver = await api.call('POST', '/api/payment-cycles', actors.county(countyOrgs(county)), {
      county,
      period: thisMonth,
    });
    expect(approver.status).toBe(403);
  });

  it('has no bank file before approval, and refuses a malformed return file with line numbers', async () => {
    await seedEntitlements(stack.pool, county, 1, { startPeriod: thisMonth });
    const started = await api.call('POST', '/api/payment-cycles', maker, { county, period: thisMonth });
    const id = started.body.id as string;
    await cycleAt(api, id, 'batchBuilt', maker);
    expect((await api.call('GET', `/api/payment-cycles/${id}/bank-file`, maker)).status).toBe(404);
    const early = await uploadReturn(
      api,
      id,
      maker,
      `reference,status,amount,bank_reference,failure_reason\nYL1A1,paid,1.00,B1,\n`
    );
    expect(early.status).toBe(409);
    const { rows } = await stack.pool.query('SELECT count(*)::int AS n FROM payment_files WHERE cycle_id = $1', [id]);
    expect(rows[0].n).toBe(0);
    const malformed = await uploadReturn(
      api,
      id,
      maker,
      'reference,status,amount,bank_reference,failure_reason\nYL1A1,maybe,1.00,,\n'
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({
      error: { code: 'FILE_REJECTED', problems: [{ line: 2, field: 'status' }] },
    });
  });

  it('describes the payments endpoints and commands in the OpenAPI document', async () => {
    const res = await api.call('GET', '/api/openapi.json', null);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/payment-cycles/{id}/approve',
        '/api/payment-cycles/{id}/bank-file',
        '/api/payment-cycles/{id}/lines',
        '/api/funds/spending',
      ])
    );
    expect(Object.keys(res.body['x-event-payloads'])).toContain('paymentCycle.RETURN_FOR_CORRECTION');
  });
});
