import type { ContactsSchemas } from '../../api/clients';
import { acquisitionDtoMethodValues } from '../../api/generated/contacts';

export type AcquisitionMethod = ContactsSchemas['schemas']['AcquisitionDto']['method'];

/** The acquisition methods, in the order of the contacts service's API. */
export const ACQUISITION_METHODS: readonly AcquisitionMethod[] = acquisitionDtoMethodValues;

/** How each acquisition method is named on screen (the joint-use notice's own words for them). */
export const ACQUISITION_METHOD_LABELS: Record<AcquisitionMethod, { ja: string; en: string }> = {
  BUSINESS_CARD: { ja: '名刺交換', en: 'Exchange of business cards' },
  BUSINESS_DISCUSSION: { ja: '商談', en: 'Business discussions' },
  TRANSACTION_APPLICATION: { ja: '取引のお申し込み', en: 'Applications for business transactions' },
  EVENT_APPLICATION: { ja: 'イベント・セミナーへのお申し込み', en: 'Applications for events and seminars' },
  WEB_INQUIRY: { ja: 'ウェブサイトからのお問い合わせ', en: 'Inquiries through the website' },
};

/** Written applications (APPI Art. 21(2)): the API requires the notice of purpose shown to the person. */
export const NOTICE_REQUIRED_FOR: ReadonlySet<AcquisitionMethod> = new Set<AcquisitionMethod>(['WEB_INQUIRY', 'EVENT_APPLICATION', 'TRANSACTION_APPLICATION']);
