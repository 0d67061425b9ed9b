/** One statement of the notice, in the two languages it is published in. */
export interface NoticeText {
  readonly ja: string;
  readonly en: string;
}

/** The shape every revision of the notice keeps; `NOTICE_REVISIONS` below lists them all. */
export interface JointUseNoticeShape {
  readonly version: string;
  readonly title: NoticeText;
  readonly introduction: NoticeText;
  readonly legalBasis: NoticeText;
  readonly dataSubjects: NoticeText;
  readonly sharedItems: readonly { readonly key: string; readonly label: NoticeText }[];
  readonly jointUsers: {
    readonly description: NoticeText;
    /** What "Pasona Group companies" means for joint use; absent from the first revision, which said it inside `description`. */
    readonly definition?: NoticeText;
    readonly relationships: readonly { readonly code: string; readonly label: NoticeText }[];
    /** ISO 3166-1 alpha-2: only group companies located in this country use the data jointly. */
    readonly country: string;
  };
  readonly purposes: readonly { readonly code: string; readonly policyItem: number; readonly wording: NoticeText }[];
  readonly acquisition: {
    readonly description: NoticeText;
    readonly methods: readonly { readonly code: string; readonly label: NoticeText }[];
  };
  readonly responsibleCompany: {
    readonly name: NoticeText;
    readonly postalCode: string;
    readonly address: NoticeText;
    readonly representative: NoticeText;
    readonly inquiries: NoticeText;
    readonly inquiryEmail: string;
  };
  readonly disclosureRequests: {
    readonly description: NoticeText;
    readonly email: string;
  };
}

/** Revision dates, YYYY-MM-DD: what `version` holds (the date the revision took effect), and what access and provision events carry. */
export const NOTICE_VERSION_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const nested of Object.values(value)) deepFreeze(nested);
    Object.freeze(value);
  }
  return value;
}

/**
 * Revision 1 of the group's joint-use notice (privacy policy, section 5; APPI Art. 27(5)(iii)), as published
 * on April 1, 2022. Kept word for word: contacts acquired under it were told exactly this.
 */
const NOTICE_2022_04_01 = deepFreeze({
  version: '2022-04-01',
  title: { ja: '個人データの共同利用について', en: 'Joint use of personal data' },
  introduction: {
    ja: '当社およびパソナグループ各社は、総合的なサービスをご提供するため、お取引先等の役員・従業員の方に関する個人データを、以下のとおり共同して利用いたします。',
    en: 'In order to provide comprehensive services, the Company and Pasona Group companies jointly use personal data on executives and employees of business partners as follows.',
  },
  legalBasis: {
    ja: '個人情報の保護に関する法律 第27条第5項第3号',
    en: 'Act on the Protection of Personal Information, Article 27, Paragraph 5, Item 3',
  },
  dataSubjects: {
    ja: 'お取引先等(見込み客を含みます)の役員・従業員の方に関する情報',
    en: 'Information on executives and employees of business partners, etc. (including prospective customers)',
  },
  sharedItems: [
    { key: 'name', label: { ja: '氏名', en: 'Name' } },
    { key: 'organizationName', label: { ja: '所属する組織の名称', en: 'Name of organization' } },
    { key: 'address', label: { ja: '住所', en: 'Address' } },
    { key: 'department', label: { ja: '部署名', en: 'Department' } },
    { key: 'title', label: { ja: '役職', en: 'Title' } },
    { key: 'email', label: { ja: 'メールアドレス', en: 'E-mail address' } },
    { key: 'phone', label: { ja: '電話番号', en: 'Telephone number' } },
    { key: 'fax', label: { ja: 'FAX番号', en: 'Fax number' } },
    { key: 'transactionHistory', label: { ja: '取引履歴', en: 'Transaction history' } },
  ],
  jointUsers: {
    description: {
      ja: '当社およびパソナグループ各社(当社の連結子会社および持分法適用関連会社をいいます)。ただし、日本国外に所在する会社を除きます。',
      en: 'The Company and Pasona Group companies (meaning its consolidated subsidiaries and equity-method affiliates); however, companies located outside of Japan are excluded.',
    },
    relationships: [
      { code: 'HOLDING', label: { ja: '当社(持株会社)', en: 'The Company (the holding company)' } },
      { code: 'CONSOLIDATED_SUBSIDIARY', label: { ja: '連結子会社', en: 'Consolidated subsidiaries' } },
      { code: 'EQUITY_METHOD_AFFILIATE', label: { ja: '持分法適用関連会社', en: 'Equity-method affiliates' } },
    ],
    country: 'JP',
  },
  purposes: [
    {
      code: 'PRODUCT_INFO',
      policyItem: 3,
      wording: {
        ja: '当社およびパソナグループ各社の商品・サービスに関する情報、ご提案、資料のご提供、ならびにお問い合わせへの回答のため(商品・サービスを提供するパソナグループ各社へのお問い合わせの連絡・転送を含みます)',
        en: 'To provide information, proposals, materials, and responses to inquiries regarding the products and services of the Company and Pasona Group companies (including the communication and transfer of inquiries to Pasona Group companies that provide the products and services)',
      },
    },
    {
      code: 'EVENTS_SEMINARS',
      policyItem: 4,
      wording: {
        ja: '当社およびパソナグループ各社が主催または協賛するイベント・セミナーのご案内のため',
        en: 'To provide information on events and seminars held or sponsored by the Company and Pasona Group companies',
      },
    },
    {
      code: 'MARKETING',
      policyItem: 5,
      wording: {
        ja: '当社およびパソナグループ各社の事業活動に関するマーケティング活動、コンテンツ・広告の配信、およびアンケートへのご協力をお願いするため',
        en: 'To ask for cooperation in marketing activities, distribution of content and advertising, and surveys related to the business activities of the Company and Pasona Group companies',
      },
    },
    {
      code: 'PRODUCT_DEVELOPMENT',
      policyItem: 6,
      wording: {
        ja: '当社およびパソナグループ各社が提供する新たな商品・サービスの開発、今後のサービス向上を目的とした利用動向やニーズの分析、およびその分析結果に基づくサービスのご提案のため',
        en: 'To develop new products and services offered by the Company and Pasona Group companies, analyze usage trends and needs with the aim of improving future services, and propose services based on the results of such analysis',
      },
    },
    {
      code: 'STATISTICS',
      policyItem: 7,
      wording: {
        ja: '当社およびパソナグループ各社の事業活動に関する統計データ(特定の個人を識別できないもの)を作成するため',
        en: 'To prepare statistical data relating to the business activities of the Company and Pasona Group companies, in a form that identifies no individual',
      },
    },
  ],
  acquisition: {
    description: {
      ja: '名刺交換、商談、取引のお申し込み、イベント・セミナーへのお申し込み、ウェブサイトからの商品・サービスに関するお問い合わせ等を通じて取得した情報を、パソナグループ各社が共同で利用するシステムにより共有します。',
      en: 'Information acquired through the exchange of business cards, business discussions, applications for business transactions, applications for events and seminars, inquiries regarding products and services through the website, etc., will be shared through a system in which Pasona Group companies will jointly use such information.',
    },
    methods: [
      { code: 'BUSINESS_CARD', label: { ja: '名刺交換', en: 'Exchange of business cards' } },
      { code: 'BUSINESS_DISCUSSION', label: { ja: '商談', en: 'Business discussions' } },
      { code: 'TRANSACTION_APPLICATION', label: { ja: '取引のお申し込み', en: 'Applications for business transactions' } },
      { code: 'EVENT_APPLICATION', label: { ja: 'イベント・セミナーへのお申し込み', en: 'Applications for events and seminars' } },
      { code: 'WEB_INQUIRY', label: { ja: 'ウェブサイトからのお問い合わせ', en: 'Inquiries through the website' } },
    ],
  },
  responsibleCompany: {
    name: { ja: 'パソナグループ株式会社', en: 'Pasona Group Inc.' },
    postalCode: '107-8351',
    address: { ja: '東京都港区南青山三丁目1番30号', en: '3-1-30 Minami-Aoyama, Minato-ku, Tokyo, Japan' },
    representative: { ja: '代表取締役社長 グループCEO 南部 靖之', en: 'Yasuyuki Nambu, Group CEO and President' },
    inquiries: {
      ja: 'パソナグループのお取引先の役員・従業員の方に関する情報の共同利用についてのお問い合わせは、下記までご連絡ください。',
      en: "Please contact the following for inquiries regarding the joint use of information on executives and employees of Pasona Group's business partners.",
    },
    inquiryEmail: 'info_biz@pasonagroup.co.jp',
  },
  // Policy section 9: requests go to the contact of section 11.
  disclosureRequests: {
    description: {
      ja: '保有個人データおよび第三者提供記録について、利用目的の通知、開示、内容の訂正・追加・削除、利用停止、消去および第三者提供の停止をご請求いただけます。ご請求は、原則としてご本人から、当社所定の書類により下記の窓口までお申し出ください。',
      en: 'You may request notification of the purpose of use, disclosure, correction, addition or deletion of content, suspension of use, erasure, and suspension of provision to third parties, of retained personal data and of records of provision to third parties. In principle, requests must be made by the individual in question, using the documents specified by the Company, to the contact below.',
    },
    email: 'pd_protection@pasonagroup.co.jp',
  },
} as const satisfies JointUseNoticeShape);

/**
 * Revision 2: the wording corrected to the policy's own words (see privacy-policy.spec.ts, which compares the
 * two). Purpose (v) is replying to requests for cooperation, not asking for it; (vi) and (vii) say no more than
 * the policy; the company's address and representative are given as section 1 gives them; the method of
 * acquisition through the website is named as section 5 names it; and the meaning of "Pasona Group companies"
 * for joint use is stated on its own. What is shared, with whom and for what is unchanged.
 */
const NOTICE_2026_11_29 = deepFreeze({
  ...NOTICE_2022_04_01,
  version: '2026-11-29',
  jointUsers: {
    description: {
      ja: 'パソナグループ各社。ただし、日本国外に所在する会社を除きます。',
      en: 'Pasona Group companies; however, companies located outside of Japan are excluded.',
    },
    // The narrow reading: the preamble's definition. The wider one of item (iii) of section 2 (affiliates under
    // Art. 8(8) of the Regulation on Financial Statements) does not extend joint use.
    definition: {
      ja: '共同利用における「パソナグループ各社」とは、当社(持株会社)ならびに当社の連結子会社および持分法適用関連会社をいいます。「財務諸表等の用語、様式及び作成方法に関する規則」第8条第8項に定める関係会社であっても、連結子会社または持分法適用関連会社でない会社は、共同して利用する者に含まれません。',
      en: 'For joint use, "Pasona Group companies" means the Company (the holding company) and its consolidated subsidiaries and equity-method affiliates. An affiliate as defined in Article 8, Paragraph 8 of the "Regulations Concerning Terms, Forms and Preparation Methods of Financial Statements, etc." that is neither a consolidated subsidiary nor an equity-method affiliate does not use the data jointly.',
    },
    relationships: NOTICE_2022_04_01.jointUsers.relationships,
    country: NOTICE_2022_04_01.jointUsers.country,
  },
  // Items (iii) to (vii) of section 2 of the policy, in the policy's words; privacy-policy.spec.ts states the
  // only differences: (iii)'s definition of group companies and its repeated parenthesis left out, and (v)'s
  // "Pasona Group Inc." given as "the Company".
  purposes: [
    NOTICE_2022_04_01.purposes[0],
    NOTICE_2022_04_01.purposes[1],
    {
      code: 'MARKETING',
      policyItem: 5,
      wording: {
        ja: '当社およびパソナグループ各社の事業活動に関するマーケティング活動、コンテンツ・広告の配信、およびアンケートへのご協力のご依頼への回答のため',
        en: 'To reply to requests for cooperation in marketing activities, distribution of content and advertising, and surveys related to the business activities of the Company and Pasona Group companies',
      },
    },
    {
      code: 'PRODUCT_DEVELOPMENT',
      policyItem: 6,
      wording: {
        ja: '当社およびパソナグループ各社が提供する新たな商品・サービスの開発、今後のサービス向上を目的とした利用動向やニーズの分析、およびその分析結果に基づくサービスのご提案のため',
        en: 'To develop new products and services offered by the Company and Pasona Group companies, analyze usage trends and needs with the aim of improving future services, and providing proposals for services based on the results of such analysis',
      },
    },
    {
      code: 'STATISTICS',
      policyItem: 7,
      wording: {
        ja: '当社およびパソナグループ各社の事業活動に関する統計データを作成するため',
        en: 'To prepare statistical data relating to the business activities of the Company and Pasona Group companies',
      },
    },
  ],
  acquisition: {
    description: NOTICE_2022_04_01.acquisition.description,
    methods: [
      NOTICE_2022_04_01.acquisition.methods[0],
      NOTICE_2022_04_01.acquisition.methods[1],
      NOTICE_2022_04_01.acquisition.methods[2],
      NOTICE_2022_04_01.acquisition.methods[3],
      {
        code: 'WEB_INQUIRY',
        label: { ja: 'ウェブサイトからの商品・サービスに関するお問い合わせ', en: 'Inquiries regarding products and services through the website' },
      },
    ],
  },
  responsibleCompany: {
    ...NOTICE_2022_04_01.responsibleCompany,
    address: { ja: '東京都港区南青山三丁目1番30号', en: '1-30, Minami-Aoyama 3-chome, Minato-ku, Tokyo' },
    representative: { ja: 'グループCEO 代表取締役社長 南部 靖之', en: 'Group CEO and President Yasuyuki Nambu' },
  },
} as const satisfies JointUseNoticeShape);

/** What a revision changes against the one before it; see notice-revisions.ts for what each class allows. */
export const NOTICE_CHANGE_CLASSES = [
  /** Wording, or the responsible company's address, representative or contacts: published and in force the same day. */
  'DETAILS',
  /** The purposes of use: announced in advance, in force from a later date. */
  'PURPOSES',
  /** Which company is responsible: announced in advance, in force from a later date. */
  'RESPONSIBLE_COMPANY',
  /** Items added: shared only for persons told of this revision (acquired under it, or by consent). */
  'ITEMS_ADDED',
  /** Joint users widened (a new relationship or country): they reach only persons told of this revision. */
  'JOINT_USERS_WIDENED',
  /** Items removed or joint users narrowed: applies to everyone from the day it takes effect. */
  'SCOPE_NARROWED',
] as const;
export type NoticeChangeClass = (typeof NOTICE_CHANGE_CLASSES)[number];

/** One published revision of the notice. `version` is `effectiveFrom`. */
export interface NoticeRevision {
  readonly version: string;
  /** The day it was published (YYYY-MM-DD). */
  readonly publishedOn: string;
  /** The day it takes effect (YYYY-MM-DD, Japanese calendar): the same day for DETAILS, later for PURPOSES or RESPONSIBLE_COMPANY. */
  readonly effectiveFrom: string;
  /** What it changes against the previous revision; empty for the first. */
  readonly changes: readonly NoticeChangeClass[];
  /** Why it was made, as the notice page's revision history says. */
  readonly summary: NoticeText;
  readonly notice: JointUseNoticeShape;
}

/**
 * Every revision of the notice, oldest first. This is the one place that states it: the allow-list of items,
 * the purposes of joint use and the eligibility rule are derived from it, and sharing serves it at
 * GET /joint-use-notice. A revision is never edited once published: a change is a new revision, classified
 * (NOTICE_CHANGE_CLASSES) and dated by the rules of notice-revisions.ts, which checks the list when loaded.
 */
export const NOTICE_REVISIONS: readonly NoticeRevision[] = deepFreeze([
  {
    version: '2022-04-01',
    publishedOn: '2022-04-01',
    effectiveFrom: '2022-04-01',
    changes: [],
    summary: { ja: '制定。', en: 'First published.' },
    notice: NOTICE_2022_04_01,
  },
  {
    version: '2026-11-29',
    publishedOn: '2026-11-29',
    effectiveFrom: '2026-11-29',
    changes: ['DETAILS'],
    summary: {
      ja: '文言をプライバシーポリシーの記載に合わせて訂正しました(利用目的(5)「ご協力のご依頼への回答」、責任者の住所・代表者の表記、「パソナグループ各社」の定義の明記等)。共同利用する項目、共同して利用する者の範囲および利用目的に変更はありません。',
      en: 'Wording corrected to the privacy policy\'s own (purpose (v) "to reply to requests for cooperation", the responsible company\'s address and representative as the policy gives them, the meaning of "Pasona Group companies" stated on its own, and others). What is shared, with whom and for what is unchanged.',
    },
    notice: NOTICE_2026_11_29,
  },
]);

/** The newest revision's content: the vocabulary the code knows. Every revision's codes are among its lists. */
const VOCABULARY = NOTICE_2026_11_29;

/** The shape of a notice revision as published. */
export type JointUseNotice = JointUseNoticeShape;

/** The items group companies may use jointly under some revision; every other field of a contact is intake-only. */
export const SHARED_ITEMS = Object.freeze(VOCABULARY.sharedItems.map((item) => item.key));
export type SharedItem = (typeof SHARED_ITEMS)[number];

/** The purposes of joint use, by code. */
export const JOINT_USE_PURPOSES = Object.freeze(VOCABULARY.purposes.map((purpose) => purpose.code));
export type JointUsePurpose = (typeof JOINT_USE_PURPOSES)[number];

/** How a company belongs to the group: the holding company, a consolidated subsidiary or an equity-method affiliate. */
export const GROUP_RELATIONSHIPS = Object.freeze(VOCABULARY.jointUsers.relationships.map((relationship) => relationship.code));
export type GroupRelationship = (typeof GROUP_RELATIONSHIPS)[number];

/** Where a group company must be located to use the data jointly. */
export const JOINT_USE_COUNTRY = VOCABULARY.jointUsers.country;

/** How contacts come to the group. */
export const ACQUISITION_METHODS = Object.freeze(VOCABULARY.acquisition.methods.map((method) => method.code));
export type AcquisitionMethod = (typeof ACQUISITION_METHODS)[number];
