import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { StatedItems } from './contact-items';

/** One correction of a person's items (or entries appended to their transaction history), as stated. */
@Entity({ name: 'contact_corrections' })
export class CorrectionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'contact_id' }) contactId!: string;
  /** The company whose staff corrected; null for the privacy office, whose corrections hold for every company. */
  @Column('text', { name: 'company_code', nullable: true }) companyCode!: string | null;
  @Column('text', { name: 'corrected_by' }) correctedBy!: string;
  @Column('jsonb', { name: 'stated_items' }) statedItems!: StatedItems;
  @Column({ type: 'bigint', name: 'statement_order', insert: false, update: false }) statementOrder!: string;
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
}
