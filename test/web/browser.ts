/**
 * What the browser tests share: the real stack (API serving the built console, Temporal,
 * PostgreSQL), Debian's chromium at 1366×768 through playwright-core, screenshots into
 * test/web/artifacts/ (gitignored), the axe check, and a staff member's first sign-in.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { ensureConsoleBuilt } from '../../scripts/lib/consoleBuild';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Stack } from '../support/stack';
import { openStack } from '../support/stack';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(__dirname, 'artifacts');

export interface ConsoleSetup {
  stack: Stack;
  api: TestApi;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** A fresh stack named `name` with its worker and API, the console built, and a page at 1366×768. */
export async function openConsole(name: string): Promise<ConsoleSetup> {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);
  const [stack] = await Promise.all([openStack(name), ensureConsoleBuilt()]);
  let api: TestApi | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await api?.close();
    await stack.close();
  };
  try {
    await stack.startWorker();
    api = await startApi(stack);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const page = await browser.newPage({
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    return { stack, api, browser, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

/** axe-core in the page; serious and critical findings fail the test, the rest are printed. */
export async function accessibilityCheck(page: Page, view: string): Promise<void> {
  // antd fades messages in; judge colours once they are at full strength.
  await page.waitForTimeout(400);
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

/** Signs in with the initial password and sets the new one, as every new staff member must. */
export async function firstSignIn(
  page: Page,
  base: string,
  userId: string,
  passwords: { initial: string; chosen: string }
): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('用户名').fill(userId);
  await page.getByLabel('密码').fill(passwords.initial);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByLabel('当前密码').fill(passwords.initial);
  await page.getByLabel('新密码', { exact: true }).fill(passwords.chosen);
  await page.getByLabel('确认新密码').fill(passwords.chosen);
  await page.getByRole('button', { name: '修改密码并进入工作台' }).click();
}
