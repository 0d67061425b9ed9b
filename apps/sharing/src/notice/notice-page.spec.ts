import { JOINT_USE_NOTICE, NOTICE_REVISIONS, type JointUseNoticeShape } from '@registry/policy';
import { escapeHtml, NOTICE_PAGE_CONTENT_SECURITY_POLICY, renderNoticePage, type NoticePageContext } from './notice-page';

const CONTEXT: NoticePageContext = {
  on: '2026-11-29',
  inForce: '2026-11-29',
  companies: [
    { code: 'STAFFING-JP', name: 'Pasona Staffing Inc.', country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2010-04-01', leftOn: null, jointUser: true },
    { code: 'OLD-JP', name: 'Former <Member> KK', country: 'JP', relationship: 'EQUITY_METHOD_AFFILIATE', joinedOn: '2010-04-01', leftOn: '2020-03-31', jointUser: false },
  ],
  history: NOTICE_REVISIONS.map(({ version, publishedOn, effectiveFrom, changes, summary }) => ({ version, publishedOn, effectiveFrom, changes: [...changes], summary })),
};

describe('the notice page', () => {
  it.each(['ja', 'en'] as const)('states every item, purpose and contact of the notice in %s', (lang) => {
    const page = renderNoticePage(JOINT_USE_NOTICE, lang);
    expect(page).toContain(`<html lang="${lang}">`);
    for (const item of JOINT_USE_NOTICE.sharedItems) expect(page).toContain(escapeHtml(item.label[lang]));
    for (const purpose of JOINT_USE_NOTICE.purposes) {
      expect(page).toContain(escapeHtml(purpose.wording[lang]));
      expect(page).toContain(`<code>${purpose.code}</code>`);
    }
    expect(page).toContain(escapeHtml(JOINT_USE_NOTICE.jointUsers.description[lang]));
    expect(page).toContain(escapeHtml(JOINT_USE_NOTICE.acquisition.description[lang]));
    expect(page).toContain(escapeHtml(JOINT_USE_NOTICE.responsibleCompany.representative[lang]));
    expect(page).toContain(`href="mailto:${JOINT_USE_NOTICE.responsibleCompany.inquiryEmail}"`);
    expect(page).toContain(`href="mailto:${JOINT_USE_NOTICE.disclosureRequests.email}"`);
    expect(page).toContain(`datetime="${JOINT_USE_NOTICE.version}"`);
  });

  it('numbers the purposes as the policy does, and dates the revision in the reader’s language', () => {
    const first = NOTICE_REVISIONS[0]!.notice;
    const ja = renderNoticePage(first, 'ja');
    const en = renderNoticePage(first, 'en');
    expect(ja).toContain('<span class="policy-item">(3)</span>');
    expect(en).toContain('<span class="policy-item">(vii)</span>');
    expect(ja).toContain('2022年4月1日');
    expect(en).toContain('April 1, 2022');
  });

  it.each(['ja', 'en'] as const)('lists the group companies on the date, each marked joint user or not, and says companies abroad are left out (%s)', (lang) => {
    const page = renderNoticePage(JOINT_USE_NOTICE, lang, CONTEXT);
    expect(page).toContain('<td>Pasona Staffing Inc.</td><td><code>STAFFING-JP</code></td>');
    expect(page).toContain('Former &lt;Member&gt; KK');
    expect(page).toContain(lang === 'ja' ? '<td class="joint-user">共同して利用する者</td>' : '<td class="joint-user">Uses the data jointly</td>');
    expect(page).toContain(lang === 'ja' ? '<td class="not-joint-user">共同して利用する者ではない</td>' : '<td class="not-joint-user">Does not use the data jointly</td>');
    expect(page).toContain(lang === 'ja' ? '日本国外に所在する会社は、共同して利用する者ではないため' : 'Companies located outside of Japan are not joint users and are not listed.');
    expect(page).toContain(escapeHtml(JOINT_USE_NOTICE.jointUsers.definition![lang]));
  });

  it.each(['ja', 'en'] as const)('shows every revision with its dates, kind of change and why (%s)', (lang) => {
    const page = renderNoticePage(JOINT_USE_NOTICE, lang, CONTEXT);
    expect(page).toContain(lang === 'ja' ? '<h2>改定履歴</h2>' : '<h2>Revision history</h2>');
    for (const revision of NOTICE_REVISIONS) {
      expect(page).toContain(`<time datetime="${revision.publishedOn}">`);
      expect(page).toContain(escapeHtml(revision.summary[lang]));
    }
    expect(page).toContain(lang === 'ja' ? '変更の種類: 記載事項・文言の変更' : 'Kind of change: Details or wording');
  });

  it('links to the other language and to the JSON', () => {
    expect(renderNoticePage(JOINT_USE_NOTICE, 'ja')).toContain('<a href="?format=html&amp;lang=en" hreflang="en" lang="en">English</a>');
    expect(renderNoticePage(JOINT_USE_NOTICE, 'en')).toContain('<a href="?format=html&amp;lang=ja" hreflang="ja" lang="ja">日本語</a>');
    expect(renderNoticePage(JOINT_USE_NOTICE, 'en')).toContain('href="?format=json"');
  });

  it('runs no script and styles nothing inline, as its policy demands', () => {
    const page = renderNoticePage(JOINT_USE_NOTICE, 'ja');
    expect(page).not.toMatch(/<script|\son\w+=|<style|\sstyle=/i);
    expect(page).toContain('<link rel="stylesheet" href="joint-use-notice/notice.css" />');
    expect(NOTICE_PAGE_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(NOTICE_PAGE_CONTENT_SECURITY_POLICY).toContain("style-src 'self'");
    expect(NOTICE_PAGE_CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('escapes whatever the notice says', () => {
    const hostile: JointUseNoticeShape = {
      ...JOINT_USE_NOTICE,
      title: { ja: '<script>alert(1)</script>', en: '"><img src=x onerror=alert(1)>' },
      responsibleCompany: { ...JOINT_USE_NOTICE.responsibleCompany, inquiryEmail: 'a"onmouseover="x@example.com' },
    };
    for (const lang of ['ja', 'en'] as const) {
      const page = renderNoticePage(hostile, lang);
      expect(page).not.toContain('<script>');
      expect(page).not.toContain('<img');
      expect(page).not.toContain('"onmouseover="');
    }
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
