import { decodeJwtClaims, type DeskRole } from './jwt-claims';

/** Who is signed in at the desk, held in this tab only (sessionStorage): closing the tab signs out. */
export interface Session {
  accessToken: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  subject: string;
  name: string;
  role: DeskRole;
  companyCode: string;
}

const KEY = 'desk.session';
/** A token this close to its end is treated as ended: a request sent with it could arrive too late. */
export const EXPIRY_MARGIN_MS = 30_000;

export function sessionFromTokens(accessToken: string, idToken: { name?: string; sub: string }): Session {
  const claims = decodeJwtClaims(accessToken);
  const role = claims.registry_role;
  if (role !== 'sales' && role !== 'admin' && role !== 'company') throw new Error(`The token names no desk role (${String(role)})`);
  return {
    accessToken,
    expiresAt: claims.exp * 1000,
    subject: claims.sub,
    name: idToken.name ?? claims.sub,
    role,
    companyCode: claims.registry_company ?? '',
  };
}

export function isExpired(session: Session, now = Date.now()): boolean {
  return now >= session.expiresAt - EXPIRY_MARGIN_MS;
}

/** The tab's session; 'ended' when the tab held one that has ended since (it is forgotten), so the desk can say so. */
export function loadSession(storage: Storage, now = Date.now()): Session | 'ended' | null {
  const raw = storage.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    if (typeof session.accessToken !== 'string' || typeof session.expiresAt !== 'number') {
      storage.removeItem(KEY);
      return null;
    }
    if (isExpired(session, now)) {
      storage.removeItem(KEY);
      return 'ended';
    }
    return session;
  } catch {
    storage.removeItem(KEY);
    return null;
  }
}

export function saveSession(storage: Storage, session: Session): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage): void {
  storage.removeItem(KEY);
}
