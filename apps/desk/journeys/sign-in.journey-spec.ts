import type { Browser } from 'playwright-core';
import { launchChromium, openDesk, signInAs, type DeskPage } from './harness/browser';
import { PEOPLE } from './harness/identity';
import { checkScreen } from './harness/screen-checks';
import { startDeskStack, type DeskStack } from './harness/stack';

// Signing in to the desk through the development identity provider, by role, and out again.

describe('signing in to the desk', () => {
  let stack: DeskStack;
  let browser: Browser;
  const pages: DeskPage[] = [];

  const open = async () => {
    const desk = await openDesk(browser, stack);
    pages.push(desk);
    return desk;
  };

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startDeskStack('sign-in'), launchChromium()]);
  }, 420_000);

  afterEach(() => {
    const problems = pages.flatMap((desk) => desk.problems.splice(0));
    expect(problems).toEqual([]);
  });

  afterAll(async () => {
    for (const desk of pages) await desk.context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  it('is served under a strict policy, with its icon, and without the API behind it', async () => {
    const response = await fetch(`${stack.deskUrl}/sales/contacts`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = response.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", `connect-src 'self' ${stack.identityProviderUrl}`]) {
      expect(policy).toContain(directive);
    }
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect((await fetch(`${stack.deskUrl}/favicon.svg`)).status).toBe(200);
    expect((await fetch(`${stack.deskUrl}/no-such-file.js`)).status).toBe(404);
    // The proxy passes the service's own refusal through: no token, no contacts.
    const anonymous = await fetch(`${stack.deskUrl}/api/contacts/contacts`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await fetch(`${stack.deskUrl}/api/elsewhere/x`)).status).toBe(404);
  });

  it('signs sales staff in to the sales section only, keeps them signed in in the tab, and signs them out', async () => {
    const desk = await open();
    const { page } = desk;
    await page.goto(stack.deskUrl);
    await page.getByRole('heading', { level: 1, name: /連絡先デスク/ }).waitFor();
    await checkScreen(page, 'sign-in', 'signed-out');

    await signInAs(desk, stack, PEOPLE.salesStaffingJp);
    await page.waitForURL(`${stack.deskUrl}/sales/contacts`);
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual([expect.stringContaining('Sales')]);
    expect(await page.textContent('#signed-in-as')).toContain('STAFFING-JP');
    await page.getByRole('heading', { level: 1, name: /自社の連絡先/ }).waitFor();
    await checkScreen(page, 'sign-in', 'sales-home');

    await page.reload();
    await page.locator('#signed-in-as', { hasText: PEOPLE.salesStaffingJp.name }).waitFor();

    // A section of another role is refused by the desk (the services refuse its calls too).
    await page.goto(`${stack.deskUrl}/admin`);
    await page.getByRole('heading', { level: 1, name: /Not available to you/ }).waitFor();

    await page.getByRole('button', { name: /Sign out/ }).click();
    await page.locator('#sign-in-notice', { hasText: 'You have signed out' }).waitFor();
    expect(await page.evaluate('sessionStorage.getItem("desk.session")')).toBeNull();
  });

  it('shows the privacy office and the administrator their sections, not the sales one', async () => {
    const desk = await open();
    await signInAs(desk, stack, PEOPLE.administrator);
    const headings = await desk.page.getByRole('navigation').getByRole('heading', { level: 2 }).allInnerTexts();
    expect(headings).toEqual([expect.stringContaining('Privacy office'), expect.stringContaining('Administrator')]);
    await checkScreen(desk.page, 'sign-in', 'administrator-home');
  });

  it('goes back to sign-in, saying why, when the token is refused or ends', async () => {
    const desk = await open();
    const { page } = desk;
    await signInAs(desk, stack, PEOPLE.salesStaffingJp);
    // A token the services refuse (as a revoked one would be): the next call answers 401.
    await page.evaluate(`(() => {
      const session = JSON.parse(sessionStorage.getItem('desk.session'));
      sessionStorage.setItem('desk.session', JSON.stringify({ ...session, accessToken: session.accessToken.slice(0, -4) + 'AAAA' }));
    })()`);
    await page.reload();
    await page.locator('#sign-in-notice', { hasText: 'Your session has ended' }).waitFor();
    expect(await page.evaluate('sessionStorage.getItem("desk.session")')).toBeNull();

    // A token at its end: the desk does not use it, and says why the person is signed out.
    await signInAs(desk, stack, PEOPLE.salesStaffingJp);
    await page.evaluate(`(() => {
      const session = JSON.parse(sessionStorage.getItem('desk.session'));
      sessionStorage.setItem('desk.session', JSON.stringify({ ...session, expiresAt: Date.now() + 1000 }));
    })()`);
    await page.reload();
    await page.locator('#sign-in-notice', { hasText: 'Your session has ended' }).waitFor();
    expect(await page.evaluate('sessionStorage.getItem("desk.session")')).toBeNull();
  });

  it('refuses an answer that does not belong to the sign-in of this tab', async () => {
    const desk = await open();
    await desk.page.goto(`${stack.deskUrl}/auth/callback?code=forged&state=forged`);
    await desk.page.locator('#sign-in-error', { hasText: 'not started in this tab' }).waitFor();
    expect(await desk.page.evaluate('sessionStorage.getItem("desk.session")')).toBeNull();
  });
});
