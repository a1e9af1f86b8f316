/**
 * 案件详情 in a real browser against the real stack. A dibao case is started and accepted through
 * the API; a township investigator follows the case's link from 可认领 to its page, sees the chart
 * with 调查核实 current and 受理 passed, records the home visit through the form generated from the
 * event's schema (a missing date first: the API's message at the date field), and sees the timeline
 * grow; a village member opens the same case and is offered nothing the chart keeps for the township
 * (and reads the name masked); a supervisor states a purpose before the case is read.
 */
import dayjs from 'dayjs';
import type { Browser, Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../scripts/lib/consoleBuild';
import { accessibilityCheck, launchBrowser, screenshot, signInInBrowser, staffAccount } from '../support/browser';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, TEST_COUNTY, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { eventually, openStack } from '../support/stack';

const orgs = townshipOrgs('382');
const admin: Person = { userId: 'case-admin', role: 'admin', org: TEST_COUNTY };
const window = actors.window(orgs);
const investigator: Person = { userId: 'case-township', role: 'township', org: orgs.township };
const villager: Person = { userId: 'case-village', role: 'village', org: orgs.village };
const supervisor: Person = { userId: 'case-supervisor', role: 'supervisor', org: orgs.county };

let stack: Stack;
let api: TestApi;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const [opened] = await Promise.all([openStack('casepage'), ensureConsoleBuilt()]);
  stack = opened;
  await stack.startWorker();
  api = await startApi(stack);
  ({ browser, page } = await launchBrowser());
  page.setDefaultTimeout(8000);
  await staffAccount(api, admin, investigator, '赵立新');
  await staffAccount(api, admin, villager, '孙秀梅');
  await staffAccount(api, admin, supervisor, '周明');
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await stack?.close();
});

const shot = (name: string) => screenshot(page, name);
const state = (path: string) => page.locator(`[data-testid="chart-diagram"] g[data-state="${path}"]`);
const field = (label: string) =>
  page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });

describe('case page', () => {
  it('shows the chart where the case is, records the home visit through the generated form, hides others’ actions', async () => {
    const started = await api.call('POST', '/api/applications', window, anApplication({ orgs }));
    expect(started.status).toBe(201);
    const caseId = started.body.id as string;
    expect((await api.call('POST', `/api/applications/${caseId}/events`, window, { type: 'ACCEPT' })).status).toBe(200);
    await eventually(
      async () =>
        (
          (await api.call('GET', '/api/tasks?list=claimable&limit=200', investigator)).body.items as {
            caseId: string;
          }[]
        ).find((t) => t.caseId === caseId),
      15_000,
      `the home-visit task of ${caseId}`
    );

    // From the work list's row to the case page.
    await signInInBrowser(page, api.base, investigator.userId, '/tasks?tab=claimable');
    await page.getByRole('link', { name: caseId }).click();
    await page.getByRole('heading', { name: `案件详情 · ${caseId}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}`);
    await state('investigation').waitFor();
    expect(await state('investigation').getAttribute('data-status')).toBe('current');
    expect(await state('intake').getAttribute('data-status')).toBe('visited');
    expect(await state('firstReview').getAttribute('data-status')).toBe('other');
    expect(await state('investigation.homeVisit').getAttribute('data-status')).toBe('current');
    expect(await page.getByTestId('current-step').innerText()).toContain('调查核实');
    // The household as a township reader is served it: the name in full.
    expect(await page.getByTestId('household').innerText()).toMatch(/^张\S+（\d+人）$/);
    // Every running clock with its due date, working days left and legal source.
    const clocks = await page.getByTestId('clock').allInnerTexts();
    expect(clocks.length).toBeGreaterThanOrEqual(1);
    for (const clock of clocks) expect(clock).toMatch(/\d{4}年\d+月\d+日前.*(剩余\d+个工作日|今日到期).*依据：/s);
    expect(await page.getByRole('img', { name: /当前环节：调查核实/ }).count()).toBe(1);
    await accessibilityCheck(page, 'case page: diagram');
    await shot('11-case-diagram');

    const entriesBefore = Number(/（(\d+)）/.exec(await page.getByRole('tab', { name: /^办理记录/ }).innerText())?.[1]);
    expect(entriesBefore).toBeGreaterThanOrEqual(2);

    // The home visit through the generated form: the date left out first.
    await page.getByRole('tab', { name: /^办理（/ }).click();
    await page.locator('.ant-collapse-header').filter({ hasText: '登记入户调查' }).click();
    await page.getByLabel('工号（第1人）').fill('case-township');
    await page.getByLabel('姓名（第1人）').fill('赵立新');
    await page.getByLabel('工号（第2人）').fill('case-township-2');
    await page.getByLabel('姓名（第2人）').fill('钱思远');
    await page.getByLabel('调查情况').fill('家中无劳动力，居住条件差，情况与申报一致。');
    await page.getByLabel('申请人或家庭成员已签字确认').check();
    await page.getByRole('button', { name: '提交：登记入户调查' }).click();
    await field('入户调查日期').locator('.ant-form-item-explain-error').waitFor();
    await page.getByRole('alert').filter({ hasText: '请按提示修改标红的内容后再提交' }).waitFor();
    await accessibilityCheck(page, 'case page: event form with a field error');
    await shot('12-case-form-field-error');

    await page.getByLabel('入户调查日期').fill(dayjs().format('YYYY-MM-DD'));
    await page.getByLabel('调查情况').click();
    await page.getByRole('button', { name: '提交：登记入户调查' }).click();
    await page.getByText('已办理：登记入户调查').waitFor();
    // The view the API answered with: no more home visit to record, the timeline one longer.
    await page.getByRole('tab', { name: `办理记录（${entriesBefore + 1}）` }).click();
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('登记入户调查').waitFor();
    expect(await timeline.innerText()).toContain('case-township');
    expect(await timeline.innerText()).toContain('乡镇（街道）经办人员');
    await accessibilityCheck(page, 'case page: timeline');
    await shot('13-case-timeline');
    await page.getByRole('tab', { name: '流程图' }).click();
    // The diagram follows the case (on to 乡镇初审 once the data check has come back as well).
    const now = (await api.call('GET', `/api/applications/${caseId}`, investigator)).body as {
      step: string;
      allowedEvents: { type: string; roles: string[] }[];
    };
    expect(await state(now.step).getAttribute('data-status')).toBe('current');
    // What the village is about to not see: the case does allow events, only not to the village.
    expect(now.allowedEvents.length).toBeGreaterThan(0);
    expect(now.allowedEvents.every((e) => !e.roles.includes('village'))).toBe(true);

    // The household economic check, rule by rule with its figures.
    await page.getByRole('tab', { name: '核对报告' }).click();
    await page.getByRole('columnheader', { name: '核对规则' }).waitFor();
    expect(
      await page
        .getByRole('tabpanel')
        .getByText(/^(通过|未通过)$/)
        .count()
    ).toBeGreaterThan(0);
    await accessibilityCheck(page, 'case page: verification report');
    await shot('15-case-verification');
    await page.getByRole('tab', { name: '文书' }).click();
    await page
      .getByRole('tabpanel')
      .getByText(/尚未出具文书|出具时间/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('用户名').waitFor();

    // A village member sees the case but is offered nothing the township does.
    await signInInBrowser(page, api.base, villager.userId, `/cases/${caseId}?tab=actions`);
    await page.getByRole('heading', { name: `案件详情 · ${caseId}` }).waitFor();
    await page.getByRole('tab', { name: '办理（0）' }).waitFor();
    // The village is served the household's name masked, as on a published list.
    const masked = await page.getByTestId('household').innerText();
    expect(masked).toMatch(/^张\*/);
    expect(masked).not.toContain('张三');
    expect(await page.locator('.ant-collapse-header').count()).toBe(0);
    expect(await page.getByRole('tab', { name: '核对报告' }).count()).toBe(0);
    await accessibilityCheck(page, 'case page: village, nothing to do');
    await shot('14-case-village-no-actions');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('用户名').waitFor();

    // A supervisor states the purpose of the read first, then reads in full (and it is logged).
    await signInInBrowser(page, api.base, supervisor.userId, `/cases/${caseId}`);
    await page.getByRole('dialog', { name: '请说明查询用途' }).waitFor();
    await accessibilityCheck(page, 'case page: supervisor purpose');
    await page.getByRole('textbox', { name: '查询用途' }).fill('核查群众举报线索');
    await page.getByRole('button', { name: '查看案件' }).click();
    await page.getByRole('heading', { name: `案件详情 · ${caseId}` }).waitFor();
    expect(await page.getByTestId('household').innerText()).toContain('张三');
    await page.getByRole('tab', { name: '核对报告' }).click();
    await page.getByRole('columnheader', { name: '核对规则' }).waitFor();
    await shot('16-case-supervisor-with-purpose');
  });
});
