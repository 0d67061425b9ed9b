import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { launchChromium, openDesk, signInAs, type DeskPage } from './harness/browser';
import { PEOPLE } from './harness/identity';
import { checkScreen } from './harness/screen-checks';
import { startDeskStack, type DeskStack } from './harness/stack';

// Sales staff at the desk: register a business card (refusals explained beside their fields), find it in the
// company's list, and correct it while a colleague changes it too.

const JOURNEY = 'sales';

describe('the sales staff’s desk', () => {
  const suffix = randomBytes(3).toString('hex').toUpperCase();
  const organization = `Example Trading ${suffix}`;
  const email = `taro.yamada.${suffix.toLowerCase()}@example.co.jp`;
  let stack: DeskStack;
  let browser: Browser;
  let desk: DeskPage;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startDeskStack('sales'), launchChromium()]);
    desk = await openDesk(browser, stack);
    await signInAs(desk, stack, PEOPLE.salesStaffingJp);
  }, 420_000);

  afterEach(() => {
    expect(desk.problems.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await desk?.context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.services.contacts.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await stack.tokenFor(PEOPLE.salesStaffingJp)}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };

  it('explains the API’s refusals beside the fields, and a My Number without repeating it', async () => {
    const { page } = desk;
    await page.getByRole('navigation').getByRole('link', { name: /Register a contact/ }).click();
    await page.getByRole('heading', { level: 1, name: /連絡先の登録/ }).waitFor();
    await checkScreen(page, JOURNEY, 'register');

    // A web inquiry needs the notice of purpose; the name is missing; the e-mail is malformed.
    await page.getByLabel(/取得方法/).selectOption('WEB_INQUIRY');
    await page.locator('#notice-of-purpose').waitFor();
    await page.getByLabel(/会社名/).first().fill(organization);
    await page.getByLabel(/メールアドレス/).fill('not-an-address');
    await page.getByRole('button', { name: /登録する/ }).click();
    await page.locator('#registration-problem', { hasText: 'VALIDATION_FAILED' }).waitFor();
    expect(await page.locator('#reg-full-name-problem').innerText()).toMatch(/full must be/);
    expect(await page.locator('#reg-email-problem').innerText()).toMatch(/email/);
    expect(await page.locator('#reg-full-name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#reg-joint-use-yes-problem').innerText()).toMatch(/jointUseNotified/);
    await checkScreen(page, JOURNEY, 'register-refused');

    // A My Number in the memo: refused, explained, and the number is not shown back.
    await page.getByLabel(/Full name/).fill('山田 太郎');
    await page.getByLabel(/メールアドレス/).fill(email);
    await page.getByLabel(/Memo/).fill('個人番号 1234 5678 9018');
    await page.getByRole('button', { name: /登録する/ }).click();
    const refusal = page.locator('#registration-problem', { hasText: 'My Number' });
    await refusal.waitFor();
    expect(await refusal.innerText()).not.toMatch(/1234|9018/);
    expect(await page.locator('#reg-memo-problem').innerText()).toMatch(/memo/);
    expect(await page.locator('#reg-memo-problem').innerText()).not.toMatch(/1234|9018/);
    await checkScreen(page, JOURNEY, 'register-my-number');
    const nothingStored = await api('GET', `/contacts?organization=${encodeURIComponent(organization)}`);
    expect(nothingStored.body.contacts).toEqual([]);
  });

  it('registers a business card, and links the same person registered again', async () => {
    const { page } = desk;
    await page.getByLabel(/Memo/).fill('');
    await page.getByLabel(/取得方法/).selectOption('BUSINESS_CARD');
    await page.locator('#notice-of-purpose').waitFor({ state: 'detached' });
    await page.getByLabel(/Kana reading/).fill('ヤマダ タロウ');
    await page.getByLabel(/Telephone/).fill('03-1234-5678');
    await page.getByLabel(/Department/).fill('営業部');
    await page.getByLabel(/^役職/).fill('課長');
    await page.getByRole('button', { name: /登録する/ }).click();
    await page.locator('#registration-created').waitFor();
    await checkScreen(page, JOURNEY, 'registered');

    await page.getByRole('button', { name: /Register another/ }).click();
    await page.getByLabel(/Full name/).fill('山田 太郎');
    await page.getByLabel(/会社名/).first().fill(organization);
    await page.getByLabel(/メールアドレス/).fill(email.toUpperCase());
    await page.getByLabel(/取得方法/).selectOption('EVENT_APPLICATION');
    await page.getByRole('button', { name: /共同利用の通知の利用目的を入れる/ }).click();
    await page.getByLabel(/はい/).check();
    await page.getByRole('button', { name: /登録する/ }).click();
    await page.locator('#registration-linked', { hasText: 'already registered' }).waitFor();
    await checkScreen(page, JOURNEY, 'registered-linked');
  });

  it('lists the card among the company’s contacts, filtered', async () => {
    const { page } = desk;
    await page.getByRole('navigation').getByRole('link', { name: /Our company's contacts/ }).click();
    await page.getByLabel(/会社名（一部）/).fill(suffix);
    await page.getByRole('button', { name: /検索/ }).click();
    const rows = page.locator('#contacts-table tbody tr');
    await page.locator('#contacts-summary', { hasText: '1 contact' }).waitFor();
    expect(await rows.count()).toBe(1);
    const row = await rows.first().innerText();
    expect(row).toContain('山田 太郎');
    expect(row).toContain('ヤマダ タロウ');
    expect(row).toMatch(/JST/);
    await checkScreen(page, JOURNEY, 'contacts');
  });

  it('corrects the contact through a colleague’s change made meanwhile: theirs beside yours, saved on the new version', async () => {
    const { page } = desk;
    await page.locator('#contacts-table tbody tr').first().getByRole('link', { name: '山田 太郎' }).click();
    await page.getByRole('heading', { level: 1, name: /山田 太郎/ }).waitFor();
    await checkScreen(page, JOURNEY, 'contact');
    const id = page.url().split('/').pop() ?? '';
    const before = await api('GET', `/contacts/${id}`);

    await page.locator('#fix-title').fill('部長');
    await page.locator('#fix-department').fill('営業企画部');
    // Meanwhile, a colleague corrects the title and the phone through the API.
    const colleague = await api('PATCH', `/contacts/${id}`, { version: before.body.version, title: '次長', phone: '03-9876-5432' });
    expect(colleague.status).toBe(200);

    await page.getByRole('button', { name: /訂正を保存/ }).click();
    await page.locator('#conflict').waitFor();
    const rows = page.locator('#conflict-table tbody tr');
    const texts = await rows.allInnerTexts();
    expect(texts.find((t) => t.includes('Title'))).toEqual(expect.stringMatching(/課長[\s\S]*次長[\s\S]*部長/));
    expect(texts.find((t) => t.includes('Telephone'))).toContain('+81398765432');
    expect(texts.find((t) => t.includes('Department'))).toContain('営業企画部');
    expect(await page.locator('#correction-problem').count()).toBe(0);
    await checkScreen(page, JOURNEY, 'conflict');

    await page.getByRole('button', { name: new RegExp(`Save on version ${colleague.body.version}`) }).click();
    await page.locator('#correction-saved', { hasText: `version ${colleague.body.version + 1}` }).waitFor();
    await checkScreen(page, JOURNEY, 'corrected');
    const after = await api('GET', `/contacts/${id}`);
    expect(after.body).toMatchObject({ version: colleague.body.version + 1, title: '部長', department: '営業企画部', phone: '+81398765432' });
  });
});
