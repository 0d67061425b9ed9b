import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ProvisionRecordedEvent, Topics, type AccessRecordedEvent } from '@registry/contracts';
import { JOINT_USE_NOTICE } from '@registry/policy';
import { createKafka, createReliableProducer } from '@registry/kafka';
import { bearer, createTestDatabase, eventually, freePort, sampleAccessEvent, testKafka, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createAuditApp } from '../src/audit.app';
import { auditTestSettings } from './audit-test-settings';

// The administrator's page in a real browser (Debian's Chromium, headless) against the audit service
// listening on a port, fed through Kafka like in production.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '..', '..', '..', 'dist', 'screenshots');

const suffix = uniqueSuffix();
const company = `JP-${suffix}`;
const otherCompany = `JP2-${suffix}`;
const refusingCompany = `RF-${suffix}`;
const busyCompany = `PG-${suffix}`;
const contactId = randomUUID();
const admin = bearer('admin', 'GROUP-HD');

const access = (overrides: Partial<AccessRecordedEvent>) => sampleAccessEvent({ companyCode: company, ...overrides });
const provision = (companyCode: string, kind: 'DELIVERED' | 'WITHDRAWN', version: number, providedAt: Date): ProvisionRecordedEvent => ({
  eventId: randomUUID(),
  occurredAt: providedAt.toISOString(),
  schemaVersion: ProvisionRecordedEvent.currentSchemaVersion,
  eventType: 'ProvisionRecorded',
  provisionId: randomUUID(),
  companyCode,
  contactId,
  version,
  kind,
  purposes: ['PRODUCT_INFO', 'MARKETING'],
  providedAt: providedAt.toISOString(),
  noticeVersion: JOINT_USE_NOTICE.version,
  acquisitionNoticeVersion: '2022-04-01',
});

// One company's four accesses: three granted (two of them touching the contact), one refused.
const companyAccesses = [
  access({ operation: 'READ_CONTACT', purpose: 'PRODUCT_INFO', contactIds: [contactId] }),
  access({ operation: 'SEARCH_CONTACTS', purpose: 'MARKETING', contactIds: [contactId, randomUUID(), randomUUID()] }),
  access({ operation: 'READ_CONTACT', purpose: 'PRODUCT_INFO', contactIds: [randomUUID()] }),
  access({ operation: 'READ_CONTACT', purpose: 'COLD_CALLING', contactIds: [], outcome: 'DENIED', reason: 'PURPOSE_NOT_ALLOWED' }),
];
// Six refusals in a row raise a REPEATED_REFUSALS alert with the default limit of five.
const refusals = Array.from({ length: 6 }, () => access({ companyCode: refusingCompany, purpose: null, contactIds: [], outcome: 'DENIED', reason: 'PURPOSE_MISSING' }));
// More than one page of results (the page shows 50 a page).
const busyAccesses = Array.from({ length: 52 }, () => access({ companyCode: busyCompany }));
const hourAgo = Date.now() - 3_600_000;
const provisions = [
  provision(company, 'DELIVERED', 1, new Date(hourAgo)),
  provision(otherCompany, 'DELIVERED', 1, new Date(hourAgo + 1000)),
  provision(otherCompany, 'WITHDRAWN', 2, new Date(hourAgo + 2000)),
];

describe('the administrator page', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let browser: Browser;
  let baseUrl: string;
  const contexts: BrowserContext[] = [];
  const pageProblems: string[] = [];

  const api = async (path: string, authorization = admin) => {
    const response = await app.inject({ method: 'GET', url: path, headers: { authorization } });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  /** A fresh browser tab of its own (nothing shared with other tabs), in Tokyo time, reporting script errors and blocked content. */
  const openPage = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Tokyo', locale: 'en-GB', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageProblems.push(`script error: ${error.message}`));
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) pageProblems.push(`blocked: ${message.text()}`);
    });
    const response = await page.goto(`${baseUrl}/admin`);
    expect(response?.status()).toBe(200);
    return page;
  };

  const signIn = async (page: Page, token = admin) => {
    await page.fill('#token', token);
    await page.click('#sign-in-button');
  };

  const signedIn = async (): Promise<Page> => {
    const page = await openPage();
    await signIn(page);
    await page.locator('#workspace').waitFor({ state: 'visible' });
    return page;
  };

  const rowTexts = (page: Page, table: string) => page.locator(`${table} tbody tr`).allInnerTexts();

  const rowCount = (page: Page, table: string, count: number) => eventually(async () => expect(await rowTexts(page, table)).toHaveLength(count));

  const searchCompany = async (page: Page, code: string, rows: number) => {
    await page.fill('#f-company', code);
    await page.click('#search-accesses');
    await eventually(async () => {
      const texts = await rowTexts(page, '#accesses-table');
      expect(texts).toHaveLength(rows);
      expect(texts.every((text) => text.includes(code))).toBe(true);
    });
  };

  const screenshot = async (page: Page, name: string) => {
    const path = join(SCREENSHOTS, name);
    await page.screenshot({ path, fullPage: true });
    return path;
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: run the tests through \`npm test\` (it installs it), or set CHROMIUM_PATH`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    database = await createTestDatabase('audit_admin_page');
    app = await createAuditApp(auditTestSettings(database.url, { KAFKA_CONSUMER_GROUP: `audit-admin-page-${suffix}` }));
    const port = await freePort();
    await app.listen(port, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${port}`;

    const producer = createReliableProducer(createKafka(testKafka('audit-admin-page-test')));
    await producer.connect();
    await producer.send({
      topic: Topics.access,
      messages: [...companyAccesses, ...refusals, ...busyAccesses].map((event) => ({ key: event.accessId, value: JSON.stringify(event) })),
    });
    await producer.send({ topic: Topics.provision, messages: provisions.map((event) => ({ key: contactId, value: JSON.stringify(event) })) });
    await producer.disconnect();

    await eventually(
      async () => {
        expect((await api(`/audit/accesses?companyCode=${company}`)).records).toHaveLength(companyAccesses.length);
        expect((await api(`/audit/accesses?companyCode=${busyCompany}&limit=500`)).records).toHaveLength(busyAccesses.length);
        expect((await api(`/audit/contacts/${contactId}/record-of-provision`)).provisions).toHaveLength(provisions.length);
        const { alerts } = await api('/audit/alerts?status=OPEN');
        expect(alerts).toContainEqual(expect.objectContaining({ rule: 'REPEATED_REFUSALS', companyCode: refusingCompany }));
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterEach(() => {
    const problems = pageProblems.splice(0);
    expect(problems).toEqual([]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  it('is served without a token, under a policy that allows no inline script', async () => {
    const response = await fetch(`${baseUrl}/admin`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    for (const [file, type] of [
      ['admin.js', /^text\/javascript/],
      ['admin.css', /^text\/css/],
    ] as const) {
      const asset = await fetch(`${baseUrl}/admin/${file}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(type);
    }
    expect((await api('/docs/openapi.json')).paths).not.toHaveProperty('/admin');
  });

  it('finds a company’s accesses, filters them by outcome and pages through many', async () => {
    const page = await signedIn();
    expect(await page.textContent('#signed-in-as')).toContain('admin-group-hd');
    await searchCompany(page, company, companyAccesses.length);
    const rows = await rowTexts(page, '#accesses-table');
    expect(rows.filter((row) => row.includes('Granted'))).toHaveLength(3);
    expect(rows.find((row) => row.includes('Denied'))).toEqual(expect.stringContaining('Purpose not allowed'));
    expect(rows.join('\n')).toContain('SEARCH_CONTACTS');
    expect(rows.join('\n')).toContain('3 contacts');
    const path = await screenshot(page, 'admin-page.png');
    expect(statSync(path).size).toBeGreaterThan(10_000);

    await page.selectOption('#f-outcome', 'DENIED');
    await page.click('#search-accesses');
    await rowCount(page, '#accesses-table', 1);
    expect((await rowTexts(page, '#accesses-table'))[0]).toContain('COLD_CALLING');

    await page.selectOption('#f-outcome', '');
    await searchCompany(page, busyCompany, 50);
    expect(await page.textContent('#accesses-page')).toContain('Page 1');
    await page.click('#accesses-next');
    await rowCount(page, '#accesses-table', 2);
    expect(await page.textContent('#accesses-page')).toContain('Page 2');
    expect(await page.isVisible('#accesses-next')).toBe(false);
    await page.click('#accesses-previous');
    await rowCount(page, '#accesses-table', 50);
  });

  it('opens the record of provision of a contact from the accesses that touched it', async () => {
    const page = await signedIn();
    await searchCompany(page, company, companyAccesses.length);
    const row = page.locator('#accesses-table tbody tr', { hasText: 'SEARCH_CONTACTS' });
    await row.locator('summary').click();
    await row.getByRole('button', { name: contactId }).click();

    await page.locator('#view-provision').waitFor({ state: 'visible' });
    await rowCount(page, '#provision-table', provisions.length);
    const deliveries = await rowTexts(page, '#provision-table');
    expect(deliveries[0]).toEqual(expect.stringMatching(new RegExp(`${company}\\s+Delivered\\s+1\\s+PRODUCT_INFO, MARKETING`)));
    expect(deliveries[2]).toEqual(expect.stringMatching(new RegExp(`${otherCompany}\\s+Withdrawn\\s+2`)));
    const reads = await rowTexts(page, '#provision-reads-table');
    expect(reads).toHaveLength(2);
    expect(reads.every((read) => read.includes(company) && read.includes('Granted'))).toBe(true);
    const summary = await page.textContent('#provision-summary');
    expect(summary).toContain(`Provided to 2 companies (${company}, ${otherCompany}); held now by ${company}.`);
    expect(summary).toContain(`Read by 1 company (${company}).`);
    await screenshot(page, 'admin-page-record-of-provision.png');
  });

  it('verifies the chains and shows them intact', async () => {
    const page = await signedIn();
    await page.click('#tab-chain');
    await page.click('#verify-now');
    await page.locator('#chain-message', { hasText: 'every chain is intact' }).waitFor();
    expect(await page.textContent('#chain-status')).toBe('Intact');
    expect(await page.textContent('#chain-mode')).toBe('Incremental');
    const chains = await rowTexts(page, '#chain-table');
    expect(chains.length).toBeGreaterThanOrEqual(2);
    expect(chains.every((chain) => chain.includes('Intact') && chain.includes('None'))).toBe(true);

    await page.click('#verify-full');
    await page.locator('#chain-mode', { hasText: /^Full$/ }).waitFor();
    expect(await page.textContent('#chain-status')).toBe('Intact');
    await screenshot(page, 'admin-page-chain.png');

    // A new tab shows the last verification without running one.
    const later = await signedIn();
    await later.click('#tab-chain');
    await later.locator('#chain-mode', { hasText: /^Full$/ }).waitFor();
  });

  it('acknowledges an open alert with a note', async () => {
    const page = await signedIn();
    await page.locator('#alert-count', { hasText: /^[1-9]/ }).waitFor();
    await page.click('#tab-alerts');
    const row = page.locator('#alerts-table tbody tr', { hasText: refusingCompany });
    await row.waitFor();
    expect(await row.innerText()).toContain('Repeated refusals');
    await screenshot(page, 'admin-page-alerts.png');

    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await row.getByLabel('Note').fill('Called the company: a misconfigured batch job, now fixed.');
    await screenshot(page, 'admin-page-acknowledge.png');
    await row.getByRole('button', { name: 'Confirm acknowledgement' }).click();
    await page.locator('#alerts-message', { hasText: 'Alert acknowledged' }).waitFor();
    const acknowledged = page.locator('#alerts-table tbody tr', { hasText: refusingCompany });
    expect(await acknowledged.innerText()).toEqual(expect.stringMatching(/Acknowledged[\s\S]*by admin-group-hd[\s\S]*misconfigured batch job/));

    const { alerts } = await api('/audit/alerts?status=ACKNOWLEDGED');
    expect(alerts).toContainEqual(
      expect.objectContaining({ companyCode: refusingCompany, rule: 'REPEATED_REFUSALS', acknowledgedBy: 'admin-group-hd', note: 'Called the company: a misconfigured batch job, now fixed.' }),
    );
    await page.click('#refresh-alerts');
    await page.locator('#alerts-table tbody tr', { hasText: refusingCompany }).waitFor({ state: 'detached' });
    await page.check('#alerts-include-acknowledged');
    await page.locator('#alerts-table tbody tr', { hasText: refusingCompany }).waitFor();
  });

  it('exports the filtered accesses as CSV', async () => {
    const page = await signedIn();
    await page.fill('#f-company', company);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    expect(download.suggestedFilename()).toBe('accesses.csv');
    const file = readFileSync(await download.path());
    // The byte order mark survives the download, so that Excel set to Japanese reads the file as UTF-8.
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^accessed_at,company_code,operation,purpose,outcome,reason,contact_ids,requested_by,access_id/);
    expect(lines).toHaveLength(1 + companyAccesses.length);
    expect(lines.slice(1).every((line) => line.includes(`,${company},`))).toBe(true);
    expect(lines.slice(1).map((line) => companyAccesses.find((a) => line.includes(a.accessId))?.accessId).sort()).toEqual(
      companyAccesses.map((a) => a.accessId).sort(),
    );
    await page.locator('#accesses-message', { hasText: 'Exported' }).waitFor();
  });

  it('shows a company’s accesses counted by purpose and outcome', async () => {
    const page = await signedIn();
    await page.click('#tab-summary');
    await page.fill('#s-company', company);
    await page.click('#show-summary');
    await rowCount(page, '#summary-table', 3);
    const rows = await rowTexts(page, '#summary-table');
    expect(rows).toEqual([
      expect.stringMatching(/^COLD_CALLING\s+0\s+1\s+1$/),
      expect.stringMatching(/^MARKETING\s+1\s+0\s+1$/),
      expect.stringMatching(/^PRODUCT_INFO\s+2\s+0\s+2$/),
    ]);
    expect(await page.locator('#summary-table tfoot').innerText()).toMatch(/Total\s+3\s+1\s+4/);
    await screenshot(page, 'admin-page-summary.png');
  });

  it('refuses a company’s token and a broken one, saying why, and keeps neither', async () => {
    const page = await openPage();
    await signIn(page, bearer('company', company));
    const message = page.locator('#sign-in-message');
    await message.waitFor({ state: 'visible' });
    expect(await message.innerText()).toContain('is not an administrator’s token');
    expect(await page.isVisible('#workspace')).toBe(false);
    await screenshot(page, 'admin-page-refused.png');

    await signIn(page, 'not-a-token');
    await page.locator('#sign-in-message', { hasText: 'was not accepted' }).waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('keeps the administrator signed in within the tab until they sign out', async () => {
    const page = await signedIn();
    await page.reload();
    await page.locator('#workspace').waitFor({ state: 'visible' });
    await page.click('#sign-out');
    await page.locator('#sign-in').waitFor({ state: 'visible' });
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    expect(await page.locator('#accesses-table tbody tr').count()).toBe(0);
  });

  it('signs the administrator out, saying why, when the token stops being accepted', async () => {
    const page = await signedIn();
    await page.evaluate(`sessionStorage.setItem('audit-admin-token', 'expired.or.revoked')`);
    await page.click('#search-accesses');
    await page.locator('#sign-in-message', { hasText: 'You have been signed out' }).waitFor();
    expect(await page.isVisible('#workspace')).toBe(false);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });
});
