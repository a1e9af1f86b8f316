/**
 * 公示 in a real browser against the real stack. A dibao case is driven through the API into a long
 * public notice; the village's staff open 公示, see the notice with the name masked and the period,
 * print it (print media: the console's frame gone, one A4 page), and record an objection heard
 * during the notice from the 异议登记 tab — the case's timeline then holds it. A township reviewer
 * picks the village by name and sees the same list, and the chart keeps the objection for the village
 * and the window. Names and the objection contact come from the place-name register.
 */
import type { Browser, Page } from 'playwright-core';
import { loadOrgUnits } from '../../db/orgUnits';
import { ensureConsoleBuilt } from '../../scripts/lib/consoleBuild';
import { accessibilityCheck, launchBrowser, screenshot, signInInBrowser, staffAccount } from '../support/browser';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, homeVisit, TEST_COUNTY, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { checkRunsFinished, openStack } from '../support/stack';

const orgs = townshipOrgs('386');
const admin: Person = { userId: 'pub-admin', role: 'admin', org: TEST_COUNTY };
const villager: Person = { userId: 'pub-village', role: 'village', org: orgs.village };
const reviewer: Person = { userId: 'pub-township', role: 'township', org: orgs.township };
const CONTACT = '试验镇人民政府民政办 电话 0539-0000386';

let stack: Stack;
let api: TestApi;
let browser: Browser;
let page: Page;
let caseId: string;

beforeAll(async () => {
  const [opened] = await Promise.all([openStack('publication'), ensureConsoleBuilt()]);
  stack = opened;
  await stack.startWorker();
  // A notice long enough to be read, printed and objected to within the test.
  api = await startApi(stack, { noticeSeconds: 600 });
  ({ browser, page } = await launchBrowser());
  page.setDefaultTimeout(8000);
  // The register names this file's township and village, and where the township takes objections.
  const named = { source: '测试数据', effectiveFrom: '2024-01-01' };
  await loadOrgUnits(stack.pool, [
    {
      ...named,
      code: orgs.township,
      nameZh: '试验镇',
      level: 'township',
      parentCode: orgs.county,
      publicContactZh: CONTACT,
    },
    {
      ...named,
      code: orgs.village,
      nameZh: '东风村委会',
      level: 'village',
      parentCode: orgs.township,
      publicContactZh: null,
    },
  ]);
  await staffAccount(api, admin, villager, '孙秀梅');
  await staffAccount(api, admin, reviewer, '赵立新');

  const started = await api.call('POST', '/api/applications', actors.window(orgs), anApplication({ orgs }));
  expect(started.status).toBe(201);
  caseId = started.body.id;
  const send = (actor: Person, body: Record<string, unknown>) =>
    api.call('POST', `/api/applications/${caseId}/events`, actor, body);
  expect((await send(actors.window(orgs), { type: 'ACCEPT' })).status).toBe(200);
  await checkRunsFinished(stack.commands, caseId);
  expect((await send(actors.township(orgs), { type: 'RECORD_HOME_VISIT', ...homeVisit })).status).toBe(200);
  const proposed = await send(actors.township(orgs), { type: 'PROPOSE_APPROVAL', opinion: '符合条件，拟同意' });
  expect(proposed.body.step).toBe('publicNotice');
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await stack?.close();
});

describe('公示', () => {
  it('shows the village its notice, masked, with the period and where to object, and prints it on one A4 page', async () => {
    await signInInBrowser(page, api.base, villager.userId, '/publication');
    const sheet = page.getByTestId('notice-sheet');
    await sheet.waitFor();
    expect(await sheet.getByRole('heading').innerText()).toBe('试验镇东风村委会最低生活保障审核结果公示');
    const rows = sheet.locator('tbody tr');
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allInnerTexts();
    expect(cells.slice(0, 3)).toEqual(['1', '张*', '3']);
    expect(cells[4]).toMatch(/^\d{4}年\d+月\d+日至\d{4}年\d+月\d+日$/);
    // Nothing of the file that identifies the household reaches the sheet.
    const text = await sheet.innerText();
    expect(text).not.toContain(anApplication().household.address);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(await page.getByTestId('notice-period').innerText()).toMatch(/公示期：\d{4}年.*有异议的/);
    expect(await page.getByTestId('notice-contact').innerText()).toBe(`异议受理：${CONTACT}`);
    await accessibilityCheck(page, 'publication: notice');
    await screenshot(page, '30-publication-notice');

    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: '打印公示（A4）' }).isVisible()).toBe(false);
      expect(await page.getByRole('tab', { name: '异议登记' }).isVisible()).toBe(false);
      expect(await sheet.isVisible()).toBe(true);
      await screenshot(page, '31-publication-notice-print');
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      // One page: count the PDF's page objects.
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('records an objection from the notice’s case list; the case’s timeline holds it', async () => {
    await page.getByRole('tab', { name: '异议登记' }).click();
    const row = page.locator('tr').filter({ hasText: caseId });
    await row.getByRole('button', { name: '登记异议' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('异议内容').fill('邻居反映该户有一辆小轿车未申报。');
    await dialog.getByLabel('属于实名举报').check();
    await accessibilityCheck(page, 'publication: objection form');
    await screenshot(page, '32-publication-objection');
    await dialog.getByRole('button', { name: '提交：登记公示异议' }).click();
    await page.getByText(`已登记 ${caseId} 的公示异议`).waitFor();
    const view = await api.call('GET', `/api/applications/${caseId}`, reviewer);
    const objection = view.body.timeline.find((e: { event: string }) => e.event === 'FILE_NOTICE_OBJECTION');
    expect(objection).toMatchObject({ actor: { userId: villager.userId, role: 'village' } });
  });

  it('shows the township the same notice for a village it picks, and keeps the objection for the village', async () => {
    await page.context().clearCookies();
    await signInInBrowser(page, api.base, reviewer.userId, '/publication');
    await page.getByLabel('村（居）', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('东风村委会', { exact: true }).click();
    await page.getByTestId('notice-sheet').waitFor();
    expect(new URL(page.url()).searchParams.get('village')).toBe(orgs.village);
    await page.getByRole('tab', { name: '异议登记' }).click();
    await page.locator('tr').filter({ hasText: caseId }).getByRole('button', { name: '登记异议' }).click();
    await page
      .getByRole('dialog')
      .getByText(/^公示异议由.*村（居）委会.*登记$/)
      .waitFor();
    expect(await page.getByRole('dialog').getByRole('button', { name: /^提交/ }).count()).toBe(0);
  });
});
