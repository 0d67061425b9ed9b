import type { DeskRoute } from '../../app/desk-route';
import { AdministratorHome } from './AdministratorHome';

/** The administrator's screens (the group company register, the audit trail). */
export const ADMIN_ROUTES: DeskRoute[] = [
  { path: '/admin', section: 'admin', nav: { ja: '監査とグループ会社', en: 'Audit and group companies' }, render: () => <AdministratorHome /> },
];
