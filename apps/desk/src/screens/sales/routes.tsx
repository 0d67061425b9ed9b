import type { DeskRoute } from '../../app/desk-route';
import { ContactListScreen } from './ContactListScreen';

/** The sales staff's screens. */
export const SALES_ROUTES: DeskRoute[] = [
  { path: '/sales/contacts', section: 'sales', nav: { ja: '自社の連絡先', en: "Our company's contacts" }, render: () => <ContactListScreen /> },
];
