import type { ContactsSchemas } from '../../api/clients';
import type { AcquisitionMethod } from './acquisition-methods';
import { NOTICE_REQUIRED_FOR } from './acquisition-methods';

export type RegisterContactBody = ContactsSchemas['schemas']['RegisterContactDto'];
type Prefecture = ContactsSchemas['schemas']['PostalAddressDto']['prefecture'];

/** The registration form as typed: every field text, as the person left it. */
export interface RegistrationForm {
  fullName: string;
  kana: string;
  organizationName: string;
  department: string;
  title: string;
  email: string;
  phone: string;
  fax: string;
  postalCode: string;
  prefecture: string;
  city: string;
  street: string;
  method: AcquisitionMethod;
  acquiredOn: string;
  /** For business cards and discussions the notice is optional: recorded only when the person asks to. */
  recordNotice: boolean;
  purposesShown: string;
  jointUseNotified: '' | 'yes' | 'no';
  noticeWording: string;
  memo: string;
}

export const emptyRegistrationForm = (acquiredOn: string): RegistrationForm => ({
  fullName: '',
  kana: '',
  organizationName: '',
  department: '',
  title: '',
  email: '',
  phone: '',
  fax: '',
  postalCode: '',
  prefecture: '',
  city: '',
  street: '',
  method: 'BUSINESS_CARD',
  acquiredOn,
  recordNotice: false,
  purposesShown: '',
  jointUseNotified: '',
  noticeWording: '',
  memo: '',
});

export const noticeAskedFor = (form: RegistrationForm) => NOTICE_REQUIRED_FOR.has(form.method) || form.recordNotice;

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/**
 * The request body: empty optional fields left out, the address only when any part of it is given, the notice of purpose
 * when the method requires it or the person chose to record it. Required fields go as typed (even empty), so that the
 * API's own message names what is missing.
 */
export function registrationBody(form: RegistrationForm): RegisterContactBody {
  const addressGiven = [form.postalCode, form.prefecture, form.city, form.street].some((part) => part.trim());
  const purposes = form.purposesShown
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const body: RegisterContactBody = {
    name: { full: form.fullName.trim(), kana: optional(form.kana) },
    organizationName: form.organizationName.trim(),
    department: optional(form.department),
    title: optional(form.title),
    email: optional(form.email),
    phone: optional(form.phone),
    fax: optional(form.fax),
    address: addressGiven
      ? // The prefecture comes from the list of the API's own values; an empty one is sent for the API to name.
        { postalCode: form.postalCode.trim(), prefecture: form.prefecture.trim() as Prefecture, city: form.city.trim(), street: optional(form.street) }
      : undefined,
    acquisition: {
      method: form.method,
      acquiredOn: form.acquiredOn,
      noticeOfPurpose: noticeAskedFor(form)
        ? ({
            purposesShown: purposes,
            // Left unanswered, it is sent as missing: the API says it is required.
            jointUseNotified: form.jointUseNotified === '' ? undefined : form.jointUseNotified === 'yes',
            wording: optional(form.noticeWording),
          } as RegisterContactBody['acquisition']['noticeOfPurpose'])
        : undefined,
    },
    memo: optional(form.memo),
  };
  return JSON.parse(JSON.stringify(body)) as RegisterContactBody;
}

/** Which form control shows the API's problem for a field path (e.g. `acquisition.noticeOfPurpose.purposesShown`). */
export const FIELD_CONTROLS: Record<string, string> = {
  'name.full': 'reg-full-name',
  'name.kana': 'reg-kana',
  name: 'reg-full-name',
  organizationName: 'reg-organization',
  department: 'reg-department',
  title: 'reg-title',
  email: 'reg-email',
  phone: 'reg-phone',
  fax: 'reg-fax',
  address: 'reg-postal-code',
  'address.postalCode': 'reg-postal-code',
  'address.prefecture': 'reg-prefecture',
  'address.city': 'reg-city',
  'address.street': 'reg-street',
  'acquisition.method': 'reg-method',
  'acquisition.acquiredOn': 'reg-acquired-on',
  'acquisition.noticeOfPurpose': 'reg-purposes',
  'acquisition.noticeOfPurpose.purposesShown': 'reg-purposes',
  'acquisition.noticeOfPurpose.jointUseNotified': 'reg-joint-use-yes',
  'acquisition.noticeOfPurpose.wording': 'reg-notice-wording',
  memo: 'reg-memo',
};

/** The control for a field path: its own, or its nearest parent's (`acquisition.noticeOfPurpose.purposesShown.0` → purposes). */
export function controlFor(field: string): string | undefined {
  for (let path = field; path; path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '') {
    const control = FIELD_CONTROLS[path];
    if (control) return control;
  }
  return undefined;
}
