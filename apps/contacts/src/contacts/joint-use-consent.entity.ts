import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The person's consent to joint use under a revision of the notice, as the privacy office recorded it. */
@Entity({ name: 'joint_use_consents' })
export class JointUseConsentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'contact_id' }) contactId!: string;
  @Column('text', { name: 'notice_version' }) noticeVersion!: string;
  @Column('date', { name: 'consented_on' }) consentedOn!: string;
  /** How the consent was given and where it is kept, e.g. "signed consent form, filed 2026-11-25". */
  @Column('text') evidence!: string;
  @Column('text', { name: 'recorded_by' }) recordedBy!: string;
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
}
