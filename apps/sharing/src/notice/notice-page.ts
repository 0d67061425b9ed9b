import type { JointUseNoticeShape, NoticeText } from '@registry/policy';
import type { NoticeLanguage } from './notice-format';

/** Nothing but same-origin styles: the page runs no script, embeds nothing and cannot be framed. */
export const NOTICE_PAGE_CONTENT_SECURITY_POLICY = ["default-src 'none'", "style-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"].join(
  '; ',
);

/** The page's own words, around the notice's. */
const PAGE_WORDS: Record<NoticeLanguage, Record<string, string>> = {
  ja: {
    otherLanguage: 'English',
    languageNavigation: '言語',
    table: '共同利用の内容',
    subjects: '対象となる情報',
    items: '共同して利用される個人データの項目',
    jointUsers: '共同して利用する者の範囲',
    purposes: '共同して利用する者の利用目的',
    acquisition: '取得方法',
    responsible: '個人データの管理について責任を有する者',
    inquiries: '共同利用に関するお問い合わせ窓口',
    requests: '開示等のご請求',
    email: 'メール',
    basis: '根拠',
    revised: '改定',
    version: '版',
    json: 'この告知の機械可読版(JSON)',
  },
  en: {
    otherLanguage: '日本語',
    languageNavigation: 'Language',
    table: 'What is used jointly, by whom and for what',
    subjects: 'Information concerned',
    items: 'Items of personal data used jointly',
    jointUsers: 'Scope of parties using the data jointly',
    purposes: 'Purposes of use by the parties using the data jointly',
    acquisition: 'Method of acquisition',
    responsible: 'Party responsible for the management of the jointly used personal data',
    inquiries: 'Contact for inquiries regarding joint use',
    requests: 'Requests for disclosure, etc.',
    email: 'E-mail',
    basis: 'Basis',
    revised: 'Last revised',
    version: 'Version',
    json: 'This notice in machine-readable form (JSON)',
  },
};

const ROMAN = ['', 'i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);
}

function revisionDate(version: string, lang: NoticeLanguage): string {
  const [year, month, day] = version.split('-').map(Number);
  if (!year || !month || !day) return version;
  return lang === 'ja' ? `${year}年${month}月${day}日` : `${MONTHS[month - 1]} ${day}, ${year}`;
}

function policyItem(item: number, lang: NoticeLanguage): string {
  return lang === 'ja' ? `(${item})` : `(${ROMAN[item] ?? item})`;
}

/** The notice as a printable page in one language, with a link to the other. Every text is escaped. */
export function renderNoticePage(notice: JointUseNoticeShape, lang: NoticeLanguage): string {
  const words = PAGE_WORDS[lang];
  const other: NoticeLanguage = lang === 'ja' ? 'en' : 'ja';
  const t = (text: NoticeText) => escapeHtml(text[lang]);
  const w = (key: string) => escapeHtml(words[key] ?? key);
  const mail = (address: string) => `<a href="mailto:${escapeHtml(address)}">${escapeHtml(address)}</a>`;
  const row = (heading: string, content: string) => `            <tr>\n              <th scope="row">${w(heading)}</th>\n              <td>${content}</td>\n            </tr>`;
  const company = notice.responsibleCompany;
  const postal = lang === 'ja' ? `〒${escapeHtml(company.postalCode)} ${t(company.address)}` : `${t(company.address)} ${escapeHtml(company.postalCode)}`;

  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>${t(notice.title)} | ${t(company.name)}</title>
    <link rel="stylesheet" href="joint-use-notice/notice.css" />
    <link rel="alternate" hreflang="${other}" href="?format=html&amp;lang=${other}" />
    <link rel="alternate" type="application/json" href="?format=json" />
  </head>
  <body>
    <div class="page">
      <header>
        <nav class="languages" aria-label="${w('languageNavigation')}">
          <a href="?format=html&amp;lang=${other}" hreflang="${other}" lang="${other}">${w('otherLanguage')}</a>
        </nav>
        <p class="company">${t(company.name)}</p>
        <h1>${t(notice.title)}</h1>
        <p class="introduction">${t(notice.introduction)}</p>
      </header>
      <main>
        <table class="notice">
          <caption>${w('table')}</caption>
          <tbody>
${[
  row('subjects', t(notice.dataSubjects)),
  row('items', `<ul class="items">${notice.sharedItems.map((item) => `<li>${t(item.label)}</li>`).join('')}</ul>`),
  row('jointUsers', `<p>${t(notice.jointUsers.description)}</p>`),
  row(
    'purposes',
    `<ul class="purposes">${notice.purposes
      .map((purpose) => `<li><span class="policy-item">${policyItem(purpose.policyItem, lang)}</span>${t(purpose.wording)} <code>${escapeHtml(purpose.code)}</code></li>`)
      .join('')}</ul>`,
  ),
  row('acquisition', `<p>${t(notice.acquisition.description)}</p>`),
  row('responsible', `<p>${t(company.name)}<br />${postal}<br />${t(company.representative)}</p>`),
  row('inquiries', `<p>${t(company.inquiries)}</p><p>${t(company.name)}<br />${w('email')}: ${mail(company.inquiryEmail)}</p>`),
].join('\n')}
          </tbody>
        </table>
        <section class="requests">
          <h2>${w('requests')}</h2>
          <p>${t(notice.disclosureRequests.description)}</p>
          <p>${t(company.name)}<br />${w('email')}: ${mail(notice.disclosureRequests.email)}</p>
        </section>
      </main>
      <footer>
        <p>${w('revised')}: <time datetime="${escapeHtml(notice.version)}">${revisionDate(notice.version, lang)}</time> · ${w('version')} ${escapeHtml(notice.version)}</p>
        <p>${w('basis')}: ${t(notice.legalBasis)}</p>
        <p class="formats"><a href="?format=json" type="application/json">${w('json')}</a></p>
      </footer>
    </div>
  </body>
</html>
`;
}
