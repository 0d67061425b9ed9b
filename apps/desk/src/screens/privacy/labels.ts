// Japanese and English words for the codes the contacts service uses in data subjects' requests.
import type { ContactsSchemas } from '../../api/clients';

type Schemas = ContactsSchemas['schemas'];
export type RequestType = Schemas['OpenSubjectRequestDto']['type'];
export type RefusalGround = Schemas['RefusalDto']['ground'];
export type IdentityDocument = Schemas['IdentityCheckDto']['document'];
export type RequestResult = NonNullable<Schemas['CloseRequestDto']['result']>;
export type DeliveryMethod = NonNullable<Schemas['OpenSubjectRequestDto']['deliveryMethod']>;

export interface Words {
  ja: string;
  en: string;
}

export const REQUEST_TYPES: Record<RequestType, Words> = {
  NOTIFICATION_OF_PURPOSE: { ja: '利用目的の通知', en: 'Notification of purpose' },
  DISCLOSURE: { ja: '開示', en: 'Disclosure' },
  DISCLOSURE_OF_PROVISION_RECORD: { ja: '第三者提供記録の開示', en: 'Disclosure of the record of provision' },
  CORRECTION: { ja: '訂正・追加・削除', en: 'Correction' },
  SUSPENSION_OF_USE: { ja: '利用停止', en: 'Suspension of use' },
  SUSPENSION_OF_PROVISION: { ja: '第三者提供の停止', en: 'Suspension of provision' },
  ERASURE: { ja: '消去', en: 'Erasure' },
  COMPLAINT: { ja: '苦情', en: 'Complaint' },
  CONSULTATION: { ja: '相談', en: 'Consultation' },
};

export const REFUSAL_GROUNDS: Record<RefusalGround, Words> = {
  RISK_TO_LIFE_OR_RIGHTS: { ja: '本人又は第三者の生命・身体・財産その他の権利利益を害するおそれ', en: 'Risk to the life, body, property or rights of the person or a third party' },
  SERIOUS_HINDRANCE_TO_BUSINESS: { ja: '業務の適正な実施に著しい支障を及ぼすおそれ', en: 'Risk of seriously hindering the business' },
  VIOLATION_OF_OTHER_LAWS: { ja: '他の法令に違反することとなる場合', en: 'Would violate other laws' },
  NO_DATA_RETAINED: { ja: '保有個人データが存在しない', en: 'No data is held about the person' },
  IDENTITY_NOT_VERIFIED: { ja: '本人確認ができない', en: 'Identity could not be verified' },
  NOT_WITHIN_GROUNDS: { ja: '請求の要件を満たさない', en: 'The request lacks its legal grounds' },
  ALTERNATIVE_MEASURE_TAKEN: { ja: '代替措置を講じた', en: 'An alternative measure was taken' },
};

/** The grounds each type of request may be refused on (the service refuses any other with 422). */
export function groundsFor(type: RequestType): RefusalGround[] {
  const personal: RefusalGround[] = ['NO_DATA_RETAINED', 'IDENTITY_NOT_VERIFIED'];
  switch (type) {
    case 'NOTIFICATION_OF_PURPOSE':
    case 'DISCLOSURE':
    case 'DISCLOSURE_OF_PROVISION_RECORD':
      return ['RISK_TO_LIFE_OR_RIGHTS', 'SERIOUS_HINDRANCE_TO_BUSINESS', 'VIOLATION_OF_OTHER_LAWS', ...personal];
    case 'CORRECTION':
      return ['VIOLATION_OF_OTHER_LAWS', ...personal, 'NOT_WITHIN_GROUNDS'];
    case 'SUSPENSION_OF_USE':
    case 'SUSPENSION_OF_PROVISION':
    case 'ERASURE':
      return [...personal, 'NOT_WITHIN_GROUNDS', 'ALTERNATIVE_MEASURE_TAKEN'];
    default:
      return [];
  }
}

export const IDENTITY_DOCUMENTS: Record<IdentityDocument, Words> = {
  DRIVERS_LICENSE: { ja: '運転免許証', en: "Driver's licence" },
  PASSPORT: { ja: 'パスポート', en: 'Passport' },
  MY_NUMBER_CARD: { ja: 'マイナンバーカード（番号は記録しない）', en: 'My Number card (its number is never recorded)' },
  RESIDENCE_CARD: { ja: '在留カード', en: 'Residence card' },
  HEALTH_INSURANCE_CARD: { ja: '健康保険証', en: 'Health insurance card' },
  OTHER: { ja: 'その他', en: 'Other' },
};

export const RESULTS: Record<RequestResult, Words> = {
  ANSWERED: { ja: '回答済み', en: 'Answered' },
  REFUSED: { ja: '全部不開示・拒否', en: 'Refused' },
  PARTIALLY_REFUSED: { ja: '一部拒否', en: 'Partially refused' },
};

export const DELIVERY_METHODS: Record<DeliveryMethod, Words> = {
  ELECTRONIC: { ja: '電磁的記録', en: 'Electronic' },
  PAPER: { ja: '書面', en: 'Paper' },
};

export const STEPS: Record<string, Words> = {
  OPENED: { ja: '受付', en: 'Opened' },
  MATCHED: { ja: '照合', en: 'Matched' },
  CONFIRMED: { ja: '本人確認', en: 'Confirmed' },
  REFUSED: { ja: '拒否', en: 'Refused' },
  DISCLOSED: { ja: '開示', en: 'Disclosed' },
  CORRECTED: { ja: '訂正', en: 'Corrected' },
  SUSPENDED: { ja: '利用停止', en: 'Suspended' },
  SUSPENSION_LIFTED: { ja: '利用停止の解除', en: 'Suspension lifted' },
  ERASED: { ja: '消去', en: 'Erased' },
  RESPONDED: { ja: '回答', en: 'Responded' },
  CLOSED: { ja: '完了', en: 'Closed' },
};

export const words = (table: Record<string, Words>, code: string | null | undefined): string => {
  if (!code) return '—';
  const found = table[code];
  return found ? `${found.ja} · ${found.en}` : code;
};

/** Whether a type of request is about a person's data (complaints and consultations need no person). */
export const isAboutPerson = (type: RequestType) => type !== 'COMPLAINT' && type !== 'CONSULTATION';
export const needsDeliveryMethod = (type: RequestType) => type === 'DISCLOSURE' || type === 'DISCLOSURE_OF_PROVISION_RECORD';
