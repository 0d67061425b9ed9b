import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JOINT_USE_NOTICE, NOTICE_REVISIONS } from '@registry/policy';
import { bearer, createTestDatabase, freePort, startInProcess, testSettings, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { SharingSettings } from '../src/config/env.validation';
import { createSharingApp } from '../src/sharing.app';

// The published joint-use notice: public, as JSON or as a page, in Japanese or English.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '..', '..', '..', 'dist', 'screenshots');
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

type OpenApiSchema = { $ref?: string; type?: string; properties?: Record<string, OpenApiSchema>; items?: OpenApiSchema; allOf?: OpenApiSchema[] };

describe('the joint-use notice', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  const suffix = uniqueSuffix();
  const code = (prefix: string) => `${prefix}-${suffix}`;

  beforeAll(async () => {
    database = await createTestDatabase('sharing_notice');
    app = await startInProcess(createSharingApp, testSettings(SharingSettings, database.url, { KAFKA_CONSUMER_GROUP: `sharing-notice-${suffix}` }));
    for (const [prefix, body] of Object.entries({
      SUB: {},
      AFF: { relationship: 'EQUITY_METHOD_AFFILIATE' },
      LEFT: { leftOn: '2024-03-31' },
      ABROAD: { country: 'SG' },
    })) {
      const response = await app.inject({
        method: 'PUT',
        url: `/companies/${code(prefix)}`,
        headers: { authorization: bearer('admin', 'GROUP-HD') },
        payload: { legalName: `${prefix} Company KK`, country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true, ...body },
      });
      expect(response.statusCode).toBe(200);
    }
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('is published as JSON, in both languages, to anyone without a token', async () => {
    const asked: Record<string, string>[] = [{}, { accept: '*/*' }, { accept: 'application/json' }, { authorization: bearer('company', 'EVENTS-JP') }];
    for (const headers of asked) {
      const response = await get('/joint-use-notice', headers);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['vary']).toBe('Accept');
      expect(response.json()).toMatchObject(JSON.parse(JSON.stringify(JOINT_USE_NOTICE)));
    }
    const notice = (await get('/joint-use-notice?format=json', { accept: 'text/html' })).json();
    expect(notice.version).toBe(JOINT_USE_NOTICE.version);
    expect(notice.purposes.map((purpose: { code: string }) => purpose.code)).toEqual([...JOINT_USE_NOTICE.purposes.map((purpose) => purpose.code)]);
    expect(notice.title).toEqual({ ja: '個人データの共同利用について', en: 'Joint use of personal data' });
  });

  it('is a page in Japanese for a browser, under a policy that allows no script and no inline style', async () => {
    const response = await get('/joint-use-notice', { accept: BROWSER_ACCEPT });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-language']).toBe('ja');
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).not.toMatch(/unsafe|script-src/);
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.body).toContain('<html lang="ja">');
    expect(response.body).toContain('<h1>個人データの共同利用について</h1>');
    expect(response.body).toContain('日本国外に所在する会社を除きます');
    expect(response.body).toContain('href="?format=html&amp;lang=en"');
    expect(response.body).not.toMatch(/<script|<style|\sstyle=/i);
  });

  it('is a page in English when asked, with a way back to Japanese, whatever the Accept header says', async () => {
    const response = await get('/joint-use-notice?format=html&lang=en', { accept: 'application/json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-language']).toBe('en');
    expect(response.body).toContain('<html lang="en">');
    expect(response.body).toContain('Joint use of personal data');
    expect(response.body).toContain('companies located outside of Japan are excluded');
    for (const item of JOINT_USE_NOTICE.sharedItems) expect(response.body).toContain(item.label.en);
    expect(response.body).toContain('href="?format=html&amp;lang=ja"');
  });

  it('serves the page’s style sheet without a token', async () => {
    const response = await get('/joint-use-notice/notice.css');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(response.body).toContain('@media print');
  });

  it('lists the group companies in Japan, each marked whether it is a joint user, and leaves companies abroad out', async () => {
    const notice = (await get('/joint-use-notice')).json();
    expect(notice.revision).toMatchObject({ version: JOINT_USE_NOTICE.version, changes: ['DETAILS'] });
    const ours = notice.companies.filter((company: { code: string }) => company.code.endsWith(suffix));
    expect(ours).toEqual([
      { code: code('AFF'), name: 'AFF Company KK', country: 'JP', relationship: 'EQUITY_METHOD_AFFILIATE', joinedOn: '2020-04-01', leftOn: null, jointUser: true },
      { code: code('LEFT'), name: 'LEFT Company KK', country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', leftOn: '2024-03-31', jointUser: false },
      { code: code('SUB'), name: 'SUB Company KK', country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', leftOn: null, jointUser: true },
    ]);
    const page = (await get('/joint-use-notice?format=html&lang=en')).body;
    expect(page).toContain('<td>SUB Company KK</td>');
    expect(page).toContain('<td>LEFT Company KK</td><td><code>' + code('LEFT') + '</code></td><td>Consolidated subsidiaries</td><td class="not-joint-user">');
    expect(page).not.toContain('ABROAD Company KK');
    expect(page).toContain(JOINT_USE_NOTICE.jointUsers.definition?.en.replace(/"/g, '&quot;'));
  });

  it('gives the notice and the list as of a past date, from the register’s history', async () => {
    // The register as if these entries had been made on January 15, 2024.
    await app.get(DataSource).query(`UPDATE group_company_changes SET changed_at = '2024-01-15T10:00:00+09:00' WHERE company_code LIKE $1`, [`%-${suffix}`]);
    const before = (await get('/joint-use-notice?on=2024-01-14')).json();
    expect(before.companies.filter((company: { code: string }) => company.code.endsWith(suffix))).toEqual([]);
    const onTheDay = (await get('/joint-use-notice?on=2024-03-30')).json();
    expect(onTheDay).toMatchObject({ on: '2024-03-30', version: '2022-04-01', revision: { version: '2022-04-01', changes: [] } });
    expect(onTheDay.purposes[2].wording.en).toMatch(/^To ask for cooperation/);
    expect(onTheDay.companies.find((company: { code: string }) => company.code === code('LEFT'))).toMatchObject({ jointUser: true });
    const after = (await get('/joint-use-notice?on=2024-03-31')).json();
    expect(after.companies.find((company: { code: string }) => company.code === code('LEFT'))).toMatchObject({ jointUser: false });
    const page = (await get('/joint-use-notice?on=2024-03-30&format=html&lang=ja')).body;
    expect(page).toContain('2024年3月30日現在');
    expect(page).toContain('ご協力をお願いするため');
  });

  it.each([
    ['2025-02-30', 'isDateString'],
    ['30/11/2026', 'isDateString'],
    ['2026-11-29T00:00:00Z', 'matches'],
    ['2021-12-31', 'withinPublishedNotice'],
    ['2099-01-01', 'withinPublishedNotice'],
  ])('refuses on=%s with 400 naming the field and the rule %s', async (on, rule) => {
    const response = await get(`/joint-use-notice?on=${encodeURIComponent(on)}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'on', rule }] });
  });

  it('lists every revision with its dates and what it changed, and the page shows the history', async () => {
    const response = await get('/joint-use-notice/revisions');
    expect(response.statusCode).toBe(200);
    expect(response.json().revisions).toEqual(
      NOTICE_REVISIONS.map((revision, index) => ({
        version: revision.version,
        publishedOn: revision.publishedOn,
        effectiveFrom: revision.effectiveFrom,
        changes: [...revision.changes],
        summary: revision.summary,
        inForce: index === NOTICE_REVISIONS.length - 1,
      })),
    );
    const page = (await get('/joint-use-notice?format=html&lang=en')).body;
    expect(page).toContain('<h2>Revision history</h2>');
    for (const revision of NOTICE_REVISIONS) expect(page).toContain(`Version ${revision.version}`);
  });

  it('refuses an unknown language or format with 400 naming it', async () => {
    const response = await get('/joint-use-notice?format=pdf&lang=fr');
    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((detail: { field: string }) => detail.field).sort()).toEqual(['format', 'lang']);
  });

  it('is documented in OpenAPI as public, with every field of the notice', async () => {
    const document = (await get('/docs/openapi.json')).json();
    const operation = document.paths['/joint-use-notice']?.get;
    expect(operation).toBeDefined();
    expect(operation.security ?? []).toEqual([]);
    expect(Object.keys(operation.responses['200'].content).sort()).toEqual(['application/json', 'text/html']);
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual(['format', 'lang', 'on']);

    const resolve = (schema: OpenApiSchema): OpenApiSchema => {
      const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
      return ref ? resolve(document.components.schemas[ref.replace('#/components/schemas/', '')]) : schema;
    };
    // Every key of the manifest, at every depth, is a documented property.
    const undocumented = (value: unknown, schema: OpenApiSchema, path: string): string[] => {
      const resolved = resolve(schema);
      if (Array.isArray(value)) return value.flatMap((element, i) => undocumented(element, resolved.items ?? {}, `${path}[${i}]`));
      if (typeof value !== 'object' || value === null) return [];
      return Object.entries(value).flatMap(([key, nested]) => {
        const property = resolved.properties?.[key];
        return property ? undocumented(nested, property, `${path}.${key}`) : [`${path}.${key}`];
      });
    };
    const published = (await get('/joint-use-notice')).json();
    expect(published.companies.length).toBeGreaterThan(0);
    expect(undocumented(published, operation.responses['200'].content['application/json'].schema, 'notice')).toEqual([]);
    const revisions = document.paths['/joint-use-notice/revisions']?.get;
    expect(revisions.security ?? []).toEqual([]);
    expect(undocumented((await get('/joint-use-notice/revisions')).json(), revisions.responses['200'].content['application/json'].schema, 'revisions')).toEqual([]);
  });

  describe('in a browser', () => {
    let browser: Browser;
    let baseUrl: string;

    beforeAll(async () => {
      if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: run the tests through \`npm test\` (it installs it), or set CHROMIUM_PATH`);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await app.listen(await freePort(), '127.0.0.1');
      baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
    });

    it('shows the styled page with nothing blocked, switches language, and prints', async () => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'ja-JP' });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      const response = await page.goto(`${baseUrl}/joint-use-notice`);
      expect(response?.status()).toBe(200);
      expect(await page.textContent('h1')).toBe('個人データの共同利用について');
      // The separate style sheet is allowed by the policy and applied.
      expect(await page.evaluate(`getComputedStyle(document.querySelector('th')).backgroundColor`)).not.toBe('rgba(0, 0, 0, 0)');
      await page.screenshot({ path: join(SCREENSHOTS, 'joint-use-notice-ja.png'), fullPage: true });

      await page.click('a[hreflang="en"]');
      await page.waitForURL(/lang=en/);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.textContent('h1')).toBe('Joint use of personal data');
      await page.screenshot({ path: join(SCREENSHOTS, 'joint-use-notice-en.png'), fullPage: true });

      await page.emulateMedia({ media: 'print' });
      expect(await page.evaluate(`getComputedStyle(document.querySelector('.languages')).display`)).toBe('none');
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(problems).toEqual([]);
      await context.close();
    }, 60_000);
  });
});
