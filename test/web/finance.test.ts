/**
 * 资金发放 in a real browser against the real stack, with two finance officers of one county
 * (379157). Last month's cycle was paid in full through the API; a household approved after its
 * freeze is owed that month, so this month's cycle carries a 补发 line, and a household without an
 * account is held. Officer A starts the month's cycle, sees the frozen batch and submits it; the page
 * tells A they prepared it and may not approve. Officer B sees who prepared it, approves, downloads
 * the bank file; a return file with a wrong amount is refused line by line, the bank's real answer
 * (one line failed) is recorded and the cycle reconciles, the failed line on the retry list. The fund
 * report matches the ledger and exports as CSV for Excel.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addMonths, periodOf } from '../../definitions/payments';
import type { Person } from '../support/factories';
import type { BankLine } from '../support/payments';
import {
  bankLines,
  bankReturn,
  cycleAt,
  financeOf,
  paymentCounty,
  runToReconciled,
  seedEntitlements,
} from '../support/payments';
import { signInInBrowser, staffAccount } from '../support/browser';
import type { ConsoleSetup } from './browser';
import { accessibilityCheck, openConsole, screenshot } from './browser';

const county = paymentCounty('57');
const admin: Person = { userId: 'fin57-admin', role: 'admin', org: county };
const officerA = financeOf(county, 'fin57-a');
const officerB = financeOf(county, 'fin57-b');
const thisMonth = periodOf(new Date());
const lastMonth = addMonths(thisMonth, -1);
const cycleId = `PC-${county}-${thisMonth}`;

let setup: ConsoleSetup;
let pageA: Page;
let contextB: BrowserContext;
let pageB: Page;

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Waits until the cycle page shows `step`. */
const stepShown = (page: Page, step: string) =>
  page.locator(`[data-testid="cycle-step"][data-step="${step}"]`).waitFor({ timeout: 30_000 });

async function downloaded(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFileSync(await download.path());
}

beforeAll(async () => {
  setup = await openConsole('finance');
  const { api, stack } = setup;
  pageA = setup.page;
  pageA.setDefaultTimeout(15_000);
  ({ context: contextB, page: pageB } = await newPage(setup.browser));
  await staffAccount(api, admin, officerA, '钱会计');
  await staffAccount(api, admin, officerB, '孙出纳');

  // Last month, paid in full through the API (by two other officers).
  await seedEntitlements(stack.pool, county, 2, { startPeriod: lastMonth });
  await runToReconciled(api, county, lastMonth, financeOf(county, 'fin57-x'), financeOf(county, 'fin57-y'));
  // Approved after last month's freeze: owed last month (补发) and this month. The third has no account.
  await seedEntitlements(stack.pool, county, 1, { startPeriod: lastMonth });
  await seedEntitlements(stack.pool, county, 3, { startPeriod: thisMonth, withoutPayee: [2] });
}, 180_000);

afterAll(async () => {
  await contextB?.close();
  await setup?.close();
});

describe('资金发放: a month’s cycle with two finance officers', () => {
  let bankFile: string;

  it('officer A starts the month’s cycle; the roll freezes and the batch is built with its back pay marked', async () => {
    await signInInBrowser(pageA, setup.api.base, officerA.userId, '/payments');
    const list = pageA.getByTestId('cycle-list');
    await list
      .getByRole('link', { name: /年\d+月$/ })
      .first()
      .waitFor();
    expect(await list.innerText()).toContain(`PC-${county}-${lastMonth}`);
    expect(await list.innerText()).toContain('已对账，本期发放结束');
    await accessibilityCheck(pageA, 'payments: cycle list');
    await screenshot(pageA, '50-finance-cycles');

    await pageA.getByRole('button', { name: '发起发放周期' }).click();
    await pageA.getByRole('button', { name: '确认发起' }).click();
    await pageA.waitForURL(`**/payments/${cycleId}`);
    await stepShown(pageA, 'batchBuilt');
    const summary = pageA.getByTestId('cycle-summary');
    // 2 continuing + 1 owed (this month and last) + 3 new, one of them without an account.
    expect(await summary.innerText()).toMatch(/应发\s*6笔/);
    expect(await summary.innerText()).toMatch(/其中补发\s*1笔/);
    expect(await summary.innerText()).toMatch(/暂缓发放（转待重发）\s*1笔/);
    const lines = pageA.getByTestId('cycle-lines');
    await lines.locator('tbody tr').nth(6).waitFor();
    expect(await lines.locator('tbody tr').count()).toBe(7);
    const backPay = lines.locator('tbody tr').filter({ hasText: '补发' });
    expect(await backPay.count()).toBe(1);
    expect(await backPay.innerText()).toContain(`${Number(lastMonth.slice(5))}月`);
    // Names masked as on a published list, accounts masked; the held line says why.
    expect(await lines.innerText()).not.toMatch(/\d{19}/);
    expect(await lines.innerText()).toContain('缺少收款账户');
    await accessibilityCheck(pageA, 'payments: cycle built');
    await screenshot(pageA, '51-finance-cycle-built');
  });

  it('officer A submits and is shown as preparer, who may not approve', async () => {
    await pageA.getByRole('button', { name: '提交审核' }).click();
    await pageA.getByRole('button', { name: '确认提交' }).click();
    await stepShown(pageA, 'awaitingApproval');
    expect(await pageA.getByTestId('preparer').innerText()).toBe(officerA.userId);
    const rule = pageA.getByTestId('maker-checker');
    expect(await rule.innerText()).toContain(`制单人：${officerA.userId}（本人）`);
    expect(await rule.innerText()).toContain('不能审核本批次');
    expect(await pageA.getByRole('button', { name: '审核通过', exact: true }).isDisabled()).toBe(true);
    expect(await pageA.getByRole('button', { name: '退回修改' }).count()).toBe(0);
    await accessibilityCheck(pageA, 'payments: preparer cannot approve');
    await screenshot(pageA, '52-finance-maker-checker-preparer');

    // Sent anyway (another tab, a script): the API refuses it, in the words the page shows.
    const forced = await pageA.evaluate(async (id) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const res = await fetch(`/api/payment-cycles/${id}/approve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: '{}',
      });
      return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
    }, cycleId);
    expect(forced.status).toBe(403);
    expect(forced.body.error.code).toBe('MAKER_CHECKER');
    expect(forced.body.error.message).toContain('制单人不能审核本批次');
  });

  it('officer B sees who prepared the batch, approves it and downloads the bank file', async () => {
    await signInInBrowser(pageB, setup.api.base, officerB.userId, `/payments/${cycleId}`);
    await stepShown(pageB, 'awaitingApproval');
    const rule = pageB.getByTestId('maker-checker');
    expect(await rule.innerText()).toContain(`制单人：${officerA.userId}`);
    expect(await rule.innerText()).not.toContain('本人');
    await accessibilityCheck(pageB, 'payments: checker approves');
    await screenshot(pageB, '53-finance-maker-checker-checker');

    await pageB.getByRole('button', { name: '审核通过', exact: true }).click();
    await pageB.getByRole('button', { name: '确认审核通过' }).click();
    await stepShown(pageB, 'exported');
    expect(await pageB.getByTestId('approver').innerText()).toBe(officerB.userId);
    bankFile = (await downloaded(pageB, () => pageB.getByTestId('bank-file').click())).toString('utf8');
    const sent = bankLines(bankFile);
    expect(sent).toHaveLength(6);
    expect(sent.filter((l) => l.purpose.endsWith('补发'))).toHaveLength(1);
  });

  it('refuses a return file with a wrong amount line by line, then records the bank’s answer with one failed line', async () => {
    const sent = bankLines(bankFile);
    const upload = async (content: string) => {
      await pageB.locator('input[type="file"]').setInputFiles({
        name: 'return.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(content, 'utf8'),
      });
      await pageB.getByRole('button', { name: '确认登记' }).click();
    };
    const wrong = sent.map((l, i): BankLine => (i === 1 ? { ...l, amount: '1.00' } : l));
    await upload(bankReturn(wrong));
    const problems = pageB.getByTestId('return-file-problems');
    await problems.waitFor();
    const row = problems.locator('tbody tr').first();
    expect(await row.locator('td').first().innerText()).toBe('3');
    expect(await row.innerText()).toContain('amount');
    expect(await problems.innerText()).toContain('未登记任何一笔');
    await accessibilityCheck(pageB, 'payments: return file refused');
    await screenshot(pageB, '54-finance-return-refused');

    // A line of this month's own (the back-pay line is paid, so the report has it).
    const failed = sent.find((l) => !l.purpose.endsWith('补发'))!;
    await upload(bankReturn(sent, (l) => (l.reference === failed.reference ? '账户已销户' : null)));
    await stepShown(pageB, 'reconciled');
    expect(await pageB.getByTestId('reconciliation').innerText()).toMatch(/成功5笔.*失败1笔.*未回盘0笔/);
    const lines = pageB.getByTestId('cycle-lines');
    await lines.getByText('账户已销户').waitFor();
    expect(await lines.locator('tbody tr').filter({ hasText: '已发放' }).count()).toBe(5);
    // The failed line and the held one wait for next month's cycle.
    const retries = pageB.getByTestId('retry-list');
    await retries.getByText('账户已销户').waitFor();
    expect(await retries.locator('tbody tr').count()).toBe(2);
    expect(await retries.innerText()).toContain('缺少收款账户');
    await accessibilityCheck(pageB, 'payments: reconciled');
    await screenshot(pageB, '55-finance-reconciled');
  });

  it('reports spending per month, fund and program as the ledger has it, and exports it as CSV for Excel', async () => {
    await pageB.goto(`${setup.api.base}/payments?tab=report`);
    const report = pageB.getByTestId('fund-report');
    await report.locator('tbody tr').nth(1).waitFor();
    const { rows } = await setup.stack.pool.query<{ period: string; lines: number; amount: string }>(
      `SELECT cycle_period AS period, count(*)::int AS lines, sum(amount)::numeric(14, 2)::text AS amount
         FROM payment_ledger WHERE county_code = $1 AND status = 'paid' GROUP BY cycle_period ORDER BY cycle_period`,
      [county]
    );
    expect(rows.map((r) => r.period)).toEqual([lastMonth, thisMonth]);
    const shown = await report.locator('tbody tr').allInnerTexts();
    expect(shown).toHaveLength(2);
    for (const [i, row] of rows.entries()) {
      expect(shown[i]).toContain(String(row.lines));
      expect(shown[i]!.replace(/,/g, '')).toContain(`¥${row.amount}`);
    }
    await accessibilityCheck(pageB, 'payments: fund report');
    await screenshot(pageB, '56-finance-report');

    const csv = (await downloaded(pageB, () => pageB.getByTestId('report-csv').click())).toString('utf8');
    // A byte-order mark first, or Excel on Chinese Windows reads the names as GBK.
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const records = csv.slice(1).trimEnd().split('\r\n');
    expect(records[0]).toBe(
      '县（市、区）代码,发放月份,资金代码,救助项目,已发放笔数,已发放金额（元）,其中补发笔数,其中补发金额（元）'
    );
    expect(records).toHaveLength(3);
    expect(records[2]).toBe([county, thisMonth, 'KNQZ-DIBAO', 'dibao', 5, rows[1]!.amount, 1, '500.50'].join(','));
  });

  it('lists the month’s cycle reconciled, with its preparer and approver', async () => {
    await pageA.goto(`${setup.api.base}/payments`);
    const row = pageA.getByTestId('cycle-list').locator('tbody tr').filter({ hasText: cycleId });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('已对账，本期发放结束');
    expect(text).toContain(officerA.userId);
    expect(text).toContain(officerB.userId);
    const view = await cycleAt(setup.api, cycleId, 'reconciled', officerA);
    expect(view.preparer?.userId).toBe(officerA.userId);
  });
});
