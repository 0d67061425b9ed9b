import type { ProvisionKind } from '@registry/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'provision_records' })
export class ProvisionRecordEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) seq!: string;
  @Column('uuid', { name: 'event_id', unique: true }) eventId!: string;
  @Column('uuid', { name: 'provision_id' }) provisionId!: string;
  @Column('text', { name: 'company_code' }) companyCode!: string;
  @Column('uuid', { name: 'contact_id' }) contactId!: string;
  @Column('integer') version!: number;
  @Column('text') kind!: ProvisionKind;
  @Column('text', { array: true }) purposes!: string[];
  @Column('timestamptz', { name: 'provided_at' }) providedAt!: Date;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
}
