import { JOINT_USE_NOTICE } from './notice-revisions';

/** One of the group's purposes of use (policy section 2), by its item number. */
export interface PurposeOfUse {
  readonly policyItem: number;
  readonly wording: string;
  /** Whether the group companies use the data jointly for it (items (iii) to (vii), section 5). */
  readonly jointUse: boolean;
}

// Policy section 2, items (i) to (ix), in the policy's own English.
const WORDING = [
  'To receive, respond to, and manage inquiries, applications, and opinions, and to perform various procedures',
  'To provide the services requested by the customer',
  'To provide information, proposals, materials, and responses to inquiries regarding the products and services of the Company and Pasona Group companies (including Pasona Group\'s affiliates as defined in Article 8, Paragraph 8 of the "Regulations Concerning Terms, Forms and Preparation Methods of Financial Statements, etc."; hereinafter the same shall apply) (including the communication and transfer of inquiries to Pasona Group companies that provide the products and services) (including the transmission and transfer of inquiries to Pasona Group companies that provide the products and services)',
  'To provide information on events and seminars held or sponsored by the Company and Pasona Group companies',
  'To reply to requests for cooperation in marketing activities, distribution of content and advertising, and surveys related to the business activities of Pasona Group Inc. and Pasona Group companies',
  'To develop new products and services offered by the Company and Pasona Group companies, analyze usage trends and needs with the aim of improving future services, and providing proposals for services based on the results of such analysis',
  'To prepare statistical data relating to the business activities of the Company and Pasona Group companies',
  'To distribute various communications and notices related to recruitment, selection, and decision-making',
  'To carry out human resources management, labor management, health management, welfare operations, communication in the event of work-related or emergency situations, implementation and review of various human resource policies, applications for company housing placement or cancellation, and company housing-related operations',
] as const;

const JOINT_USE_ITEMS = new Set<number>(JOINT_USE_NOTICE.purposes.map((purpose) => purpose.policyItem));

/**
 * The purposes for which each group company uses the personal information it acquires itself (policy section 2),
 * unless other purposes were stated to the person at collection; those marked `jointUse` are the joint-use purposes.
 */
export const PURPOSES_OF_USE: readonly PurposeOfUse[] = Object.freeze(
  WORDING.map((wording, index) => Object.freeze({ policyItem: index + 1, wording, jointUse: JOINT_USE_ITEMS.has(index + 1) })),
);
