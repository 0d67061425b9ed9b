import type { DisclosureBundle } from './disclosure.service';
import type { Refusal } from './refusal-grounds';
import type { DeliveryMethod } from './request-types';

/** How the answer reaches the person, and what of it was refused and why. */
export interface DisclosureAnswer {
  /** ELECTRONIC or PAPER, as the person asked (APPI art. 33(1)); PAPER prints the page for paper. */
  deliveryMethod: DeliveryMethod | null;
  /** The refusal in whole or in part, with its ground and reasons; in whole, the bundle holds none of the person's data. */
  refusal: Refusal | null;
}

export type AnsweredDisclosure = DisclosureBundle & DisclosureAnswer;

/** What the person is told with a refusal: the ground in words, and that they may ask for the reasons (APPI art. 36). */
export const REFUSAL_GROUND_WORDING: Record<Refusal['ground'], { ja: string; en: string }> = {
  RISK_TO_LIFE_OR_RIGHTS: {
    ja: '本人又は第三者の生命、身体、財産その他の権利利益を害するおそれがあるため',
    en: 'It could harm the life, body, property or other rights and interests of you or a third party.',
  },
  SERIOUS_HINDRANCE_TO_BUSINESS: { ja: '当社の業務の適正な実施に著しい支障を及ぼすおそれがあるため', en: 'It could seriously hinder the proper conduct of our business.' },
  VIOLATION_OF_OTHER_LAWS: { ja: '他の法令に違反することとなるため', en: 'It would violate other laws or regulations.' },
  NO_DATA_RETAINED: { ja: '該当する保有個人データがないため', en: 'We hold no retained personal data about you that the request concerns.' },
  IDENTITY_NOT_VERIFIED: { ja: 'ご本人又は代理人であることが確認できなかったため', en: 'We could not verify that the request came from you or your representative.' },
  NOT_WITHIN_GROUNDS: { ja: '法令に定める請求の要件に該当しないため', en: 'The request does not meet the conditions the law sets for it.' },
  ALTERNATIVE_MEASURE_TAKEN: {
    ja: '多額の費用を要する等の理由により困難なため、代わりにご本人の権利利益を保護するための措置をとりました',
    en: 'Doing so would be very costly or difficult; instead we took a measure to protect your rights and interests.',
  },
};

export const REASONS_MAY_BE_EXPLAINED = {
  ja: '理由の説明を求めることができます（個人情報の保護に関する法律第36条）。',
  en: 'You may ask us to explain the reasons (Act on the Protection of Personal Information, art. 36).',
};
