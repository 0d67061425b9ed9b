import type { DeskRoute } from '../../app/desk-route';
import { CompaniesScreen } from './CompaniesScreen';
import { CompanyScreen } from './CompanyScreen';
import { DeskAlertsScreen } from './DeskAlertsScreen';
import { DisclosureScreen } from './DisclosureScreen';
import { NewRequestScreen } from './NewRequestScreen';
import { RequestScreen } from './RequestScreen';
import { RequestsInbox } from './RequestsInbox';
import './privacy.css';

/** The privacy office's screens: data subjects' requests, desk alerts, and the group company register. */
export const PRIVACY_ROUTES: DeskRoute[] = [
  // The inbox has a path of its own below /privacy, so that the menu marks only the part of the section one is in.
  { path: '/privacy/requests', section: 'privacy', nav: { ja: '本人からの請求', en: 'Data subject requests' }, render: () => <RequestsInbox /> },
  { path: '/privacy', section: 'privacy', render: () => <RequestsInbox /> },
  { path: '/privacy/requests/new', section: 'privacy', render: () => <NewRequestScreen /> },
  { path: '/privacy/requests/:id', section: 'privacy', render: (params) => <RequestScreen id={params['id'] ?? ''} /> },
  { path: '/privacy/requests/:id/disclosure', section: 'privacy', render: (params) => <DisclosureScreen id={params['id'] ?? ''} /> },
  { path: '/privacy/alerts', section: 'privacy', nav: { ja: 'デスクへの通知', en: 'Desk alerts' }, render: () => <DeskAlertsScreen /> },
  { path: '/privacy/companies', section: 'privacy', nav: { ja: 'グループ会社台帳', en: 'Group company register' }, render: () => <CompaniesScreen /> },
  { path: '/privacy/companies/:code', section: 'privacy', render: (params) => <CompanyScreen code={params['code'] ?? ''} /> },
];
