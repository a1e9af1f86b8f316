/**
 * 转介 in a real browser against the real stack. A window clerk's household application (through the
 * API) asks for medical help: a referral lands in the county medical department's inbox. The
 * department's staff member signs in, lands on the inbox, sees the referral with its due date and
 * working days left, signs for it, reports an outcome (an empty report refused at its field first),
 * and finds it closed; a second household's referral is returned with a reason. The department's
 * menu offers nothing of the household cases.
 */
import type { Page } from 'playwright-core';
import type { HouseholdApplicationInput } from '../../definitions/intake/householdForm';
import type { TestApi } from '../support/apiServer';
import { STAFF_PASSWORD, signInInBrowser } from '../support/browser';
import type { Person } from '../support/factories';
import { actors, anApplication, TEST_COUNTY, townshipOrgs } from '../support/factories';
import { signIn } from '../support/sessions';
import { accessibilityCheck, openConsole, screenshot } from './browser';
import type { ConsoleSetup } from './browser';

const orgs = townshipOrgs('389');
const admin: Person = { userId: 'ref-admin', role: 'admin', org: TEST_COUNTY };
const window = actors.window(orgs);
const DEPARTMENT_USER = 'ref-medical-389';

let setup: ConsoleSetup;
let api: TestApi;
let page: Page;
let keySerial = 0;

/** A household application asking for dibao and a medical referral; the referral's case id. */
async function householdWithMedicalReferral(): Promise<string> {
  const { program: _program, ...form } = anApplication({ orgs });
  const body: HouseholdApplicationInput = { ...form, programs: ['dibao'], referrals: ['medical'] };
  keySerial += 1;
  const res = await api.call('POST', '/api/household-applications', window, body, {
    'Idempotency-Key': `referrals-web-${Date.now()}-${keySerial}`,
  });
  expect(res.status).toBe(201);
  const referral = (res.body.children as { code: string; caseId: string | null }[]).find((c) => c.code === 'medical');
  if (!referral?.caseId) throw new Error('the household application started no medical referral');
  return referral.caseId;
}

beforeAll(async () => {
  setup = await openConsole('referrals-console');
  ({ api, page } = setup);
  page.setDefaultTimeout(8000);
  const created = await api.call('POST', '/api/staff', admin, {
    userId: DEPARTMENT_USER,
    name: '陈卫东',
    posts: [{ role: 'department', org: TEST_COUNTY, department: 'medical' }],
    initialPassword: 'Initial-Pass-0001',
  });
  expect(created.status).toBe(201);
  await signIn(api, DEPARTMENT_USER, 'Initial-Pass-0001', STAFF_PASSWORD);
});

afterAll(async () => {
  await setup?.close();
});

const row = (id: string) => page.getByRole('row').filter({ hasText: id });
const dialog = () => page.getByRole('dialog');

describe('department / referral inbox', () => {
  it('signs for a referral from a household application and reports its outcome, the clocks shown', async () => {
    const referral = await householdWithMedicalReferral();
    await signInInBrowser(page, api.base, DEPARTMENT_USER, '/');
    await page.waitForURL(/\/referrals/);
    await page.getByRole('heading', { name: '转介事项（医疗部门）' }).waitFor();
    // Nothing of the household cases on the department's menu.
    for (const view of ['受理', '案件查询', '公示', '人员与令牌']) {
      expect(await page.getByRole('menuitem', { name: view }).count()).toBe(0);
    }

    // 待签收, with its due date and the working days left on the acknowledgement clock.
    const waiting = row(referral);
    await waiting.waitFor();
    expect(await waiting.innerText()).toContain('待签收');
    expect(await waiting.locator('[data-urgency]').innerText()).toMatch(/^(剩余\d+个工作日|今日到期)$/);
    expect(await waiting.innerText()).toMatch(/\d{4}年\d+月\d+日/);
    await accessibilityCheck(page, 'referrals: inbox');
    await screenshot(page, '80-referral-inbox');

    await waiting.getByRole('button', { name: '签收' }).click();
    await dialog().getByLabel('承办人').fill('刘医生');
    await dialog().getByRole('button', { name: '签收' }).click();
    await waiting.waitFor({ state: 'detached' });

    // 办理中: the outcome clock now runs.
    await page.getByRole('tab', { name: '办理中' }).click();
    await page.waitForURL(/status=acknowledged/);
    const handling = row(referral);
    await handling.waitFor();
    expect(await handling.innerText()).toContain('办理中');
    expect(await handling.locator('[data-urgency]').innerText()).toMatch(/^(剩余\d+个工作日|今日到期)$/);
    await screenshot(page, '81-referral-acknowledged');

    // An empty report: the API's issues land at the fields.
    await handling.getByRole('button', { name: '反馈结果' }).click();
    // The 签收 dialog may still be fading out: wait for this one by its title before sending.
    await page.getByRole('dialog', { name: /^反馈办理结果/ }).waitFor();
    await dialog().getByRole('button', { name: '反馈办理结果' }).click();
    await dialog()
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: '办理结果' })
      .first()
      .waitFor({ timeout: 15_000 });
    await accessibilityCheck(page, 'referrals: outcome form with field errors');
    await screenshot(page, '82-referral-outcome-errors');
    await dialog().getByLabel('办理结果', { exact: true }).click();
    // antd draws the visible options apart from the listbox it keeps for screen readers.
    await page.locator('.ant-select-item-option').filter({ hasText: '已帮扶' }).click();
    await dialog().getByLabel('办理结果说明').fill('已纳入医疗救助，住院自付部分按70%比例救助');
    await dialog().getByRole('button', { name: '反馈办理结果' }).click();
    await handling.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: '已结束' }).click();
    const closed = row(referral);
    await closed.waitFor();
    expect(await closed.innerText()).toContain('已办结');
    await screenshot(page, '83-referral-done');
    const read = await api.call('GET', `/api/referrals/${referral}`, actors.department('medical', orgs));
    expect(read.body).toMatchObject({ step: 'outcomeReported', status: 'done' });
  });

  it('returns a referral that is not the department’s, with the reason', async () => {
    const referral = await householdWithMedicalReferral();
    await page.goto(`${api.base}/referrals?status=open`);
    const waiting = row(referral);
    await waiting.waitFor();
    await waiting.getByRole('button', { name: '退回' }).click();
    await dialog().getByLabel('退回原因').fill('申请人已由民政部门给予临时救助，医疗费用已结清，无需医疗救助');
    await accessibilityCheck(page, 'referrals: return');
    await dialog().getByRole('button', { name: '退回' }).click();
    await waiting.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: '已结束' }).click();
    await row(referral).getByText('已退回').waitFor();
  });
});
