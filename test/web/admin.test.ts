/**
 * The administrator's views in a real browser against the real stack. A county admin adds a window
 * clerk (a post's wrong org code is refused at its field first), is shown the generated initial
 * password once, issues the clerk an API token and revokes it; the clerk then signs in with the
 * initial password, must change it, and lands on 工作台. The admin reads the rules in force (a
 * figure from the rules file and one built in, each with its source), the working-day calendar with
 * its 调休 days, and the program catalogue with each program's diagram.
 */
import type { Page } from 'playwright-core';
import type { TestApi } from '../support/apiServer';
import { signInInBrowser, staffAccount } from '../support/browser';
import type { Person } from '../support/factories';
import { TEST_COUNTY, townshipOrgs } from '../support/factories';
import { accessibilityCheck, firstSignIn, openConsole, screenshot } from './browser';
import type { ConsoleSetup } from './browser';

const orgs = townshipOrgs('388');
const bootstrapAdmin: Person = { userId: 'adm-bootstrap', role: 'admin', org: TEST_COUNTY };
const admin: Person = { userId: 'adm-web', role: 'admin', org: TEST_COUNTY };
const CLERK = 'adm-clerk-388';
const CLERK_PASSWORD = 'Taishan-Morning-2026';

let setup: ConsoleSetup;
let api: TestApi;
let page: Page;

beforeAll(async () => {
  setup = await openConsole('admin-console');
  ({ api, page } = setup);
  page.setDefaultTimeout(8000);
  await staffAccount(api, bootstrapAdmin, admin, '周建国');
});

afterAll(async () => {
  await setup?.close();
});

const dialog = () => page.getByRole('dialog');
const bearerSession = (token: string) =>
  api.raw('GET', '/api/auth/session', { headers: { authorization: `Bearer ${token}` } });

describe('administrator / staff directory', () => {
  it('adds a window clerk who signs in with the initial password, changes it and lands on 工作台', async () => {
    await signInInBrowser(page, api.base, admin.userId, '/');
    // An admin has no work list: the directory is their first view.
    await page.waitForURL(/\/staff$/);
    await page.getByRole('heading', { name: '人员与令牌' }).waitFor();
    expect(await page.getByRole('menuitem', { name: '受理' }).count()).toBe(0);
    await accessibilityCheck(page, 'admin: staff directory');
    await screenshot(page, '70-admin-staff');

    await page.getByRole('button', { name: '新增人员' }).click();
    await dialog().getByLabel('用户名').fill(CLERK);
    await dialog().getByLabel('姓名').fill('李春梅');
    // A window sits at a township: a county code is refused by the API, at the post's org field.
    await dialog().getByLabel('机构代码').fill(TEST_COUNTY);
    await dialog().getByRole('button', { name: '新增' }).click();
    const orgError = dialog().locator('.ant-form-item-explain-error').filter({ hasText: '机构代码' });
    await orgError.waitFor();
    await accessibilityCheck(page, 'admin: add person with a field error');
    await screenshot(page, '71-admin-add-person-error');

    await dialog().getByLabel('机构代码').fill(orgs.township);
    await dialog().getByRole('button', { name: '新增' }).click();
    const secret = page.getByTestId('one-time-secret');
    await secret.waitFor();
    const initialPassword = (await secret.innerText()).trim();
    expect(initialPassword.length).toBeGreaterThanOrEqual(12);
    await screenshot(page, '72-admin-initial-password');
    await page.getByRole('button', { name: '我已记下' }).click();

    // The list is narrowed to the new person; the row opens them.
    await page.waitForURL(new RegExp(`search=${CLERK}`));
    const row = page.getByRole('row').filter({ hasText: CLERK });
    await row.getByText('待修改初始密码').waitFor();
    await row.getByRole('button', { name: CLERK }).click();
    const drawer = page.locator('.ant-drawer-body');
    await drawer.getByText('新增', { exact: true }).waitFor();

    // An API token for an integration client: shown once, works, revoked, no longer works.
    await drawer.getByLabel('用途').fill('窗口叫号系统对接');
    await drawer.getByRole('button', { name: '签发令牌' }).click();
    const token = (await page.getByTestId('one-time-secret').innerText()).trim();
    expect(token).toMatch(/^ylt_/);
    expect((await bearerSession(token)).status).toBe(200);
    await page.getByRole('button', { name: '我已记下' }).click();
    const tokenRow = drawer.getByRole('row').filter({ hasText: '窗口叫号系统对接' });
    await tokenRow.getByText('有效').waitFor();
    await accessibilityCheck(page, 'admin: person with a token');
    await screenshot(page, '73-admin-person');
    await tokenRow.getByRole('button', { name: '吊销' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '吊销' }).click();
    // The revocation, then the reloaded person: two round trips, slow on a loaded machine.
    await page.getByText('令牌已吊销').waitFor({ timeout: 15_000 });
    await tokenRow.getByText(/已吊销/).waitFor({ timeout: 15_000 });
    expect((await bearerSession(token)).status).toBe(401);
    await drawer.getByRole('row').filter({ hasText: '吊销令牌' }).waitFor();

    // Closing the person leaves the list (the open person is in the URL).
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => !url.searchParams.has('person'));

    // The clerk's first sign-in: the initial password, the forced change, then 工作台.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login/);
    await firstSignIn(page, api.base, CLERK, { initial: initialPassword, chosen: CLERK_PASSWORD });
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/tasks');
    expect(await page.getByTestId('signed-in-name').innerText()).toBe('李春梅');
    await screenshot(page, '74-admin-clerk-workbench');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login/);
  });
});

describe('administrator / configuration in force', () => {
  beforeAll(async () => {
    await page.context().clearCookies();
    await signInInBrowser(page, api.base, admin.userId, '/rules');
  });

  it('shows each figure of a county and program with its value, legal source, date and where it came from', async () => {
    await page.goto(`${api.base}/rules?county=${TEST_COUNTY}&program=dibao&on=2026-12-01`);
    // The test county's rules file sets the public notice in seconds…
    const notice = page.getByRole('row').filter({ has: page.getByText('publicNotice', { exact: true }) });
    await notice.waitFor();
    expect(await notice.innerText()).toContain('test county: clocks in seconds');
    expect(await notice.locator('[data-origin]').getAttribute('data-origin')).toBe('file');
    // …and leaves the overall limit to the built-in figure from the national measures.
    const overall = page.getByRole('row').filter({ has: page.getByText('deadlines.overall', { exact: true }) });
    expect(await overall.innerText()).toContain('30个工作日');
    expect(await overall.innerText()).toContain('第二十二条');
    expect(await overall.locator('[data-origin]').getAttribute('data-origin')).toBe('builtIn');
    await accessibilityCheck(page, 'admin: rules in force');
    await screenshot(page, '75-admin-rules');

    // Another county is not this admin's to read.
    await page.goto(`${api.base}/rules?county=370902&program=dibao`);
    await page.getByRole('alert').filter({ hasText: '重试' }).waitFor();
  });

  it('draws the working-day calendar of a year with its holidays and 调休 days', async () => {
    await page.goto(`${api.base}/calendar?year=2026`);
    const grid = page.getByTestId('calendar-grid');
    await grid.waitFor();
    expect(await grid.locator('[data-date="2026-02-14"]').getAttribute('data-kind')).toBe('adjustedWorkday');
    expect(await grid.locator('[data-date="2026-10-01"]').getAttribute('data-kind')).toBe('holiday');
    expect(await grid.locator('[data-date="2026-12-05"]').getAttribute('data-kind')).toBe('weekend');
    expect(await page.getByText('国务院办公厅关于2026年部分节假日安排的通知').count()).toBeGreaterThan(0);
    await accessibilityCheck(page, 'admin: calendar');
    await screenshot(page, '76-admin-calendar');
  });

  it('lists the programs and referrals this installation runs, each program with its diagram', async () => {
    await page.goto(`${api.base}/catalogue`);
    await page.getByRole('cell', { name: '医疗救助' }).waitFor();
    const diagram = page.getByRole('img', { name: /流程图/ });
    await diagram.waitFor();
    expect(await diagram.locator('[data-state="publicNotice"]').count()).toBe(1);
    await accessibilityCheck(page, 'admin: catalogue');
    await screenshot(page, '77-admin-catalogue');

    await page.getByRole('tab', { name: '特困' }).click();
    await page.waitForURL(/program=tekun/);
    await page.getByRole('img', { name: /特困.*流程图/ }).waitFor();
  });
});
