import type { ProvisionKind } from '@registry/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One delivery or withdrawal in the `provisions` chain (see chain/chains.ts); rows are only ever inserted. */
@Entity({ name: 'provision_records' })
export class ProvisionRecordEntity {
  @PrimaryColumn('bigint') seq!: string;
  @Column('uuid', { name: 'event_id', unique: true }) eventId!: string;
  @Column('uuid', { name: 'provision_id' }) provisionId!: string;
  @Column('text', { name: 'company_code' }) companyCode!: string;
  @Column('uuid', { name: 'contact_id' }) contactId!: string;
  @Column('integer') version!: number;
  @Column('text') kind!: ProvisionKind;
  @Column('text', { array: true }) purposes!: string[];
  @Column('timestamptz', { name: 'provided_at' }) providedAt!: Date;
  @Column('text', { name: 'notice_version', nullable: true }) noticeVersion!: string | null;
  @Column('text', { name: 'acquisition_notice_version', nullable: true }) acquisitionNoticeVersion!: string | null;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
  @Column('char', { name: 'prev_hash', length: 64 }) prevHash!: string;
  @Column('char', { length: 64 }) hash!: string;
}
