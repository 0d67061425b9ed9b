import { useEffect, useRef } from 'react';
import { Bi } from '../../app/Bilingual';

/** Signed out: one button to the identity provider, and why the person is here if there is a reason. */
export function SignInScreen({ onSignIn, notice, error, busy }: { onSignIn(): void; notice?: string; error?: string; busy: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = 'サインイン · Sign in — 連絡先デスク';
    heading.current?.focus();
  }, []);
  return (
    <main id="main" className="sign-in-page">
      <div className="card sign-in-card">
        <h1 ref={heading} tabIndex={-1}>
          <span lang="ja">連絡先デスク</span> <span lang="en">Contacts desk</span>
        </h1>
        <p>
          <Bi ja="グループの名刺・連絡先を登録し、共同利用の記録を確認します。" en="Register the group's business contacts and review their joint use." />
        </p>
        {notice ? (
          <p className="message info" role="status" id="sign-in-notice">
            {notice}
          </p>
        ) : null}
        {error ? (
          <p className="message error" role="alert" id="sign-in-error">
            {error}
          </p>
        ) : null}
        <button type="button" className="primary" id="sign-in" onClick={onSignIn} disabled={busy}>
          <Bi ja="サインイン" en="Sign in" />
        </button>
        <p className="hint">
          <Bi ja="組織のアカウントでサインインします。" en="You sign in with your organization's account." />
        </p>
      </div>
    </main>
  );
}
