import type { Browser } from 'playwright-core';
import { launchChromium, openDesk, signInAs, type DeskPage } from './harness/browser';
import { PEOPLE } from './harness/identity';
import { checkScreen } from './harness/screen-checks';
import { startDeskStack, type DeskStack } from './harness/stack';

// The privacy office answers a person's requests at the desk: a disclosure, printed, then an erasure, each closed with
// its timeline; the desk alerts; and the group company register with a company's Kafka credentials.

const JOURNEY = 'privacy-office';

describe('the privacy office at the desk', () => {
  let stack: DeskStack;
  let browser: Browser;
  let desk: DeskPage;
  const suffix = Date.now().toString(36).toUpperCase();
  const person = { name: `開示 花子${suffix}`, organization: `Journey Trading ${suffix} KK`, email: `hanako.${suffix.toLowerCase()}@journey.example.co.jp` };
  let contactId: string;

  const api = async (path: string, token: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${stack.services.contacts.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
  };

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startDeskStack(JOURNEY), launchChromium()]);
    // The person, registered by sales staff as they would at the desk's sales section.
    const registered = await api('/contacts', await stack.tokenFor(PEOPLE.salesStaffingJp), {
      method: 'POST',
      body: { name: { full: person.name }, organizationName: person.organization, email: person.email, acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-20' } },
    });
    expect(registered.status).toBe(201);
    contactId = registered.body?.['id'] as string;
    // A consultation received a month ago and never answered: the inbox marks it overdue.
    const received = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const late = await api('/subject-requests', await stack.tokenFor(PEOPLE.privacyOffice), { method: 'POST', body: { type: 'CONSULTATION', summary: `Late consultation ${suffix}`, receivedOn: received } });
    expect(late.status).toBe(201);
    desk = await openDesk(browser, stack);
    await signInAs(desk, stack, PEOPLE.privacyOffice);
  }, 600_000);

  afterEach(() => {
    expect(desk.problems.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await desk?.context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  it('lists the open requests with their age, the overdue one marked', async () => {
    const { page } = desk;
    await page.goto(`${stack.deskUrl}/privacy/requests`);
    await page.getByRole('heading', { level: 1, name: /本人からの請求/ }).waitFor();
    const late = page.locator('#requests-table tr.overdue', { hasText: `Late consultation ${suffix}` });
    await late.waitFor();
    expect(await late.textContent()).toContain('Overdue');
    await page.locator('#requests-summary', { hasText: /overdue/ }).waitFor();
    await checkScreen(page, JOURNEY, 'inbox');
  });

  it('opens a disclosure request, confirms the person with the identity check, prints the bundle and closes it', async () => {
    const { page } = desk;
    await page.getByRole('link', { name: /New request/ }).click();
    await page.getByRole('heading', { level: 1, name: /請求の受付/ }).waitFor();
    await page.getByLabel(/請求の種類/).selectOption('DISCLOSURE');
    await page.getByLabel(/開示の方法/).selectOption('PAPER');
    await page.getByLabel(/メールアドレス/).fill(person.email);
    await checkScreen(page, JOURNEY, 'new-request');
    await page.locator('#open-request').click();
    await page.waitForURL(/\/privacy\/requests\/[0-9a-f-]{36}$/);
    await page.locator('#matches-table', { hasText: person.name }).waitFor();
    await checkScreen(page, JOURNEY, 'request-opened');

    await page.getByLabel(new RegExp(person.name)).check();
    await page.getByLabel(/本人確認書類/).selectOption('PASSPORT');
    await page.locator('#confirm-request').click();
    await page.locator('#identity-check', { hasText: 'パスポート' }).waitFor();
    expect(await page.locator('#identity-check').textContent()).toContain(PEOPLE.privacyOffice.id);
    await page.locator('#matches-table', { hasText: 'Confirmed' }).waitFor();

    await page.locator('#prepare-disclosure').click();
    await page.locator('#disclosure-bundle', { hasText: person.email }).waitFor({ timeout: 60_000 });
    expect(await page.locator('#disclosure-bundle').textContent()).toContain('書面 · Paper');
    await checkScreen(page, JOURNEY, 'disclosure');
    // Printed, the bundle stands alone: no masthead, no menu, no buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.masthead').isVisible()).toBe(false);
    expect(await page.locator('#print-bundle').isVisible()).toBe(false);
    expect(await page.locator('#disclosure-bundle').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('link', { name: /Back to the request/ }).click();
    await page.getByLabel(/How it was answered/).fill('Sent by registered mail');
    await page.locator('#close-request').click();
    await page.locator('#request-status', { hasText: 'Closed' }).waitFor();
    const timeline = page.locator('#timeline-table');
    for (const step of ['Opened', 'Confirmed', 'Disclosed', 'Closed']) await timeline.getByText(new RegExp(`· ${step}$`)).first().waitFor();
    expect(await timeline.textContent()).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} JST/);
    await checkScreen(page, JOURNEY, 'disclosure-closed');
  });

  it('erases the person after a confirmation step, and shows the service’s 409 with what to do when a colleague closed the request meanwhile', async () => {
    const { page } = desk;
    await page.goto(`${stack.deskUrl}/privacy/requests/new`);
    await page.getByLabel(/請求の種類/).selectOption('ERASURE');
    await page.getByLabel(/メールアドレス/).fill(person.email);
    await page.locator('#open-request').click();
    await page.waitForURL(/\/privacy\/requests\/[0-9a-f-]{36}$/);
    await page.getByLabel(new RegExp(person.name)).check();
    await page.getByLabel(/A representative made the request/).check();
    await page.getByLabel(/代理人の氏名/).fill('代理 次郎');
    await page.getByLabel(/権限を証する書類/).fill('Power of attorney dated 2026-11-20');
    await page.locator('#confirm-request').click();
    await page.locator('#identity-check', { hasText: '代理 次郎' }).waitFor();

    await page.locator('#erase').click();
    await page.locator('#erase-confirmation').waitFor();
    await checkScreen(page, JOURNEY, 'erasure-confirmation');
    await page.locator('#confirm-erasure').click();
    await page.locator('#request-notice', { hasText: 'Erasure' }).waitFor({ timeout: 60_000 });
    expect((await api(`/contacts/${contactId}`, await stack.tokenFor(PEOPLE.salesStaffingJp))).status).toBe(404);

    // A colleague closes the request meanwhile: the desk shows the service's 409 and what to do, and the state after a reload.
    const requestId = page.url().split('/').at(-1) as string;
    const closedElsewhere = await api(`/subject-requests/${requestId}/closure`, await stack.tokenFor(PEOPLE.administrator), { method: 'POST', body: { outcome: 'Erased; the person was told by letter' } });
    expect(closedElsewhere.status).toBe(200);
    await page.getByLabel(/How it was answered/).fill('Erased; told by phone');
    await page.locator('#close-request').click();
    const refusal = page.getByRole('alert').filter({ hasText: 'REQUEST_CLOSED' });
    await refusal.waitFor();
    expect(await page.locator('.problem-help').textContent()).toContain('open a new request');
    // The desk shows where the request stands now, without the actions it no longer takes.
    await page.locator('#request-status', { hasText: 'Closed' }).waitFor();
    expect(await page.locator('#close-request').count()).toBe(0);
    await checkScreen(page, JOURNEY, 'request-closed-elsewhere');
    await page.reload();
    await page.locator('#request-status', { hasText: 'Closed' }).waitFor();
    expect(await page.locator('#close-request').count()).toBe(0);
    const timeline = page.locator('#timeline-table');
    await timeline.getByText(/· Erased$/).waitFor();
    expect(await timeline.textContent()).toContain(PEOPLE.administrator.id);
    await checkScreen(page, JOURNEY, 'erasure-closed');
  });

  it('shows the desk alerts and their counts', async () => {
    const { page } = desk;
    await page.goto(`${stack.deskUrl}/privacy/alerts`);
    await page.getByRole('heading', { level: 1, name: /デスクへの通知/ }).waitFor();
    await page.locator('#desk-summary').waitFor();
    await page.locator('#alerts-table[aria-busy="false"]').waitFor();
    await checkScreen(page, JOURNEY, 'alerts');
  });

  it('issues a company’s Kafka credentials once, with a warning, and revokes them', async () => {
    const { page } = desk;
    await page.goto(`${stack.deskUrl}/privacy/companies`);
    await page.locator('#companies-table', { hasText: 'EVENTS-JP' }).waitFor();
    await checkScreen(page, JOURNEY, 'companies');
    await page.getByRole('link', { name: 'EVENTS-JP', exact: true }).click();
    await page.locator('#credentials-status').waitFor();
    await page.locator('#company-history tbody tr').first().waitFor();
    await page.locator('#issue-credentials').click();
    await page.locator('#issued-password').waitFor({ timeout: 60_000 });
    expect((await page.locator('#issued-password').textContent())?.trim().length).toBeGreaterThan(10);
    expect(await page.locator('#issued-credentials').textContent()).toContain('shown this once');
    await checkScreen(page, JOURNEY, 'credentials-issued');
    await page.locator('#revoke-credentials').click();
    await page.locator('#confirm-revoke').click();
    await page.locator('#credentials-status', { hasText: 'Revoked' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('#issued-password').count()).toBe(0);
    await page.locator('#company-history', { hasText: 'Credentials revoked' }).waitFor();
  });
});
