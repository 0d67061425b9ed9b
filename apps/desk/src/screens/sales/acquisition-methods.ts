import type { ContactsSchemas } from '../../api/clients';

export type AcquisitionMethod = ContactsSchemas['schemas']['AcquisitionDto']['method'];

/** How each acquisition method is named on screen (the joint-use notice's own words for them). */
export const ACQUISITION_METHOD_LABELS: Record<AcquisitionMethod, { ja: string; en: string }> = {
  BUSINESS_CARD: { ja: '名刺交換', en: 'Exchange of business cards' },
  BUSINESS_DISCUSSION: { ja: '商談', en: 'Business discussions' },
  TRANSACTION_APPLICATION: { ja: '取引のお申し込み', en: 'Applications for business transactions' },
  EVENT_APPLICATION: { ja: 'イベント・セミナーへのお申し込み', en: 'Applications for events and seminars' },
  WEB_INQUIRY: { ja: 'ウェブサイトからのお問い合わせ', en: 'Inquiries through the website' },
};

export const ACQUISITION_METHODS = Object.keys(ACQUISITION_METHOD_LABELS) as AcquisitionMethod[];
