import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createApiClients } from '../api/clients';
import { authorizationUrl, completeSignIn, type DeskConfig } from '../auth/oidc';
import { clearSession, EXPIRY_MARGIN_MS, loadSession, saveSession, type Session } from '../auth/session';
import { SignInScreen } from '../screens/common/SignInScreen';
import { Bi } from './Bilingual';
import { DeskContext, type Desk } from './desk-context';
import { Layout } from './Layout';
import { navigate, useLocation } from './router';
import { homeFor, routeFor } from './routes';
import { Screen } from './Screen';

const SESSION_ENDED = 'サインインの有効期限が切れました。もう一度サインインしてください。 Your session has ended: sign in again.';
const SIGNED_OUT = 'サインアウトしました。 You have signed out.';

export function App() {
  const { path } = useLocation();
  const [config, setConfig] = useState<DeskConfig | null>(null);
  const [stored] = useState(() => loadSession(sessionStorage));
  const [session, setSession] = useState<Session | null>(stored === 'ended' ? null : stored);
  const [notice, setNotice] = useState<string | undefined>(stored === 'ended' ? SESSION_ENDED : undefined);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const completing = useRef(false);
  const sessionRef = useRef(session);
  sessionRef.current = session;

  useEffect(() => {
    fetch('/desk-config.json')
      .then((response) => (response.ok ? (response.json() as Promise<DeskConfig>) : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then(setConfig)
      .catch((reason: unknown) => setError(`The desk could not read its sign-in settings (${String(reason)}). Reload the page to try again.`));
  }, []);

  const endSession = useCallback((message: string) => {
    clearSession(sessionStorage);
    setSession(null);
    setNotice(message);
  }, []);

  // Back to sign-in when the token ends, before a request would be refused with it.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(() => endSession(SESSION_ENDED), Math.max(0, session.expiresAt - EXPIRY_MARGIN_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [session, endSession]);

  // The identity provider's answer.
  useEffect(() => {
    if (!config || path !== '/auth/callback' || completing.current) return;
    completing.current = true;
    setBusy(true);
    completeSignIn(config, new URL(window.location.href), sessionStorage)
      .then(({ session: signedIn, returnTo }) => {
        saveSession(sessionStorage, signedIn);
        setSession(signedIn);
        setNotice(undefined);
        setError(undefined);
        navigate(returnTo && returnTo !== '/' ? returnTo : homeFor(signedIn.role), { replace: true });
      })
      .catch((reason: unknown) => {
        setError(reason instanceof Error ? reason.message : String(reason));
        navigate('/', { replace: true });
      })
      .finally(() => {
        completing.current = false;
        setBusy(false);
      });
  }, [config, path]);

  const api = useMemo(() => createApiClients(() => sessionRef.current?.accessToken ?? null, () => endSession(SESSION_ENDED)), [endSession]);

  const signIn = useCallback(async () => {
    if (!config) return;
    setBusy(true);
    const returnTo = path === '/auth/callback' ? '/' : `${path}${window.location.search}`;
    window.location.assign(await authorizationUrl(config, window.location.origin, returnTo, sessionStorage));
  }, [config, path]);

  const desk = useMemo<Desk | null>(
    () => (session ? { session, api, signOut: () => endSession(SIGNED_OUT) } : null),
    [session, api, endSession],
  );

  useEffect(() => {
    if (desk && path === '/') navigate(homeFor(desk.session.role), { replace: true });
  }, [desk, path]);

  if (!desk || path === '/auth/callback') {
    return <SignInScreen onSignIn={() => void signIn()} notice={notice} error={error} busy={busy || !config || path === '/auth/callback'} />;
  }
  if (path === '/') return null;
  const found = routeFor(path, desk.session.role);
  return (
    <DeskContext.Provider value={desk}>
      <Layout session={desk.session} path={path} onSignOut={desk.signOut}>
        {found === null ? (
          <Screen titleJa="ページが見つかりません" titleEn="Page not found">
            <p>
              <Bi ja="このアドレスの画面はありません。メニューから選んでください。" en="No screen has this address: choose one from the menu." />
            </p>
          </Screen>
        ) : found === 'forbidden' ? (
          <Screen titleJa="この画面は使えません" titleEn="Not available to you">
            <p>
              <Bi ja="この画面はあなたの役割では使えません。" en="This screen is for another role than yours." />
            </p>
          </Screen>
        ) : (
          found.route.render(found.params)
        )}
      </Layout>
    </DeskContext.Provider>
  );
}
