import type { ReactNode } from 'react';
import { Bi } from './Bilingual';
import { ROUTES } from './routes';
import { sectionsFor } from './desk-route';
import { Link } from './Link';
import type { Session } from '../auth/session';

const ROLE_LABELS: Record<string, { ja: string; en: string }> = {
  sales: { ja: '営業担当', en: 'Sales staff' },
  admin: { ja: '管理者・個人情報保護室', en: 'Administrator / privacy office' },
  company: { ja: 'グループ会社', en: 'Group company' },
};

/** The frame of every signed-in screen: the banner with who is signed in, the navigation by section, the main area. */
export function Layout({ session, path, onSignOut, children }: { session: Session; path: string; onSignOut(): void; children: ReactNode }) {
  const role = ROLE_LABELS[session.role] ?? { ja: session.role, en: session.role };
  return (
    <>
      <a className="skip-link" href="#main">
        <Bi ja="本文へ移動" en="Skip to main content" />
      </a>
      <header className="masthead">
        <div className="masthead-inner">
          <div>
            <p className="product">
              <span lang="ja">連絡先デスク</span> <span lang="en">Contacts desk</span>
            </p>
            <p className="subtitle">
              <Bi ja="グループ共同利用 名刺・連絡先登録" en="Joint-use business-contact registry" />
            </p>
          </div>
          <div className="signed-in" aria-label="Signed in / サインイン中">
            <p id="signed-in-as">
              <strong>{session.name}</strong> <span className="muted-on-dark">({session.subject})</span>
              <br />
              <Bi ja={role.ja} en={role.en} /> · {session.companyCode}
            </p>
            <button type="button" id="sign-out" onClick={onSignOut}>
              <Bi ja="サインアウト" en="Sign out" />
            </button>
          </div>
        </div>
      </header>
      <div className="frame">
        <nav className="sections" aria-label="Desk menu / メニュー">
          {sectionsFor(session.role).map((section) => (
            <section key={section.id} className="nav-section" aria-labelledby={`nav-${section.id}`}>
              <h2 id={`nav-${section.id}`}>
                <Bi ja={section.ja} en={section.en} />
              </h2>
              <ul>
                {ROUTES.filter((route) => route.section === section.id && route.nav).map((route) => (
                  <li key={route.path}>
                    <Link to={route.path} aria-current={path === route.path || path.startsWith(`${route.path}/`) ? 'page' : undefined}>
                      <Bi ja={route.nav?.ja ?? ''} en={route.nav?.en ?? ''} />
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </nav>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
}
