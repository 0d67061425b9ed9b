/** One statement of the notice, in the two languages it is published in. */
export interface NoticeText {
  readonly ja: string;
  readonly en: string;
}

/** The shape every revision of the notice keeps; `JOINT_USE_NOTICE` below is the one in force. */
export interface JointUseNoticeShape {
  readonly version: string;
  readonly title: NoticeText;
  readonly introduction: NoticeText;
  readonly legalBasis: NoticeText;
  readonly dataSubjects: NoticeText;
  readonly sharedItems: readonly { readonly key: string; readonly label: NoticeText }[];
  readonly jointUsers: {
    readonly description: NoticeText;
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

/** Revision dates, YYYY-MM-DD: what `version` holds, and what access and provision events carry. */
export const NOTICE_VERSION_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const nested of Object.values(value)) deepFreeze(nested);
    Object.freeze(value);
  }
  return value;
}

/**
 * The group's published joint-use notice (privacy policy, section 5; APPI Art. 27(5)(iii)). This is the one
 * place that states it: the allow-list of items, the purposes of joint use and the eligibility rule are
 * derived from it, and sharing serves it at GET /joint-use-notice.
 *
 * `version` is the date the wording took effect (the policy's "last revised" date). Any change to what is
 * shared, with whom or for what is a new revision of the notice: publish it first, then give it its date here.
 * Every access and provision is recorded with the version it was decided under.
 */
export const JOINT_USE_NOTICE = deepFreeze({
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
  // Items (iii) to (vii) of section 2 of the policy. The English follows the policy's, with the parenthesis
  // that (iii) repeats given once.
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

export type JointUseNotice = typeof JOINT_USE_NOTICE;

/** The items group companies may use jointly; every other field of a contact is intake-only. */
export const SHARED_ITEMS = Object.freeze(JOINT_USE_NOTICE.sharedItems.map((item) => item.key));
export type SharedItem = (typeof SHARED_ITEMS)[number];

/** The purposes of joint use, by code. */
export const JOINT_USE_PURPOSES = Object.freeze(JOINT_USE_NOTICE.purposes.map((purpose) => purpose.code));
export type JointUsePurpose = (typeof JOINT_USE_PURPOSES)[number];

/** How a company belongs to the group: the holding company, a consolidated subsidiary or an equity-method affiliate. */
export const GROUP_RELATIONSHIPS = Object.freeze(JOINT_USE_NOTICE.jointUsers.relationships.map((relationship) => relationship.code));
export type GroupRelationship = (typeof GROUP_RELATIONSHIPS)[number];

/** Where a group company must be located to use the data jointly. */
export const JOINT_USE_COUNTRY = JOINT_USE_NOTICE.jointUsers.country;

/** How contacts come to the group. */
export const ACQUISITION_METHODS = Object.freeze(JOINT_USE_NOTICE.acquisition.methods.map((method) => method.code));
export type AcquisitionMethod = (typeof ACQUISITION_METHODS)[number];
