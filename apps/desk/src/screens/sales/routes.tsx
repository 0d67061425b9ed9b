import type { DeskRoute } from '../../app/desk-route';
import { ContactListScreen } from './ContactListScreen';
import { ContactScreen } from './ContactScreen';
import { RegisterContactScreen } from './RegisterContactScreen';

/** The sales staff's screens. */
export const SALES_ROUTES: DeskRoute[] = [
  { path: '/sales/contacts', section: 'sales', nav: { ja: '自社の連絡先', en: "Our company's contacts" }, render: () => <ContactListScreen /> },
  { path: '/sales/register', section: 'sales', nav: { ja: '連絡先の登録', en: 'Register a contact' }, render: () => <RegisterContactScreen /> },
  { path: '/sales/contacts/:id', section: 'sales', render: (params) => <ContactScreen id={params['id'] ?? ''} /> },
];
