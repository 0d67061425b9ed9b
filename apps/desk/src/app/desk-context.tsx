import { createContext, useContext } from 'react';
import type { ApiClients } from '../api/clients';
import type { Session } from '../auth/session';

/** What every signed-in screen may use: who is signed in, the typed API clients, and signing out. */
export interface Desk {
  session: Session;
  api: ApiClients;
  signOut(): void;
}

export const DeskContext = createContext<Desk | null>(null);

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk() is for screens shown to a signed-in person');
  return desk;
}
