import './admin.css';
import type { DeskRoute } from '../../app/desk-route';
import { AccessSearchScreen } from './AccessSearchScreen';
import { AdministratorHome } from './AdministratorHome';
import { AlertsScreen } from './AlertsScreen';
import { ChainStatusScreen } from './ChainStatusScreen';
import { CompanySummaryScreen } from './CompanySummaryScreen';
import { RecordOfProvisionScreen } from './RecordOfProvisionScreen';

/** The administrator's screens (the group company register, the audit trail). */
export const ADMIN_ROUTES: DeskRoute[] = [
  { path: '/admin', section: 'admin', nav: { ja: '監査とグループ会社', en: 'Audit and group companies' }, render: () => <AdministratorHome /> },
  { path: '/admin/accesses', section: 'admin', nav: { ja: 'アクセスの記録', en: 'Access records' }, render: () => <AccessSearchScreen /> },
  { path: '/admin/provision', section: 'admin', nav: { ja: '提供の記録', en: 'Record of provision' }, render: () => <RecordOfProvisionScreen /> },
  { path: '/admin/provision/:contactId', section: 'admin', render: (params) => <RecordOfProvisionScreen contactId={params['contactId']} /> },
  { path: '/admin/chain', section: 'admin', nav: { ja: '監査チェーン', en: 'Audit chains' }, render: () => <ChainStatusScreen /> },
  { path: '/admin/alerts', section: 'admin', nav: { ja: 'アラート', en: 'Alerts' }, render: () => <AlertsScreen /> },
  { path: '/admin/summary', section: 'admin', nav: { ja: '会社別の集計', en: 'Company summary' }, render: () => <CompanySummaryScreen /> },
];
