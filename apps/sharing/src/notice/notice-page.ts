import type { JointUseNoticeShape, NoticeChangeClass, NoticeText } from '@registry/policy';
import type { RevisionResponse } from './dto/joint-use-notice.response';
import type { ListedCompany } from './joint-users.service';
import type { NoticeLanguage } from './notice-format';

/** What the page shows beside the notice: the list of group companies on the date, and the revision history. */
export interface NoticePageContext {
  on: string;
  companies: readonly ListedCompany[];
  history: readonly RevisionResponse[];
  /** The version shown, which the history marks. */
  inForce: string;
}

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
    companies: 'パソナグループ各社の一覧',
    companiesAsOf: '現在',
    companyName: '会社名',
    companyCode: 'コード',
    relationship: '関係',
    jointUser: '共同利用',
    yes: '共同して利用する者',
    no: '共同して利用する者ではない',
    noCompanies: '登録された会社はありません。',
    companiesAbroad: '日本国外に所在する会社は、共同して利用する者ではないため、一覧に含めていません。',
    history: '改定履歴',
    published: '公表日',
    effective: '施行日',
    changes: '変更の種類',
    shown: '表示中',
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
    companies: 'List of Pasona Group companies',
    companiesAsOf: 'as of',
    companyName: 'Company',
    companyCode: 'Code',
    relationship: 'Relationship',
    jointUser: 'Joint use',
    yes: 'Uses the data jointly',
    no: 'Does not use the data jointly',
    noCompanies: 'No company is registered.',
    companiesAbroad: 'Companies located outside of Japan are not joint users and are not listed.',
    history: 'Revision history',
    published: 'Published',
    effective: 'In force from',
    changes: 'Kind of change',
    shown: 'shown',
  },
};

const CHANGE_WORDS: Record<NoticeLanguage, Record<NoticeChangeClass, string>> = {
  ja: {
    DETAILS: '記載事項・文言の変更',
    PURPOSES: '利用目的の変更',
    RESPONSIBLE_COMPANY: '管理責任者の変更',
    ITEMS_ADDED: '共同利用する項目の追加',
    JOINT_USERS_WIDENED: '共同して利用する者の範囲の拡大',
    SCOPE_NARROWED: '項目または範囲の縮小',
  },
  en: {
    DETAILS: 'Details or wording',
    PURPOSES: 'Purposes of use',
    RESPONSIBLE_COMPANY: 'Responsible company',
    ITEMS_ADDED: 'Items added',
    JOINT_USERS_WIDENED: 'Joint users widened',
    SCOPE_NARROWED: 'Items or joint users narrowed',
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

/** The list of group companies on the date, each marked whether it was a joint user. */
function companyList(notice: JointUseNoticeShape, context: NoticePageContext, lang: NoticeLanguage, w: (key: string) => string): string {
  const relationship = (code: string) => escapeHtml(notice.jointUsers.relationships.find((r) => r.code === code)?.label[lang] ?? code);
  const rows = context.companies
    .map(
      (company) =>
        `<tr><td>${escapeHtml(company.name)}</td><td><code>${escapeHtml(company.code)}</code></td><td>${relationship(company.relationship)}</td>` +
        `<td class="${company.jointUser ? 'joint-user' : 'not-joint-user'}">${w(company.jointUser ? 'yes' : 'no')}</td></tr>`,
    )
    .join('');
  const table = context.companies.length
    ? `<table class="companies"><thead><tr><th scope="col">${w('companyName')}</th><th scope="col">${w('companyCode')}</th><th scope="col">${w('relationship')}</th><th scope="col">${w('jointUser')}</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p>${w('noCompanies')}</p>`;
  const asOf = lang === 'ja' ? `${revisionDate(context.on, lang)}${w('companiesAsOf')}` : `${w('companiesAsOf')} ${revisionDate(context.on, lang)}`;
  return `<p class="list-heading">${w('companies')} (<time datetime="${escapeHtml(context.on)}">${asOf}</time>)</p>${table}<p class="note">${w('companiesAbroad')}</p>`;
}

/** Every published revision: dates, kinds of change and why. */
function revisionHistory(context: NoticePageContext, lang: NoticeLanguage, w: (key: string) => string): string {
  const entries = context.history
    .map((revision) => {
      const changes = revision.changes.map((change) => escapeHtml(CHANGE_WORDS[lang][change])).join(lang === 'ja' ? '、' : ', ');
      const shown = revision.version === context.inForce ? ` <strong>(${w('shown')})</strong>` : '';
      return (
        `<li><p>${w('version')} ${escapeHtml(revision.version)}${shown}: ${w('published')} <time datetime="${escapeHtml(revision.publishedOn)}">${revisionDate(revision.publishedOn, lang)}</time>` +
        ` · ${w('effective')} <time datetime="${escapeHtml(revision.effectiveFrom)}">${revisionDate(revision.effectiveFrom, lang)}</time>` +
        `${changes ? ` · ${w('changes')}: ${changes}` : ''}</p><p>${escapeHtml(revision.summary[lang])}</p></li>`
      );
    })
    .join('');
  return `<section class="history">
          <h2>${w('history')}</h2>
          <ol class="revisions">${entries}</ol>
        </section>`;
}

/** The notice as a printable page in one language, with a link to the other. Every text is escaped. */
export function renderNoticePage(notice: JointUseNoticeShape, lang: NoticeLanguage, context?: NoticePageContext): string {
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
  row(
    'jointUsers',
    `<p>${t(notice.jointUsers.description)}</p>${notice.jointUsers.definition ? `<p>${t(notice.jointUsers.definition)}</p>` : ''}${context ? companyList(notice, context, lang, w) : ''}`,
  ),
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
        ${context ? revisionHistory(context, lang, w) : ''}
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
