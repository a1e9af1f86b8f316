/**
 * What the browser tests share: the real stack (API serving the built console, Temporal,
 * PostgreSQL), Debian's chromium at 1366×768 through playwright-core, screenshots into
 * test/web/artifacts/ (gitignored), the axe check, and a staff member's first sign-in.
 */
import type { Browser, Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../scripts/lib/consoleBuild';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import { launchBrowser } from '../support/browser';
import type { Stack } from '../support/stack';
import { openStack } from '../support/stack';

// One browser set-up, screenshot and axe check for every browser test (test/support/browser.ts).
export { accessibilityCheck, ARTIFACTS, screenshot } from '../support/browser';

export interface ConsoleSetup {
  stack: Stack;
  api: TestApi;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** A fresh stack named `name` with its worker and API, the console built, and a page at 1366×768. */
export async function openConsole(name: string): Promise<ConsoleSetup> {
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
    const launched = await launchBrowser();
    browser = launched.browser;
    return { stack, api, browser, page: launched.page, close };
  } catch (error) {
    await close();
    throw error;
  }
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
