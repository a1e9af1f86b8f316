/**
 * The 工作台 beyond claiming one task, in a real browser against the real stack: a filtered view
 * opened from a shared link (due=overdue in the URL), the township by name, a bulk claim where a
 * colleague got to one task first (the answer item by item), and 转办 to a colleague picked by name.
 * Township 394 of the test county is this file's own. Screenshots and the axe check as elsewhere.
 */
import type { Page } from 'playwright-core';
import { loadOrgUnits } from '../../db/orgUnits';
import { orgUnitsOf } from '../../definitions/shared/orgUnits';
import { accessibilityCheck, openConsole, screenshot } from './browser';
import type { ConsoleSetup } from './browser';
import type { TestApi } from '../support/apiServer';
import { signInInBrowser, staffAccount } from '../support/browser';
import type { Person } from '../support/factories';
import { actors, anApplication, TEST_COUNTY, townshipOrgs } from '../support/factories';
import { eventually } from '../support/stack';

const orgs = townshipOrgs('394');
const admin: Person = { userId: 'wlw-admin', role: 'admin', org: TEST_COUNTY };
const clerk: Person = { ...actors.window(orgs), userId: 'wlw-clerk' };
const colleague: Person = { ...actors.window(orgs), userId: 'wlw-colleague' };

let setup: ConsoleSetup;
let api: TestApi;
let page: Page;

interface Task {
  id: number;
  caseId: string;
  version: number;
  claimedBy: string | null;
}

const row = (caseId: string) => page.getByRole('row').filter({ hasText: caseId });
const claimable = async (): Promise<Task[]> =>
  (await api.call('GET', '/api/tasks?list=claimable&limit=200', clerk)).body.items as Task[];

beforeAll(async () => {
  setup = await openConsole('worklist-web');
  ({ api, page } = setup);
  await loadOrgUnits(
    setup.stack.pool,
    orgUnitsOf({
      source: '测试数据（虚构名称）',
      effectiveFrom: '2024-01-01',
      units: [
        { code: TEST_COUNTY, nameZh: '测试县' },
        { code: orgs.township, nameZh: '松岭镇' },
      ],
    })
  );
  await staffAccount(api, admin, clerk, '孙丽华');
  await staffAccount(api, admin, colleague, '周晓梅');
});

afterAll(async () => {
  await setup?.close();
});

describe('work list in the browser', () => {
  it('opens a filtered view from its link, bulk-claims with a lost race shown per item, and hands a task on', async () => {
    const caseIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await api.call('POST', '/api/applications', clerk, anApplication({ orgs }));
      expect(res.status).toBe(201);
      caseIds.push(res.body.id as string);
    }
    const tasks = await eventually(
      async () => {
        const items = (await claimable()).filter((t) => caseIds.includes(t.caseId));
        return items.length === 3 ? items : undefined;
      },
      20_000,
      'three intake tasks'
    );
    const [overdue, mine, raced] = caseIds.map((id) => tasks.find((t) => t.caseId === id)!) as [Task, Task, Task];
    await setup.stack.pool.query(`UPDATE tasks SET due_at = now() - interval '2 days' WHERE id = $1`, [overdue.id]);

    // A shared link with a filter: only the overdue task, the filter shown as chosen.
    await signInInBrowser(page, api.base, clerk.userId, '/tasks?tab=claimable&due=overdue');
    await row(overdue.caseId).waitFor();
    expect(await row(mine.caseId).count()).toBe(0);
    await page.getByTestId('task-filters').getByText('已超期', { exact: true }).waitFor();
    expect(await row(overdue.caseId).innerText()).toContain('松岭镇');
    expect(await row(overdue.caseId).innerText()).toContain('已超期');
    await accessibilityCheck(page, 'work list filtered');
    await screenshot(page, 'worklist-01-filtered-overdue');

    await page.getByRole('button', { name: '清除筛选' }).click();
    await row(mine.caseId).waitFor();
    expect(new URL(page.url()).searchParams.get('due')).toBeNull();

    // A colleague claims one of the two while the clerk's list still shows it open.
    const taken = await api.call('POST', `/api/tasks/${raced.id}/claim`, colleague, { version: raced.version });
    expect(taken.status).toBe(200);
    await page.getByLabel(`选择 ${mine.caseId}`).check();
    await page.getByLabel(`选择 ${raced.caseId}`).check();
    await page.getByRole('button', { name: /批量认领（2）/ }).click();
    const results = page.getByTestId('bulk-claim-result');
    await results.nth(1).waitFor();
    expect(await results.count()).toBe(2);
    const claimedLine = results.filter({ hasText: mine.caseId });
    const racedLine = results.filter({ hasText: raced.caseId });
    expect(await claimedLine.getAttribute('data-outcome')).toBe('claimed');
    expect(await racedLine.getAttribute('data-outcome')).toBe('conflict');
    expect(await racedLine.innerText()).toContain(`晚了一步：该任务刚刚已由 ${colleague.userId} 认领`);
    await page.getByText('共 2 项：已认领 1 项，1 项未认领').waitFor();
    await accessibilityCheck(page, 'bulk claim results');
    await screenshot(page, 'worklist-02-bulk-claim-results');
    await page.getByRole('button', { name: '知道了' }).click();
    await row(raced.caseId).waitFor({ state: 'detached' });

    // 待办: hand the claimed task to the colleague, picked by name.
    await page.getByRole('tab', { name: '待办' }).click();
    await row(mine.caseId).waitFor();
    await row(mine.caseId).getByRole('button', { name: '转办' }).click();
    await page.getByRole('combobox', { name: '转办给' }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(`周晓梅（${colleague.userId}）`).click();
    await page.getByLabel('转办原因').fill('外出培训，请代为办理');
    await accessibilityCheck(page, 'reassign dialog');
    await screenshot(page, 'worklist-03-reassign');
    await page.getByRole('dialog').getByRole('button', { name: '转办' }).click();
    await page.getByText('已转办给 周晓梅').waitFor();
    await row(mine.caseId).waitFor({ state: 'detached' });
    const handedOn = (await api.call('GET', '/api/tasks?list=mine&limit=200', colleague)).body.items as Task[];
    expect(handedOn.find((t) => t.id === mine.id)).toMatchObject({ claimedBy: colleague.userId });
  });
});
