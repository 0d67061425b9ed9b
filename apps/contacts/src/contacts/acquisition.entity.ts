import type { AcquisitionMethod } from '@registry/contracts';
import type { StatedItems } from './contact-items';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One occasion on which a group company acquired the person's data. Everything here but the method, date and company is intake-only. */
@Entity({ name: 'acquisitions' })
export class AcquisitionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'contact_id' }) contactId!: string;
  @Column('text') method!: AcquisitionMethod;
  @Column('date', { name: 'acquired_on' }) acquiredOn!: string;
  @Column('text', { name: 'company_code' }) companyCode!: string;
  @Column('text', { name: 'acquired_by' }) acquiredBy!: string;
  /** The joint-use notice revision in force on the acquisition date. */
  @Column('text', { name: 'notice_version' }) noticeVersion!: string;
  /** The purposes stated to the person at collection; null when no notice of purpose was recorded (business cards, discussions). */
  @Column('jsonb', { name: 'purposes_shown', nullable: true }) purposesShown!: string[] | null;
  /** Whether the person was told of joint use at collection. */
  @Column('boolean', { name: 'joint_use_notified' }) jointUseNotified!: boolean;
  /** The wording of (or a reference to) the notice of purpose the person saw. */
  @Column('text', { name: 'purpose_notice', nullable: true }) purposeNotice!: string | null;
  @Column('text', { nullable: true }) memo!: string | null;
  @Column('text', { name: 'card_image_ref', nullable: true }) cardImageRef!: string | null;
  /** The items exactly as this acquisition submitted them (after normalisation); never changed afterwards. */
  @Column('jsonb', { name: 'submitted_items' }) submittedItems!: StatedItems;
  /** Place among the person's acquisitions and corrections, in the order they were recorded. */
  @Column({ type: 'bigint', name: 'statement_order', insert: false, update: false }) statementOrder!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
