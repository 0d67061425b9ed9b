import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { eventually } from '@registry/testing';
import { launchChromium, openDesk, signInAs, type DeskPage } from './harness/browser';
import { PEOPLE } from './harness/identity';
import { checkScreen } from './harness/screen-checks';
import { startDeskStack, type DeskStack } from './harness/stack';

// The administrator's desk over the audit trail: the accesses two companies made through sharing, searched, a record of
// provision, the chains verified both ways, the CSV export with its progress, an alert acknowledged (and a second
// acknowledgement refused), and a company's summary. Audit itself serves no page any more.

const REFUSED_READS = 6; // one more than audit's default refusal limit (ALERT_REFUSAL_LIMIT=5): raises REPEATED_REFUSALS

describe('the administrator at the desk', () => {
  let stack: DeskStack;
  let browser: Browser;
  let desk: DeskPage;
  let page: Page;
  let adminToken: string;
  const refusedIds: string[] = [];
  // The broker may hold earlier runs' access events, which a fresh audit database takes in again: this run looks only
  // at what happened from the minute it started (in Tokyo time for the screens' "From").
  const since = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const sinceInTokyo = new Date(since.getTime() + 9 * 3_600_000).toISOString().slice(0, 16);

  const audit = async (path: string, init: RequestInit = {}) =>
    fetch(`${stack.services.audit.url}${path}`, { ...init, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });

  /** Reads through sharing as a company: one granted search, then reads of contacts that do not exist (refused). */
  const readAs = async (token: string) => {
    const get = (path: string) => fetch(`${stack.services.sharing.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await get('/shared-contacts?purpose=PRODUCT_INFO')).status).toBe(200);
    for (let i = 0; i < REFUSED_READS; i += 1) {
      const id = randomUUID();
      refusedIds.push(id);
      expect((await get(`/shared-contacts/${id}?purpose=MARKETING`)).status).toBe(404);
    }
  };

  const openAlerts = async (company: string) => {
    const page = (await (await audit('/audit/alerts?status=OPEN')).json()) as { alerts: { id: string; rule: string; companyCode: string }[] };
    return page.alerts.filter((alert) => alert.rule === 'REPEATED_REFUSALS' && alert.companyCode === company);
  };

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startDeskStack('administrator'), launchChromium()]);
    adminToken = await stack.tokenFor(PEOPLE.administrator);
    await readAs(stack.companyTokenFor('STAFFING-JP'));
    await readAs(stack.companyTokenFor('EVENTS-JP'));
    // Audit takes the accesses from Kafka: wait until it holds them all, and the alerts they raise.
    await eventually(
      async () => {
        const staffing = (await (await audit(`/audit/accesses?companyCode=STAFFING-JP&from=${since.toISOString()}`)).json()) as { records: unknown[] };
        const events = (await (await audit(`/audit/accesses?companyCode=EVENTS-JP&from=${since.toISOString()}`)).json()) as { records: unknown[] };
        expect([staffing.records.length, events.records.length]).toEqual([REFUSED_READS + 1, REFUSED_READS + 1]);
        expect(await openAlerts('STAFFING-JP')).toHaveLength(1);
        expect(await openAlerts('EVENTS-JP')).toHaveLength(1);
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    desk = await openDesk(browser, stack);
    page = desk.page;
    await signInAs(desk, stack, PEOPLE.administrator, '/admin/accesses');
  }, 600_000);

  afterEach(() => {
    expect(desk?.problems.splice(0) ?? []).toEqual([]);
  });

  afterAll(async () => {
    await desk?.context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  it('finds the administrator page in the desk, not at audit', async () => {
    expect((await fetch(`${stack.services.audit.url}/admin`)).status).toBe(404);
    expect((await fetch(`${stack.services.audit.url}/admin/admin.js`)).status).toBe(404);
  });

  it('searches the accesses with the filters of the API, newest first', async () => {
    await page.goto(`${stack.deskUrl}/admin/accesses`);
    await page.getByRole('heading', { level: 1, name: /アクセスの記録/ }).waitFor();
    await page.locator('#accesses-table tbody tr').first().waitFor();
    await page.locator('#f-from').fill(sinceInTokyo);
    await page.getByRole('button', { name: /^検索/ }).click();
    await expect(eventuallyCount(page, '#accesses-table tbody tr', 2 * (REFUSED_READS + 1))).resolves.toBe(2 * (REFUSED_READS + 1));
    // The choices are the API's: the purposes of the joint-use notice, audit's reasons and operations.
    expect(await page.locator('#f-purpose option').allInnerTexts()).toEqual(expect.arrayContaining(['PRODUCT_INFO', 'MARKETING', 'STATISTICS']));
    expect(await page.locator('#f-reason option[value="CONTACT_NOT_FOUND"]').count()).toBe(1);
    const times = await page.locator('#accesses-table tbody tr td:first-child').allInnerTexts();
    expect([...times].sort().reverse()).toEqual(times);

    await page.getByLabel(/Company code/).fill('STAFFING-JP');
    await page.getByLabel(/^結果/).selectOption('DENIED');
    await page.getByLabel(/Reason refused/).selectOption('CONTACT_NOT_FOUND');
    await page.getByRole('button', { name: /^検索/ }).click();
    await expect(eventuallyCount(page, '#accesses-table tbody tr', REFUSED_READS)).resolves.toBe(REFUSED_READS);
    for (const row of await page.locator('#accesses-table tbody tr').allInnerTexts()) expect(row).toMatch(/STAFFING-JP[\s\S]*Denied[\s\S]*Contact not found/);
    expect(await page.locator('#accesses-summary').innerText()).toContain(`${REFUSED_READS} accesses shown`);

    // A contact id that is not one is refused in place, saying what it must be.
    await page.getByLabel(/Contact id/).fill('not-a-uuid');
    await page.getByRole('button', { name: /^検索/ }).click();
    await page.getByRole('alert').filter({ hasText: 'must be a UUID' }).waitFor();
    await page.getByLabel(/Contact id/).fill('');
    await page.getByRole('button', { name: /^検索/ }).click();
    await checkScreen(page, 'administrator', 'accesses');
  });

  it('opens the record of provision of a contact an access named', async () => {
    const link = page.locator('#accesses-table tbody tr').first().getByRole('link');
    const contactId = (await link.getAttribute('href'))?.split('/').at(-1) ?? '';
    expect(refusedIds).toContain(contactId);
    await link.click();
    await page.waitForURL(`${stack.deskUrl}/admin/provision/${contactId}`);
    await page.getByRole('heading', { level: 1, name: /提供の記録/ }).waitFor();
    await page.locator('#provision-summary', { hasText: contactId }).waitFor();
    // Refused reads are not in the record: it holds deliveries and granted reads only.
    expect(await page.locator('#provision-summary').innerText()).toContain('0 provisions, 0 reads');
    expect(await page.locator('#provision-table').innerText()).toContain('Never provided to a group company');
    await checkScreen(page, 'administrator', 'record-of-provision');
  });

  it('verifies the chains incrementally and in full, and shows the schedule', async () => {
    await page.getByRole('navigation').getByRole('link', { name: /Audit chains/ }).click();
    await page.getByRole('heading', { level: 1, name: /監査チェーンの状態/ }).waitFor();
    await page.locator('#schedule-table tbody tr').first().waitFor();
    await page.getByRole('button', { name: /Verify new records/ }).click();
    await page.locator('#verify-status .message.success', { hasText: 'INTACT' }).waitFor({ timeout: 120_000 });
    expect(await page.locator('#chain-mode').innerText()).toContain('Incremental');
    await page.getByRole('button', { name: /Verify everything/ }).click();
    await page.locator('#verify-status .message.success', { hasText: 'INTACT' }).waitFor({ timeout: 120_000 });
    expect(await page.locator('#chain-mode').innerText()).toContain('Full');
    expect(await page.locator('#chain-table tbody tr').count()).toBe(3);
    expect(await page.locator('#chain-table').innerText()).toContain('Accesses');
    await checkScreen(page, 'administrator', 'chain');
  });

  it('exports the accesses as audit writes them, showing the progress, and saves the file', async () => {
    await page.getByRole('navigation').getByRole('link', { name: /Access records/ }).click();
    await page.getByLabel(/Company code/).fill('EVENTS-JP');
    await page.locator('#f-from').fill(sinceInTokyo);
    await page.getByRole('button', { name: /^検索/ }).click();
    await expect(eventuallyCount(page, '#accesses-table tbody tr', REFUSED_READS + 1)).resolves.toBe(REFUSED_READS + 1);
    // Every state of the progress bar, as the person would have seen it.
    await page.evaluate(`(() => {
      window.progressSeen = [];
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"]');
        if (bar) window.progressSeen.push(bar.getAttribute('aria-valuetext'));
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Export as CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const file = readFileSync((await download.path()) ?? '');
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.subarray(3).toString('utf8');
    expect(text.startsWith('accessed_at,company_code,operation,purpose,outcome,reason,')).toBe(true);
    const lines = text.split('\r\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1 + REFUSED_READS + 1);
    expect(lines.slice(1).every((line) => line.includes('EVENTS-JP'))).toBe(true);
    const seen = (await page.evaluate('window.progressSeen')) as string[];
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((text) => /bytes, [\d,]+ rows received/.test(text))).toBe(true);
    await page.locator('#export-status', { hasText: `${REFUSED_READS + 1} rows` }).waitFor();
    await checkScreen(page, 'administrator', 'export');
  });

  it('acknowledges an alert with a note, and says so when another administrator was first', async () => {
    await page.getByRole('navigation').getByRole('link', { name: /^アラート/ }).click();
    await page.getByRole('heading', { level: 1, name: /アラート/ }).waitFor();
    const [staffing] = await openAlerts('STAFFING-JP');
    const [events] = await openAlerts('EVENTS-JP');
    const staffingRow = page.locator(`tr[data-alert-id="${staffing?.id}"]`);
    await staffingRow.waitFor();
    await checkScreen(page, 'administrator', 'alerts');

    await staffingRow.getByRole('button', { name: /Acknowledge/ }).click();
    await staffingRow.getByLabel(/Note/).fill('Checked with STAFFING-JP: a test of old links');
    await checkScreen(page, 'administrator', 'alert-acknowledging');
    await staffingRow.getByRole('button', { name: /Confirm acknowledgement/ }).click();
    await page.locator('#alerts-notice', { hasText: 'Alert acknowledged' }).waitFor();
    expect(await staffingRow.innerText()).toMatch(/Acknowledged[\s\S]*Note: Checked with STAFFING-JP/);

    // Another administrator acknowledges the other alert while this one has its form open: audit answers 409.
    const eventsRow = page.locator(`tr[data-alert-id="${events?.id}"]`);
    await eventsRow.getByRole('button', { name: /Acknowledge/ }).click();
    expect((await audit(`/audit/alerts/${events?.id}/acknowledgement`, { method: 'POST', body: JSON.stringify({ note: 'first' }) })).status).toBe(200);
    await eventsRow.getByRole('button', { name: /Confirm acknowledgement/ }).click();
    await page.getByRole('alert').filter({ hasText: 'The alert was acknowledged by' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('ALERT_ALREADY_ACKNOWLEDGED');
    expect(await openAlerts('EVENTS-JP')).toEqual([]);
  });

  it('counts a company’s accesses by purpose and outcome', async () => {
    await page.getByRole('navigation').getByRole('link', { name: /Company summary/ }).click();
    await page.getByRole('heading', { level: 1, name: /会社別の集計/ }).waitFor();
    await page.getByLabel(/Company code/).fill('STAFFING-JP');
    await page.locator('#s-from').fill(sinceInTokyo);
    await page.getByRole('button', { name: /Summarize/ }).click();
    await page.locator('#summary-table').waitFor();
    const rows = await page.locator('#summary-table tbody tr').allInnerTexts();
    expect(rows.map((row) => row.split('\t').map((cell) => cell.trim()))).toEqual([
      ['MARKETING', '0', String(REFUSED_READS), String(REFUSED_READS)],
      ['PRODUCT_INFO', '1', '0', '1'],
    ]);
    expect(await page.locator('#summary-table tfoot').innerText()).toContain(String(REFUSED_READS + 1));
    await checkScreen(page, 'administrator', 'summary');
  });
});

/** The number of rows matching, once it is `count` (the table fills after the search answers). */
async function eventuallyCount(page: Page, selector: string, count: number): Promise<number> {
  await page.waitForFunction(([s, n]) => document.querySelectorAll(s as string).length === n, [selector, count] as const, { timeout: 60_000 });
  return page.locator(selector).count();
}
