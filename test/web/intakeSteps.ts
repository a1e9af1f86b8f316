/** Filling the 受理 form in the browser, as the intake and the whole-chain tests both do. */
import type { Page } from 'playwright-core';
import type { CaseOrgs } from '../../definitions/shared/actors';

const field = (page: Page, id: string) => page.locator(`#${id}`);

export async function choose(page: Page, id: string, label: string): Promise<void> {
  await field(page, id).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(label, { exact: true }).click();
}

/**
 * One person's household in `orgs`' first village: the applicant, severely disabled, unable to
 * work, 600 yuan a month; every material ticked as received except `missing`.
 */
export async function fillHousehold(
  page: Page,
  orgs: CaseOrgs,
  person: { name: string; id: string },
  missing: string[]
): Promise<void> {
  await field(page, 'orgs_village').fill(`${orgs.township}001`);
  await field(page, 'household_address').fill('泰山区青山街道青山村8号');
  await field(page, 'applicant_name').fill(person.name);
  await field(page, 'applicant_idNumber').fill(person.id);
  await field(page, 'applicant_phone').fill('13800000001');
  await field(page, 'household_members_0_name').fill(person.name);
  await field(page, 'household_members_0_idNumber').fill(person.id);
  await choose(page, 'household_members_0_employment', '无劳动能力');
  await choose(page, 'household_members_0_disability', '重度');
  await field(page, 'declared_monthlyIncome').fill('600');
  for (const label of ['居民身份证', '户口簿', '救助申请书', '守信承诺书', '家庭经济状况核对授权书']) {
    await field(page, 'materials').getByLabel(label, { exact: true }).check();
  }
  for (const label of missing) await field(page, 'missing').getByLabel(label, { exact: true }).check();
  await page.getByLabel('申请人已签署守信承诺书').check();
  await page.getByLabel('申请人及共同生活家庭成员已签署家庭经济状况核对授权书').check();
}

/** Runs the needs assessment and confirms 低保 alone (with whatever referrals it proposes). */
export async function assessAndChooseDibao(page: Page): Promise<void> {
  await page.getByRole('button', { name: '需求评估' }).click();
  const assessment = page.getByTestId('needs-assessment');
  await assessment.locator('li').first().waitFor();
  const dibao = assessment.getByRole('checkbox', { name: '最低生活保障' });
  if (!(await dibao.isChecked())) await dibao.check();
  // 特困 and 低保 are not paid together (the assessment says so): the clerk keeps 低保 only.
  const tekun = assessment.getByRole('checkbox', { name: '特困人员救助供养' });
  if (await tekun.isChecked()) await tekun.uncheck();
}
