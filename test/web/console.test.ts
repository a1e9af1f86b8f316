/**
 * The staff console in a real browser (Debian's chromium, driven by playwright-core) against the
 * real stack: API, Temporal, PostgreSQL. A window clerk created by the county admin signs in, must
 * change the initial password (a rule's message shown at the field first), claims a task from 可认领,
 * finds it under 待办, loses a claim race to a colleague with a friendly message, and signs out.
 * Screenshots of each view go to test/web/artifacts/ (gitignored); an axe check runs on each view.
 */
import type { Page } from 'playwright-core';
import { accessibilityCheck as axeCheck, openConsole, screenshot } from './browser';
import type { ConsoleSetup } from './browser';
import type { TestApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, TEST_COUNTY, townshipOrgs } from '../support/factories';
import { eventually } from '../support/stack';

const orgs = townshipOrgs('381');
const admin: Person = { userId: 'web-admin', role: 'admin', org: TEST_COUNTY };
const colleague = actors.window(orgs);
const CLERK = 'web-clerk';
const INITIAL_PASSWORD = 'Initial-Pass-0001';
const NEW_PASSWORD = 'Qingshan-River-2026';

let setup: ConsoleSetup;
let api: TestApi;
let page: Page;

interface Task {
  id: number;
  caseId: string;
  version: number;
}

async function startCase(): Promise<string> {
  const res = await api.call('POST', '/api/applications', colleague, anApplication({ orgs }));
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** The case's intake task, once the window's list has it. */
const intakeTask = (caseId: string) =>
  eventually(
    async () =>
      ((await api.call('GET', '/api/tasks?list=claimable&limit=200', colleague)).body.items as Task[]).find(
        (t) => t.caseId === caseId
      ),
    15_000,
    `the intake task of ${caseId}`
  );

const shot = (name: string) => screenshot(page, name);
const accessibilityCheck = (view: string) => axeCheck(page, view);

const row = (caseId: string) => page.getByRole('row').filter({ hasText: caseId });

beforeAll(async () => {
  setup = await openConsole('console');
  ({ api, page } = setup);
  const created = await api.call('POST', '/api/staff', admin, {
    userId: CLERK,
    name: '王晓燕',
    posts: [{ role: 'window', org: orgs.township }],
    initialPassword: INITIAL_PASSWORD,
  });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await setup?.close();
});

describe('staff console', () => {
  it('signs in, forces the password change, claims from 可认领, shows a lost race kindly, signs out', async () => {
    const claimable = await startCase();
    const raced = await startCase();
    await intakeTask(claimable);
    const racedTask = await intakeTask(raced);

    // 登录: served at /, CSP of the console's own.
    const response = await page.goto(`${api.base}/tasks?tab=claimable`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByLabel('用户名').waitFor();
    await accessibilityCheck('login');
    await shot('01-login');
    await page.getByLabel('用户名').fill(CLERK);
    await page.getByLabel('密码').fill('wrong-password-1');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    await page.getByLabel('密码').fill(INITIAL_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();

    // 首次登录修改密码: the API's rule message at the field first.
    await page.getByLabel('当前密码').fill(INITIAL_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await page.getByLabel('确认新密码').fill('short');
    await page.getByRole('button', { name: '修改密码并进入工作台' }).click();
    await page.getByText('密码至少 12 位').waitFor();
    await accessibilityCheck('password change');
    await shot('02-password-rules');
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '修改密码并进入工作台' }).click();

    // 工作台 · 可认领: the link's tab, the clerk's name and post in the header.
    await page.getByTestId('signed-in-name').filter({ hasText: '王晓燕' }).waitFor();
    expect(page.url()).toContain('tab=claimable');
    await row(claimable).waitFor();
    await row(claimable).getByText('最低生活保障').waitFor();
    // Intake (材料审查) runs on no clock: the row says so rather than showing an empty cell.
    expect(await row(claimable).innerText()).toContain('无期限');
    expect(await row(claimable).innerText()).toContain('材料审查');
    await accessibilityCheck('workbench');
    await shot('03-claimable');

    await row(claimable).getByRole('button', { name: '认领' }).click();
    await page.getByText('已认领，可在「待办」中办理').waitFor();
    await page.getByRole('tab', { name: '待办' }).click();
    await row(claimable).waitFor();
    expect(await row(claimable).innerText()).toContain(CLERK);
    expect(page.url()).toContain('tab=mine');
    await shot('04-mine');

    // A colleague claims the other task through the API while the clerk's list still shows it open.
    await page.getByRole('tab', { name: '可认领' }).click();
    await row(raced).waitFor();
    const taken = await api.call('POST', `/api/tasks/${racedTask.id}/claim`, colleague, { version: racedTask.version });
    expect(taken.status).toBe(200);
    await row(raced).getByRole('button', { name: '认领' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: `晚了一步：该任务刚刚已由 ${colleague.userId} 认领` })
      .waitFor();
    await row(raced).waitFor({ state: 'detached' });
    await shot('05-claim-conflict');

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('用户名').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot('06-signed-out');
    // The session is over on the server too.
    expect((await page.request.get(`${api.base}/api/auth/session`)).status()).toBe(401);
  });

  it('asks a person with two posts which one to work in, and acts in it', async () => {
    const created = await api.call('POST', '/api/staff', admin, {
      userId: 'web-both',
      name: '李建国',
      posts: [
        { role: 'window', org: orgs.township },
        { role: 'township', org: orgs.township },
      ],
      initialPassword: INITIAL_PASSWORD,
    });
    expect(created.status).toBe(201);
    await page.goto(`${api.base}/`);
    await page.getByLabel('用户名').fill('web-both');
    await page.getByLabel('密码').fill(INITIAL_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByLabel('当前密码').fill(INITIAL_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '修改密码并进入工作台' }).click();

    await page.getByRole('radio', { name: `乡镇（街道）经办人员（${orgs.township}）` }).check();
    await accessibilityCheck('post choice');
    await shot('07-choose-post');
    await page.getByRole('button', { name: '进入工作台' }).click();
    await page.getByRole('tab', { name: '可认领' }).waitFor();
    const session = (await (await page.request.get(`${api.base}/api/auth/session`)).json()) as {
      post: { role: string };
    };
    expect(session.post.role).toBe('township');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('用户名').waitFor();
  });

  it('serves the page for shared links, keeps unknown API paths JSON, and 404s a missing asset', async () => {
    const deep = await fetch(`${api.base}/tasks?tab=done`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    // Signed out, an unknown API path is a 401 like any other; signed in, the API's JSON 404.
    expect((await fetch(`${api.base}/api/nothing-here`)).status).toBe(401);
    const unknownApi = await api.call('GET', '/api/nothing-here', admin);
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.body.error.code).toBe('NOT_FOUND');
    expect((await fetch(`${api.base}/assets/missing-0000.js`)).status).toBe(404);
  });
});
