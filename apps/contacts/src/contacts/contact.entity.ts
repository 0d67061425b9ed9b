import type { HeldReason, JointUseStatus } from '@registry/contracts';
import type { ContactTransactionEntry } from './contact-items';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One person: the items that may be shared, and the keys that recognise a repeat registration. */
@Entity({ name: 'contacts' })
export class ContactEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('integer') version!: number;

  @Column('text', { name: 'name_full' }) nameFull!: string;
  @Column('text', { name: 'name_kana', nullable: true }) nameKana!: string | null;
  @Column('text', { name: 'organization_name' }) organizationName!: string;
  @Column('text', { name: 'postal_code', nullable: true }) postalCode!: string | null;
  @Column('text', { nullable: true }) prefecture!: string | null;
  @Column('text', { nullable: true }) city!: string | null;
  @Column('text', { nullable: true }) street!: string | null;
  @Column('text', { nullable: true }) department!: string | null;
  @Column('text', { nullable: true }) title!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text', { nullable: true }) fax!: string | null;
  @Column('jsonb', { name: 'transaction_history' }) transactionHistory!: ContactTransactionEntry[];
  /** Whether the person's data may be used jointly; set by the person's requests, never by sales staff. */
  @Column('text', { name: 'joint_use', default: 'ACTIVE' }) jointUse!: JointUseStatus;
  /** Why the person is held out of joint use, while `jointUse` is HELD; null otherwise (or when the administrator held them). */
  @Column('text', { name: 'held_reason', nullable: true }) heldReason!: HeldReason | null;

  /** Registration order, for listing with an exact cursor. */
  @Column({ type: 'bigint', insert: false, update: false }) seq!: string;

  @Column('text', { name: 'email_key', nullable: true }) emailKey!: string | null;
  @Column('text', { name: 'person_key', nullable: true }) personKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
