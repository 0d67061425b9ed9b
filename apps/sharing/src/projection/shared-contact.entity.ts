import type { AcquisitionMethod, HeldReason, JointUseStatus, PostalAddress, TransactionEntry } from '@registry/contracts';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Sharing's copy of a contact: the allow-listed items and acquisition facts, nothing else. */
@Entity({ name: 'shared_contacts' })
export class SharedContactEntity {
  @PrimaryColumn('uuid', { name: 'contact_id' }) contactId!: string;
  @Column('integer') version!: number;
  @Column('text', { name: 'name_full' }) nameFull!: string;
  @Column('text', { name: 'name_kana', nullable: true }) nameKana!: string | null;
  @Column('text', { name: 'organization_name' }) organizationName!: string;
  @Column('jsonb', { nullable: true }) address!: PostalAddress | null;
  @Column('text', { nullable: true }) department!: string | null;
  @Column('text', { nullable: true }) title!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text', { nullable: true }) fax!: string | null;
  @Column('jsonb', { name: 'transaction_history' }) transactionHistory!: TransactionEntry[];
  @Column('text', { name: 'acquisition_method' }) acquisitionMethod!: AcquisitionMethod;
  @Column('date', { name: 'acquired_on' }) acquiredOn!: string;
  @Column('text', { name: 'acquiring_company_code' }) acquiringCompanyCode!: string;
  /** Suspended by the administrator here (PUT /shared-contacts/{id}/suspension). */
  @Column('boolean', { name: 'suspended_by_admin' }) suspendedByAdmin!: boolean;
  /** The person's own status, from the contact's events: suspended or held at the person's request. */
  @Column('text', { name: 'subject_status' }) subjectStatus!: JointUseStatus;
  /** Why the person is held, when subjectStatus is HELD; seen only by the administrator. */
  @Column('text', { name: 'held_reason', nullable: true }) heldReason!: HeldReason | null;
  /** The notice revision that covers the person (acquisition or consent); null: the first revision. */
  @Column('text', { name: 'notice_version', nullable: true }) noticeVersion!: string | null;
  /** Out of joint use, for either reason; derived by the database. */
  @Column({ type: 'boolean', insert: false, update: false, generatedType: 'STORED', asExpression: `suspended_by_admin OR subject_status <> 'ACTIVE'` })
  suspended!: boolean;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
