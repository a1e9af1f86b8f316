/**
 * The whole chain in a browser, person by person, against the real stack (API, Temporal,
 * PostgreSQL): a window clerk takes a household's application with one document missing, prints the
 * one-time notice, takes the document when it is brought and accepts the case; a township
 * investigator claims the home visit — a second window of theirs records it first, so the browser's
 * submit is refused with the reason and what the case allows now — and proposes approval (confirmed
 * before it is sent); the notice runs out; a county approver claims and approves; the case page shows
 * the chart at 保障中 with the steps passed marked and the whole timeline. The case page's time to
 * interactive is measured and written to test/web/artifacts/timings.json (a figure, not a limit).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import type { Browser, Page } from 'playwright-core';
import { withCheckCharacter } from '../../definitions/shared/identity';
import { ensureConsoleBuilt } from '../../scripts/lib/consoleBuild';
import {
  accessibilityCheck,
  ARTIFACTS,
  launchBrowser,
  screenshot,
  signInInBrowser,
  staffAccount,
} from '../support/browser';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { homeVisit, TEST_COUNTY, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { eventually, openStack } from '../support/stack';
import { assessAndChooseDibao, fillHousehold } from './intakeSteps';

const orgs = townshipOrgs('387');
const admin: Person = { userId: 'chain-admin', role: 'admin', org: TEST_COUNTY };
const clerk: Person = { userId: 'chain-window', role: 'window', org: orgs.township };
const investigator: Person = { userId: 'chain-township', role: 'township', org: orgs.township };
const approver: Person = { userId: 'chain-county', role: 'county', org: orgs.county };

let stack: Stack;
let api: TestApi;
let browser: Browser;
let page: Page;
let householdId: string;
let caseId: string;

beforeAll(async () => {
  const [opened] = await Promise.all([openStack('chain'), ensureConsoleBuilt()]);
  stack = opened;
  await stack.startWorker();
  api = await startApi(stack);
  ({ browser, page } = await launchBrowser());
  page.setDefaultTimeout(10_000);
  await staffAccount(api, admin, clerk, '刘晓燕');
  await staffAccount(api, admin, investigator, '陈国强');
  await staffAccount(api, admin, approver, '王建军');
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await stack?.close();
});

const state = (statePath: string) => page.locator(`[data-testid="chart-diagram"] g[data-state="${statePath}"]`);

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名').waitFor();
}

/** Opens 办理 on the case page and the form of the event labelled `labelZh`. */
async function openEventForm(labelZh: string): Promise<void> {
  await page.getByRole('tab', { name: /^办理（/ }).click();
  await page.locator('.ant-collapse-header').filter({ hasText: labelZh }).click();
}

/** Submits a decision's form and confirms it in the dialog the console asks first. */
async function submitDecision(labelZh: string): Promise<void> {
  await page.getByRole('button', { name: `提交：${labelZh}` }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: `确认${labelZh}？` });
  await confirm.waitFor();
  await confirm.getByRole('button', { name: '确认提交' }).click();
  await page.getByText(`已办理：${labelZh}`).waitFor();
}

/** Claims the case's task from 可认领 and opens the case from 待办. */
async function claimAndOpen(person: Person): Promise<void> {
  await signInInBrowser(page, api.base, person.userId, '/tasks?tab=claimable');
  const row = page.locator('tr').filter({ hasText: caseId });
  await row.getByRole('button', { name: '认领' }).click();
  await page.getByText('已认领，可在「待办」中办理').waitFor();
  await page.getByRole('tab', { name: '待办' }).click();
  await page.locator('tr').filter({ hasText: caseId }).getByRole('link', { name: caseId }).click();
  await page.getByRole('heading', { name: `案件详情 · ${caseId}` }).waitFor();
}

describe('the whole chain in the console', () => {
  it('window: one form with a document missing, the one-time notice printed, the document taken, the case accepted', async () => {
    await signInInBrowser(page, api.base, clerk.userId, '/intake');
    await page.locator('#household_address').waitFor();
    await fillHousehold(page, orgs, { name: '周桂兰', id: withCheckCharacter('37090219560301004') }, ['收入证明']);
    await assessAndChooseDibao(page);
    await page.getByRole('button', { name: '确认并提交受理' }).click();
    await page.getByText('已受理', { exact: true }).waitFor({ timeout: 20_000 });
    householdId = (await page.getByText(/^家庭申请编号 HH-/).innerText()).replace('家庭申请编号 ', '');
    const notice = page.getByTestId('one-time-notice');
    expect((await notice.innerText()).match(/收入证明/g)).toHaveLength(1);
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
      await screenshot(page, '40-chain-one-time-notice-print');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }

    // The household comes back with the document: handed in once, on the household's page.
    await page.getByRole('link', { name: '查看家庭申请（补正材料）' }).click();
    expect(new URL(page.url()).pathname).toBe(`/households/${householdId}`);
    const missing = page.getByTestId('missing-materials');
    await missing.getByRole('checkbox', { name: /^收入证明/ }).waitFor();
    caseId = (await page.getByRole('link', { name: /^DB-/ }).innerText()).trim();
    await accessibilityCheck(page, 'household: materials missing');
    await screenshot(page, '41-chain-household-missing');
    await missing.getByRole('checkbox', { name: /^收入证明/ }).check();
    await missing.getByRole('button', { name: '确认补交' }).click();
    await page.getByText(/^已补交材料，已转入：/).waitFor();
    await missing.getByText('材料已齐全').waitFor();

    // Accepted from the case page (a decision: confirmed first).
    await page.getByRole('link', { name: caseId }).click();
    await page.getByRole('heading', { name: `案件详情 · ${caseId}` }).waitFor();
    await openEventForm('受理申请');
    await submitDecision('受理申请');
    await page.getByTestId('current-step').getByText('调查核实').waitFor();
    await signOut();
  });

  it('township: claims the home visit, meets a 409 from its own second window, then proposes approval', async () => {
    // The data check's result is a system event: waited for first, so it cannot land (and redraw the
    // page) while the investigator fills in the form or reads the refusal.
    await eventually(
      async () =>
        (await api.call('GET', `/api/applications/${caseId}`, investigator)).body.timeline.some(
          (t: { event: string }) => t.event === 'DATA_CHECK_COMPLETED'
        ) || undefined,
      20_000,
      'the data check'
    );
    await claimAndOpen(investigator);
    await openEventForm('登记入户调查');
    await page.getByLabel('工号（第1人）').fill(investigator.userId);
    await page.getByLabel('姓名（第1人）').fill('陈国强');
    await page.getByLabel('工号（第2人）').fill('chain-township-2');
    await page.getByLabel('姓名（第2人）').fill('钱思远');
    await page.getByLabel('入户调查日期').fill(dayjs().format('YYYY-MM-DD'));
    await page.getByLabel('调查情况').fill('户主重度残疾，无劳动能力，情况与申报一致。');
    await page.getByLabel('申请人或家庭成员已签字确认').check();

    // The same investigator, in another window, records the visit first.
    const first = await api.call('POST', `/api/applications/${caseId}/events`, investigator, {
      type: 'RECORD_HOME_VISIT',
      ...homeVisit,
      investigators: [
        { userId: investigator.userId, name: '陈国强' },
        { userId: 'chain-township-2', name: '钱思远' },
      ],
    });
    expect(first.status).toBe(200);
    await page.getByRole('button', { name: '提交：登记入户调查' }).click();
    const refused = page.getByRole('alert').filter({ hasText: /当前可办理|当前没有可办理的事项/ });
    await refused.waitFor({ timeout: 20_000 });
    await accessibilityCheck(page, 'case page: a refused event');
    await screenshot(page, '42-chain-409-refused');

    // Once the data check has come back too, the first review: propose approval.
    await eventually(
      async () =>
        (await api.call('GET', `/api/applications/${caseId}`, investigator)).body.allowedEvents.some(
          (e: { type: string }) => e.type === 'PROPOSE_APPROVAL'
        ) || undefined,
      20_000,
      'the first review'
    );
    await page.reload();
    await openEventForm('初审拟同意');
    await page.getByLabel('初审意见').fill('经入户调查和经济状况核对，符合低保条件，拟同意。');
    await submitDecision('初审拟同意');
    await signOut();
  });

  it('county: after the notice, claims and approves; the page shows the chart at 保障中 and the whole timeline', async () => {
    // The test county's notice runs 2 s; then the county's review opens.
    await eventually(
      async () =>
        (await api.call('GET', `/api/applications/${caseId}`, approver)).body.step === 'countyReview' || undefined,
      20_000,
      'the county review'
    );
    await claimAndOpen(approver);
    await openEventForm('审核确认（同意）');
    await accessibilityCheck(page, 'case page: county approval form');
    await submitDecision('审核确认（同意）');
    await page.getByTestId('current-step').getByText('保障中').waitFor();

    // Time to interactive of the case page: from navigation to the diagram drawn and 办理 ready.
    const started = Date.now();
    await page.goto(`${api.base}/cases/${caseId}`);
    await state('inPayment').waitFor();
    await page.getByRole('tab', { name: /^办理（/ }).waitFor();
    const interactiveMs = Date.now() - started;
    const navigation = await page.evaluate(() => {
      // The browser's Performance API (the server's tsconfig has no DOM types).
      type Timing = { domContentLoadedEventEnd: number };
      const perf = (globalThis as unknown as { performance: { getEntriesByType(t: string): Timing[] } }).performance;
      const entry = perf.getEntriesByType('navigation')[0];
      return entry ? { domContentLoadedMs: Math.round(entry.domContentLoadedEventEnd) } : null;
    });
    writeFileSync(
      path.join(ARTIFACTS, 'timings.json'),
      `${JSON.stringify({ casePageInteractiveMs: interactiveMs, ...navigation }, null, 2)}\n`
    );
    console.log(`case page: interactive in ${interactiveMs} ms (${JSON.stringify(navigation)})`);

    expect(await state('inPayment').getAttribute('data-status')).toBe('current');
    for (const passed of ['intake', 'investigation', 'firstReview', 'publicNotice', 'countyReview']) {
      expect([passed, await state(passed).getAttribute('data-status')]).toEqual([passed, 'visited']);
    }
    await accessibilityCheck(page, 'case page: in payment');
    await screenshot(page, '43-chain-case-in-payment');

    const view = (await api.call('GET', `/api/applications/${caseId}`, approver)).body as {
      timeline: { event: string }[];
    };
    await page.getByRole('tab', { name: `办理记录（${view.timeline.length}）` }).click();
    const timeline = await page.getByTestId('timeline').innerText();
    for (const label of [
      '一次性告知缺少材料',
      '补交材料',
      '受理申请',
      '登记入户调查',
      '初审拟同意',
      '审核确认（同意）',
    ]) {
      expect([label, timeline.includes(label)]).toEqual([label, true]);
    }
    for (const who of [clerk.userId, investigator.userId, approver.userId]) expect(timeline).toContain(who);
    await screenshot(page, '44-chain-timeline');
  });
});
