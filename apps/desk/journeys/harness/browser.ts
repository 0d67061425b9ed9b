import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { DeskStack } from './stack';
import type { Person } from './identity';

/** The machine's Chromium, as `npm test` finds or installs it (tools/ensure-chromium.mjs sets CHROMIUM_PATH). */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: run the tests through \`npm test\` (it installs it), or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

export interface DeskPage {
  page: Page;
  context: BrowserContext;
  /** Script errors, blocked content, console errors and failed loads of the desk's own files, as they happened. */
  problems: string[];
}

/**
 * A fresh tab of its own (nothing shared with other tabs) at 1280 px, in Tokyo time with a Japanese locale, recording
 * every problem a person would not see but should not have: script errors, content the policy blocked, a missing file.
 * Answers of the API with 4xx are the journey's to judge (a 409 is part of one), so they are not problems here.
 */
export async function openDesk(browser: Browser, stack: DeskStack): Promise<DeskPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Tokyo', locale: 'ja-JP' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) problems.push(`blocked: ${text}`);
    else if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(text)) problems.push(`console error: ${text}`);
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === stack.deskUrl && !url.pathname.startsWith('/api/') && response.status() >= 400) problems.push(`HTTP ${response.status()} for ${url.pathname}`);
  });
  page.on('requestfailed', (request) => {
    // A navigation (to the identity provider and back) cancels the loads still under way: ERR_ABORTED is no fault.
    if (!request.url().includes('/api/') && request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  return { page, context, problems };
}

/** Signs in through the identity provider's page as a person; resolves on the desk's first screen for them. */
export async function signInAs(desk: DeskPage, stack: DeskStack, person: Person, path = '/'): Promise<void> {
  const { page } = desk;
  await page.goto(`${stack.deskUrl}${path}`);
  await page.getByRole('button', { name: /Sign in/ }).click();
  await page.waitForURL(`${stack.identityProviderUrl}/authorize**`);
  await page.locator(`input[name="person"][value="${person.id}"]`).check();
  await page.getByRole('button', { name: /Sign in/ }).click();
  await page.locator('#signed-in-as', { hasText: person.name }).waitFor();
}
