/**
 * 受理 in a real browser against the real stack: a window clerk fills the one household form with
 * one material missing, sees an identity number with a wrong check digit refused at its field as
 * typed, runs the needs assessment, submits, and gets the 受理回执 and the 一次性告知书 naming the
 * missing item once (the API's merged notice); a 400 from the API shows at the field it names. A double submit (a double click, and the request
 * itself sent twice with the form's Idempotency-Key) makes one household. Screenshots:
 * test/web/artifacts/1x-intake-*.png.
 */
import type { Page } from 'playwright-core';
import { withCheckCharacter } from '../../definitions/shared/identity';
import type { TestApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, TEST_COUNTY, townshipOrgs } from '../support/factories';
import type { ConsoleSetup } from './browser';
import { accessibilityCheck, firstSignIn, openConsole, screenshot } from './browser';
import { assessAndChooseDibao, fillHousehold } from './intakeSteps';

const orgs = townshipOrgs('382');
const admin: Person = { userId: 'intake-admin', role: 'admin', org: TEST_COUNTY };
const colleague = actors.window(orgs);
const CLERK = 'intake-clerk';
const PASSWORDS = { initial: 'Initial-Pass-0002', chosen: 'Taishan-Window-2026' };

let setup: ConsoleSetup;
let api: TestApi;
let page: Page;

beforeAll(async () => {
  setup = await openConsole('console-intake');
  ({ api, page } = setup);
  page.setDefaultTimeout(10_000);
  const created = await api.call('POST', '/api/staff', admin, {
    userId: CLERK,
    name: '赵丽',
    posts: [{ role: 'window', org: orgs.township }],
    initialPassword: PASSWORDS.initial,
  });
  expect(created.status).toBe(201);
  await firstSignIn(page, api.base, CLERK, PASSWORDS);
  await page.getByTestId('signed-in-name').filter({ hasText: '赵丽' }).waitFor();
});

afterAll(async () => {
  await setup?.close();
});

const field = (id: string) => page.locator(`#${id}`);

/** Households with tasks open to the township's window, by the id part their cases share. */
async function householdsInClaimable(): Promise<Set<string>> {
  const items = (await api.call('GET', '/api/tasks?list=claimable&limit=200', colleague)).body.items as {
    caseId: string;
  }[];
  return new Set(items.map((t) => t.caseId.split('-').at(-1)!));
}

describe('受理 (one-window intake)', () => {
  it('takes the household form, assesses needs, submits, prints the receipt and the one-time notice', async () => {
    await page.getByRole('menuitem', { name: '受理' }).click();
    await field('household_address').waitFor();

    // A wrong check digit is refused at its field as typed, with the server's own message.
    const good = withCheckCharacter('37090219650412003');
    const bad = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    await field('household_members_0_idNumber').fill(bad);
    const idHelp = page.locator('#household_members_0_idNumber_help');
    await idHelp.getByText('公民身份号码无效，请核对后重新填写（18位，末位校验码）').waitFor();
    await field('household_members_0_idNumber').fill(good.slice(0, 10));
    await idHelp.getByText('公民身份号码应为18位，已输入10位').waitFor();
    await screenshot(page, '11-intake-bad-id');

    await fillHousehold(page, orgs, { name: '孙建华', id: good }, ['收入证明']);
    // The birth date is read from the number.
    expect(await field('household_members_0_birthDate').inputValue()).toBe('1965-04-12');
    await expect(idHelp.count()).resolves.toBe(0);

    await assessAndChooseDibao(page);
    await accessibilityCheck(page, 'intake form with needs assessment');
    await screenshot(page, '12-intake-needs-assessment');

    // The API's 400 lands at the field it names: 特困 without its supporters' declaration.
    const tekun = page.getByTestId('needs-assessment').getByRole('checkbox', { name: '特困人员救助供养' });
    await tekun.check();
    await page.getByRole('button', { name: '确认并提交受理' }).click();
    await page.locator('#tekun_help').getByText('特困申请须填报法定赡养、抚养、扶养义务人', { exact: false }).waitFor();
    await page.getByRole('alert').filter({ hasText: '特困申请须填报' }).waitFor();
    await screenshot(page, '13-intake-api-400-at-field');
    await tekun.uncheck();

    await page.getByRole('button', { name: '确认并提交受理' }).click();
    await page.getByText('已受理', { exact: true }).waitFor({ timeout: 20_000 });
    const householdId = (await page.getByText(/^家庭申请编号 HH-/).innerText()).replace('家庭申请编号 ', '');
    const receipt = page.getByRole('region', { name: '受理回执' });
    expect(await receipt.innerText()).toContain(householdId);
    expect(await receipt.innerText()).toContain('收入证明（详见一次性告知书）');
    const notice = page.getByTestId('one-time-notice');
    const noticeText = await notice.innerText();
    expect(noticeText.match(/收入证明/g)).toHaveLength(1);
    expect(noticeText).toContain('最低生活保障');
    await accessibilityCheck(page, 'intake result');
    await screenshot(page, '14-intake-receipt-and-notice');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, '15-intake-print');
    await page.emulateMedia({ media: 'screen' });

    // The household as the API holds it: one notice, naming the one missing item.
    const household = await api.call('GET', `/api/household-applications/${householdId}`, colleague);
    expect(household.status).toBe(200);
    expect(household.body.missingMaterials.items.map((i: { code: string }) => i.code)).toEqual(['incomeProof']);
  });

  it('makes one household of a double submit, and says a replayed answer is the same application', async () => {
    await page.getByRole('button', { name: '受理下一户' }).click();
    await fillHousehold(page, orgs, { name: '钱秀英', id: withCheckCharacter('37090219580923004') }, []);
    await assessAndChooseDibao(page);
    const before = await householdsInClaimable();

    // The browser sends one request for a double click; the network then delivers it twice.
    let requests = 0;
    let replayStatus = 0;
    await page.route('**/api/household-applications', async (route) => {
      requests += 1;
      const first = await route.fetch();
      const again = await route.fetch();
      expect(first.status()).toBe(201);
      replayStatus = again.status();
      await route.fulfill({ response: again });
    });
    await page.getByRole('button', { name: '确认并提交受理' }).dblclick();
    await page.getByText('该申请此前已受理（重复提交未新建案件）').waitFor({ timeout: 20_000 });
    await page.unroute('**/api/household-applications');
    expect(requests).toBe(1);
    expect(replayStatus).toBe(200);
    await screenshot(page, '16-intake-replayed');

    const householdId = (await page.getByText(/^家庭申请编号 HH-/).innerText()).replace('家庭申请编号 ', '');
    const after = await householdsInClaimable();
    expect([...after].filter((h) => !before.has(h))).toEqual([householdId.split('-').at(-1)]);
  });

  it('takes 特困 with a named supporter, the payee account and a close relative; an unsigned authorisation is on the notice', async () => {
    await page.getByRole('button', { name: '受理下一户' }).click();
    await fillHousehold(page, orgs, { name: '李桂芝', id: withCheckCharacter('37090219410215002') }, []);
    await page.getByRole('button', { name: '需求评估' }).click();
    const assessment = page.getByTestId('needs-assessment');
    await assessment.locator('li').first().waitFor();
    const tekun = assessment.getByRole('checkbox', { name: '特困人员救助供养' });
    if (!(await tekun.isChecked())) await tekun.check();
    const dibao = assessment.getByRole('checkbox', { name: '最低生活保障' });
    if (await dibao.isChecked()) await dibao.uncheck();

    await page.getByLabel('有法定义务人（逐人填报）').check();
    await page.locator('#tekun_supporters_0_name').fill('李建国');
    await page.locator('#tekun_supporters_0_idNumber').fill(withCheckCharacter('37090219700518001'));
    await page.locator('#tekun_supporters_0_kinship').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('子女', { exact: true }).click();
    // The obligation follows from the kinship, with its article.
    await page.getByText('子女对申请人负赡养义务，依据《中华人民共和国民法典》第一千零六十七条').waitFor();
    await page.locator('#tekun_supporters_0_ableToSupport').getByLabel('无能力').check();
    await page.locator('#tekun_supporters_0_monthlyIncome').fill('800');

    await page.getByLabel('账户户名').fill('李桂芝');
    await page.getByLabel('开户银行').fill('泰山农村商业银行');
    await page.getByLabel('银行账号').fill('6228 4800 1234 5678');
    await page.getByLabel(/近亲属（须单独登记备案）/).check();
    await page.getByLabel('相关经办人员或村（居）干部姓名').fill('李明');
    await page.getByLabel('与申请家庭的关系').fill('申请人之侄');
    await accessibilityCheck(page, 'intake: 特困 supporters, payee, close relative');
    await screenshot(page, '17-intake-tekun-supporters');

    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/household-applications'));
    await page.getByRole('button', { name: '确认并提交受理' }).click();
    const body = JSON.parse((await sent).postData() ?? '{}');
    expect(body.programs).toEqual(['tekun']);
    expect(body.tekun.supporters).toEqual([
      expect.objectContaining({
        name: '李建国',
        kinship: 'child',
        obligation: 'elderSupport',
        ableToSupport: false,
        monthlyIncome: 800,
        checkAuthorised: false,
      }),
    ]);
    expect(body.payee).toEqual({
      holderName: '李桂芝',
      bankName: '泰山农村商业银行',
      accountNumber: '6228 4800 1234 5678',
    });
    expect(body.closeRelative).toEqual({ staffName: '李明', relation: '申请人之侄' });

    await page.getByText('已受理', { exact: true }).waitFor({ timeout: 20_000 });
    // The supporter's unsigned authorisation is a missing material, on the household's one notice.
    const notice = page.getByTestId('one-time-notice');
    expect(await notice.innerText()).toContain('法定义务人经济状况核对授权书');
  });
});
