/**
 * 监督 in a real browser against the real stack, each scenario in a township of its own so the
 * counts are this file's: the dashboard's numbers for the township and its county, drilled to the
 * overdue cases and on to a case's 办理 tab, where the supervisor grants the extension (30 → 45
 * working days) after stating the purpose of the read, which then shows in the access log; cases
 * made stuck for real (a CHECK constraint the database enforces refuses their decision's record),
 * one terminated with a reason, the others retried in bulk once the cause is removed, each with its
 * own result; a risk warning acknowledged, then resolved with a note.
 */
import { Pool } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../scripts/lib/consoleBuild';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import { accessibilityCheck, launchBrowser, screenshot, signInInBrowser, staffAccount } from '../support/browser';
import { withCheckCharacter } from '../../definitions/shared/identity';
import { testEnvironment } from '../support/environment';
import type { Person } from '../support/factories';
import { actors, anApplication, TEST_COUNTY, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { eventually, openStack } from '../support/stack';

/** Step clocks of the test county in seconds: an accepted case is overdue within the test. */
const STEP_SECONDS = 6;

const dashboardOrgs = townshipOrgs('391');
const stuckOrgs = townshipOrgs('392');
const riskOrgs = townshipOrgs('393');
const admin: Person = { userId: 'sv-web-admin', role: 'admin', org: TEST_COUNTY };
const supervisor: Person = { userId: 'sv-web-supervisor', role: 'supervisor', org: TEST_COUNTY };

/** A marker only this file writes: the constraint below refuses a decision's record that carries it. */
const MARKER = '监督页拒写';
const CONSTRAINT = 'test_refuse_supervision_console';
/** Named in a dishonesty record by this file only. */
const recordedPerson = withCheckCharacter('37990119810505391');

let stack: Stack;
let api: TestApi;
let browser: Browser;
let page: Page;
/** Adding and dropping a constraint is the tables' owner's right, not the app's. */
let owner: Pool;

beforeAll(async () => {
  const [opened] = await Promise.all([
    openStack('supervision-web', { stepSeconds: STEP_SECONDS }),
    ensureConsoleBuilt(),
  ]);
  stack = opened;
  await stack.startWorker();
  api = await startApi(stack, { stepSeconds: STEP_SECONDS });
  owner = new Pool({ connectionString: testEnvironment().ownerDatabaseUrl, max: 1 });
  ({ browser, page } = await launchBrowser());
  page.setDefaultTimeout(10_000);
  await staffAccount(api, admin, supervisor, '周正');
  await signInInBrowser(page, api.base, supervisor.userId, '/supervision');
});

afterAll(async () => {
  await owner?.query(`ALTER TABLE case_events DROP CONSTRAINT IF EXISTS ${CONSTRAINT}`);
  await owner?.end();
  await browser?.close();
  await api?.close();
  await stack?.close();
});

const shot = (name: string) => screenshot(page, name);

async function acceptedCase(orgs: typeof dashboardOrgs, comment?: string): Promise<{ id: string; status: number }> {
  const window = actors.window(orgs);
  const started = await api.call('POST', '/api/applications', window, anApplication({ orgs }));
  expect(started.status).toBe(201);
  const id = started.body.id as string;
  const accepted = await api.call('POST', `/api/applications/${id}/events`, window, {
    type: 'ACCEPT',
    ...(comment === undefined ? {} : { comment }),
  });
  return { id, status: accepted.status };
}

describe('supervision console', () => {
  it('shows a township’s numbers and its county’s, drills to the overdue cases and grants an extension from there', async () => {
    const ids = [(await acceptedCase(dashboardOrgs)).id, (await acceptedCase(dashboardOrgs)).id];
    await eventually(
      async () => {
        const res = await api.call('GET', `/api/supervision/overdue?org=${dashboardOrgs.township}`, supervisor);
        return res.body.total === 2 ? true : undefined;
      },
      (STEP_SECONDS + 20) * 1000,
      'both cases overdue'
    );

    await page.goto(`${api.base}/supervision?org=${dashboardOrgs.township}`);
    await page.getByRole('heading', { name: '监督' }).waitFor();
    const countyRow = page.getByTestId('due-by-county').locator('tr', { hasText: TEST_COUNTY });
    await countyRow.waitFor();
    expect(await countyRow.innerText()).toMatch(new RegExp(`${TEST_COUNTY}\\s+2\\s+0`));
    const townshipRow = page.getByTestId('due-by-township').locator('tr', { hasText: dashboardOrgs.township });
    expect(await townshipRow.innerText()).toMatch(/\s2\s+0$/);
    // Submitted today, both active and overdue, nothing decided yet: cases 2, active 2, overdue 2.
    const within = page.getByTestId('within-limit-table');
    await within.locator('tr', { hasText: `县 ${TEST_COUNTY}` }).waitFor();
    for (const org of [`县 ${TEST_COUNTY}`, `乡镇 ${dashboardOrgs.township}`]) {
      expect(await within.locator('tr', { hasText: org }).innerText()).toMatch(/\s2\s+2\s+2\s+0\s+0\s+—$/);
    }
    expect(await page.getByTestId('state-counts').innerText()).toContain('调查核实');
    expect(await page.locator('[role="img"] svg').count()).toBeGreaterThanOrEqual(2);
    await accessibilityCheck(page, 'supervision: dashboard');
    await shot('61-supervision-dashboard');

    // The township's overdue count opens its overdue cases.
    await townshipRow.getByRole('button', { name: `2件，查看${dashboardOrgs.township}的超期案件` }).click();
    await page.getByRole('tab', { name: '超期与临期案件', selected: true }).waitFor();
    await page.getByTestId('due-total').getByText(`${dashboardOrgs.township} 共 2 件`).waitFor();
    for (const id of ids) await page.getByRole('link', { name: id, exact: true }).waitFor();
    await accessibilityCheck(page, 'supervision: overdue cases');
    await shot('62-supervision-overdue');

    // On to the case's 办理 tab: the purpose first, then the extension with its reason.
    const [first] = ids as [string, string];
    await page.getByRole('link', { name: `延期办理：${first}` }).click();
    await page.getByRole('dialog', { name: '请说明查询用途' }).waitFor();
    await page.getByRole('textbox', { name: '查询用途' }).fill('超期案件督办，审核延期');
    await page.getByRole('button', { name: '查看案件' }).click();
    await page.getByRole('heading', { name: `案件详情 · ${first}` }).waitFor();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('actions');
    await page.locator('.ant-collapse-header').filter({ hasText: '延长办理时限' }).click();
    await page.getByLabel('延长原因').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '申请人在外地居住' }).click();
    await page.getByLabel('具体情况', { exact: true }).fill('申请人常年在外地务工，入户调查需约定时间');
    await page.getByRole('button', { name: '提交：延长办理时限' }).click();
    await page.getByRole('dialog', { name: '确认延长办理时限？' }).waitFor();
    await page.getByRole('button', { name: '确认提交' }).click();
    await page.getByText('已办理：延长办理时限').waitFor();
    await page.getByRole('dialog', { name: '确认延长办理时限？' }).waitFor({ state: 'hidden' });
    const extended = page.getByTestId('clock').filter({ hasText: '已延长' });
    await extended.waitFor();
    expect(await extended.innerText()).toContain('时限45个工作日');
    // The household as read with the purpose, not masked by the event's answer.
    expect(await page.getByTestId('household').innerText()).toContain('张三');
    // Once only: the chart offers no second extension.
    expect(await page.locator('.ant-collapse-header').filter({ hasText: '延长办理时限' }).count()).toBe(0);
    await shot('63-supervision-extension-granted');

    // A dishonesty record in force, found by the person's ID number, with its expiry.
    const recorded = await api.call('POST', '/api/integrity/records', supervisor, {
      countyCode: TEST_COUNTY,
      applicantIdNumber: recordedPerson,
      reasonZh: '隐瞒家庭财产骗取救助（监督页测试）',
    });
    expect(recorded.status).toBe(201);

    // The read that went with it is in the access log, with its purpose.
    await page.goto(`${api.base}/supervision?tab=integrity&idNumber=${recordedPerson}`);
    const recordRow = page.locator('tr', { hasText: '隐瞒家庭财产骗取救助（监督页测试）' });
    await recordRow.waitFor();
    // Kept 36 months (the county's figure): the expiry date is three years on, and the record in force.
    const expiry = new Date(recorded.body.expiresAt as string);
    expect(await recordRow.innerText()).toMatch(new RegExp(`${expiry.getUTCFullYear()}年\\d+月\\d+日\\s+有效`));
    expect(await recordRow.innerText()).not.toContain(recordedPerson);
    const logRow = page.getByTestId('access-log').locator('tr', { hasText: first }).first();
    await logRow.waitFor();
    expect(await logRow.innerText()).toContain('超期案件督办，审核延期');
    await page.getByText('失信记录', { exact: true }).waitFor();
    await accessibilityCheck(page, 'supervision: integrity register and access log');
    await shot('66-supervision-integrity');
  });

  it('terminates one stuck case with a reason and retries the others in bulk once the cause is removed', async () => {
    await owner.query(
      `ALTER TABLE case_events ADD CONSTRAINT ${CONSTRAINT}
         CHECK (comment IS NULL OR position('${MARKER}' IN comment) = 0) NOT VALID`
    );
    const stuck: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id, status } = await acceptedCase(stuckOrgs, `${MARKER}：材料齐全`);
      expect(status).toBe(422);
      stuck.push(id);
    }
    const [a, b, c] = stuck as [string, string, string];
    await eventually(async () => {
      const res = await api.call('GET', `/api/supervision/stuck?org=${stuckOrgs.township}`, supervisor);
      const listed = (res.body.items as { caseId: string }[]).map((i) => i.caseId);
      return stuck.every((id) => listed.includes(id)) ? true : undefined;
    });

    await page.goto(`${api.base}/supervision?tab=stuck&org=${stuckOrgs.township}`);
    for (const id of stuck) await page.getByRole('link', { name: id, exact: true }).waitFor();
    const problems = await page.getByTestId('stuck-problem').allInnerTexts();
    expect(problems).toHaveLength(3);
    for (const p of problems) expect(p).toMatch(/数据库拒绝写入（recordTransition，SQLSTATE 23514 check_violation）/);
    expect(problems.join('\n')).toContain(CONSTRAINT);
    await accessibilityCheck(page, 'supervision: stuck cases');
    await shot('64-supervision-stuck');

    // Terminate one: a reason too short is the API's 400, shown at the field. (Dialog buttons are
    // matched by the end of their name: antd keeps a fading "loading" icon in them for a moment.)
    await page.getByRole('button', { name: `终止 ${c}` }).click();
    const dialog = page.getByRole('dialog', { name: '终止案件流程（1件）' });
    await dialog.getByLabel('终止原因').fill('重复');
    await dialog.getByRole('button', { name: /终止$/ }).click();
    await dialog.getByText('终止原因至少 4 个字').waitFor();
    await dialog.getByLabel('终止原因').fill('重复受理，已并入同户另一案件办理');
    await dialog.getByRole('button', { name: /终止$/ }).click();
    await page.getByRole('status').getByText('终止：成功 1 件，失败 0 件').waitFor();

    // The cause removed, the other two retried together, each with its result.
    await owner.query(`ALTER TABLE case_events DROP CONSTRAINT ${CONSTRAINT}`);
    await page.getByRole('checkbox', { name: `选择 ${a}` }).check();
    await page.getByRole('checkbox', { name: `选择 ${b}` }).check();
    await page.getByRole('button', { name: '批量重试（2）' }).click();
    const results = page.getByRole('status');
    await results.getByText('批量重试（2件）：成功 2 件，失败 0 件').waitFor();
    const lines = await page.getByTestId('bulk-results').locator('.ant-list-item').allInnerTexts();
    expect(lines).toEqual([`成功${a}：已重新写入被拒绝的记录`, `成功${b}：已重新写入被拒绝的记录`]);
    await accessibilityCheck(page, 'supervision: bulk retry results');
    await shot('65-supervision-bulk-retry');

    // The held decisions landed; the terminated case is closed with the reason on record.
    const events = await eventually(async () => {
      const { rows } = await stack.pool.query<{ case_id: string; event: string; comment: string | null }>(
        `SELECT case_id, event, comment FROM case_events WHERE case_id = ANY($1) ORDER BY case_id, seq`,
        [stuck]
      );
      const accepted = rows.filter((r) => r.event === 'ACCEPT').map((r) => r.case_id);
      return accepted.includes(a) && accepted.includes(b) ? rows : undefined;
    });
    expect(events.filter((r) => r.case_id === c).map((r) => r.event)).toEqual(['SUBMIT', 'TERMINATED_BY_SUPERVISOR']);
    expect(events.find((r) => r.event === 'TERMINATED_BY_SUPERVISOR')?.comment).toBe(
      '重复受理，已并入同户另一案件办理'
    );
    await eventually(async () => {
      await page.getByRole('button', { name: '刷新' }).click();
      await page.getByTestId('stuck-scanned').waitFor();
      return (await page.getByText('本页没有卡住的案件').count()) === 1 ? true : undefined;
    });
  });

  it('acknowledges a risk warning, then resolves it with a note', async () => {
    // The same household applying twice for dibao: the second case shares its members with the first.
    await acceptedCase(riskOrgs);
    await acceptedCase(riskOrgs);
    const warning = await eventually(async () => {
      const res = await api.call('GET', `/api/supervision/risks?org=${riskOrgs.township}&state=open`, supervisor);
      return (res.body.items as { id: number; rule: string; caseId: string }[]).find((w) => w.rule === 'sharedMember');
    }, 20_000);

    await page.goto(`${api.base}/supervision?tab=risks&org=${riskOrgs.township}`);
    const state = page.getByTestId(`risk-state-${warning.id}`);
    await state.getByText('待处理').waitFor();
    await page.getByRole('link', { name: warning.caseId, exact: true }).first().waitFor();
    await accessibilityCheck(page, 'supervision: risk warnings');

    await page.getByRole('button', { name: `签收预警 ${warning.id}` }).click();
    const acknowledge = page.getByRole('dialog', { name: /^签收预警/ });
    await acknowledge.getByLabel('签收说明（可不填）').fill('已安排乡镇入户核实');
    await acknowledge.getByRole('button', { name: /签收$/ }).click();
    await state.getByText('已签收核查中').waitFor();
    expect(await state.innerText()).toContain('已安排乡镇入户核实');

    // Resolving needs what was found: the API's 400 at the field first.
    await page.getByRole('button', { name: `办结预警 ${warning.id}` }).click();
    const resolve = page.getByRole('dialog', { name: /^办结预警/ });
    await resolve.getByRole('button', { name: /办结$/ }).click();
    await resolve.getByText('请填写核查处理结果').waitFor();
    await accessibilityCheck(page, 'supervision: resolving a warning');
    await resolve.getByLabel('核查处理结果').fill('系同一家庭重复提交，已撤回其中一件');
    await resolve.getByRole('button', { name: /办结$/ }).click();
    await state.getByText('已办结').waitFor();
    await resolve.waitFor({ state: 'hidden' });
    expect(await state.innerText()).toContain('系同一家庭重复提交，已撤回其中一件');
    await shot('67-supervision-risk-resolved');

    // The state filter lives in the URL: resolved warnings only.
    await page.goto(`${api.base}/supervision?tab=risks&org=${riskOrgs.township}&state=resolved`);
    await page.getByTestId(`risk-state-${warning.id}`).getByText('已办结').waitFor();
    expect(await page.getByText('待处理', { exact: true }).count()).toBe(0);
  });
});
