import type { AcquisitionMethod, TransactionEntry } from '@registry/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

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
  @Column('jsonb', { name: 'transaction_history' }) transactionHistory!: TransactionEntry[];

  @Column('text', { name: 'acquisition_method' }) acquisitionMethod!: AcquisitionMethod;
  @Column('date', { name: 'acquired_on' }) acquiredOn!: string;
  @Column('text', { name: 'acquiring_company_code' }) acquiringCompanyCode!: string;

  // Intake-only: never shared.
  @Column('text', { name: 'acquired_by' }) acquiredBy!: string;
  @Column('text', { nullable: true }) memo!: string | null;
  @Column('text', { name: 'card_image_ref', nullable: true }) cardImageRef!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
