/**
 * What the console's browser tests share: Debian's chromium driven by playwright-core at 1366×768
 * in zh-CN, screenshots into test/web/artifacts/, the axe check, and signing a person in through
 * the login form. test/web/browser.ts adds the whole console stack on top.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { TestApi } from './apiServer';
import type { Person } from './factories';
import { signIn } from './sessions';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(__dirname, '..', 'web', 'artifacts');

export async function launchBrowser(): Promise<{ browser: Browser; page: Page }> {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const page = await browser.newPage({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return { browser, page };
}

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

/** axe-core in the page; serious and critical findings fail the test, the rest are printed. */
export async function accessibilityCheck(page: Page, view: string): Promise<void> {
  // antd fades messages and buttons in; judge colours once every animation has finished (a loaded
  // machine can take well over the animations' nominal 0.3 s).
  await page
    .waitForFunction(
      () => {
        type Animation = { playState: string; effect: { getComputedTiming(): { iterations: number } } | null };
        const doc = (globalThis as unknown as { document: { getAnimations(): Animation[] } }).document;
        // Spinners run for ever: only animations that end are waited for.
        return doc
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity);
      },
      undefined,
      { timeout: 5000, polling: 100 }
    )
    .catch(() => undefined);
  await page.waitForTimeout(100);
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, not a <script>: the console's CSP admits no inline script.
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    type Violation = { id: string; impact: string; nodes: { target: string[]; failureSummary?: string }[] };
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    }));
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (violations.length > 0) console.log(`axe on ${view}: ${JSON.stringify(violations)}`);
  expect(blocking).toEqual([]);
}

const INITIAL_PASSWORD = 'Initial-Pass-0001';
export const STAFF_PASSWORD = 'Qingshan-River-2026';

/** A staff account for `person` (one post), created by `admin`, its initial password already changed. */
export async function staffAccount(api: TestApi, admin: Person, person: Person, name: string): Promise<void> {
  const created = await api.call('POST', '/api/staff', admin, {
    userId: person.userId,
    name,
    posts: [{ role: person.role, org: person.org }],
    initialPassword: INITIAL_PASSWORD,
  });
  expect(created.status).toBe(201);
  await signIn(api, person.userId, INITIAL_PASSWORD, STAFF_PASSWORD);
}

/** Signs in through the login form and lands on `next`. */
export async function signInInBrowser(page: Page, base: string, userId: string, next: string): Promise<void> {
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户名').fill(userId);
  await page.getByLabel('密码').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('signed-in-name').waitFor();
}
