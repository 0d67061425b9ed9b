import type { AccessOperation, AccessOutcome, DenialReason } from '@registry/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One cross-company access in the `accesses` chain (see chain/chains.ts); rows are only ever inserted. */
@Entity({ name: 'access_records' })
export class AccessRecordEntity {
  @PrimaryColumn('bigint') seq!: string;
  @Column('uuid', { name: 'event_id', unique: true }) eventId!: string;
  @Column('uuid', { name: 'access_id' }) accessId!: string;
  @Column('text', { name: 'company_code' }) companyCode!: string;
  @Column('text', { name: 'requested_by' }) requestedBy!: string;
  @Column('text') operation!: AccessOperation;
  @Column('text', { nullable: true }) purpose!: string | null;
  @Column('uuid', { name: 'contact_ids', array: true }) contactIds!: string[];
  @Column('text') outcome!: AccessOutcome;
  @Column('text', { nullable: true }) reason!: DenialReason | null;
  @Column('timestamptz', { name: 'accessed_at' }) accessedAt!: Date;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
  @Column('char', { name: 'prev_hash', length: 64 }) prevHash!: string;
  @Column('char', { length: 64 }) hash!: string;
}
