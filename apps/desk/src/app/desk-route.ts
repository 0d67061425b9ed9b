import type { ReactElement } from 'react';
import type { DeskRole } from '../auth/jwt-claims';

export type SectionId = 'sales' | 'privacy' | 'admin';

/** A part of the desk for one group of users, shown in the navigation to the roles it names. */
export interface Section {
  id: SectionId;
  ja: string;
  en: string;
  roles: DeskRole[];
}

/** The sales staff; the privacy office and the administrator (both hold the role admin). */
export const SECTIONS: Section[] = [
  { id: 'sales', ja: '営業', en: 'Sales', roles: ['sales'] },
  { id: 'privacy', ja: '個人情報保護室', en: 'Privacy office', roles: ['admin'] },
  { id: 'admin', ja: '管理者', en: 'Administrator', roles: ['admin'] },
];

/** One screen: its path (with :params), its section, its navigation label if it has one, and what it renders. */
export interface DeskRoute {
  path: string;
  section: SectionId;
  /** Shown in the navigation under its section; screens reached from another screen have none. */
  nav?: { ja: string; en: string };
  render(params: Record<string, string>): ReactElement;
}

export const sectionsFor = (role: DeskRole) => SECTIONS.filter((section) => section.roles.includes(role));
