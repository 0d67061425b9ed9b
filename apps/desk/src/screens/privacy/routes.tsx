import type { DeskRoute } from '../../app/desk-route';
import { PrivacyOfficeHome } from './PrivacyOfficeHome';

/** The privacy office's screens (data subjects' requests). */
export const PRIVACY_ROUTES: DeskRoute[] = [
  { path: '/privacy', section: 'privacy', nav: { ja: '本人からの請求', en: 'Data subject requests' }, render: () => <PrivacyOfficeHome /> },
];
