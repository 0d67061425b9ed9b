import type { CompanyRelationship, KafkaCredentialState, RegisterChange } from '@registry/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface RegisterEntryState {
  legalName: string;
  country: string;
  relationship: CompanyRelationship;
  joinedOn: string;
  leftOn: string | null;
  active: boolean;
  /** Absent from changes recorded before companies had Kafka credentials. */
  kafkaCredentials?: KafkaCredentialState;
}

@Entity({ name: 'group_company_changes' })
export class GroupCompanyChangeEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('text', { name: 'company_code' }) companyCode!: string;
  @Column('integer') version!: number;
  @Column('text') change!: RegisterChange;
  @Column('text', { name: 'changed_by' }) changedBy!: string;
  @Column('timestamptz', { name: 'changed_at' }) changedAt!: Date;
  @Column('jsonb', { nullable: true }) before!: RegisterEntryState | null;
  @Column('jsonb') after!: RegisterEntryState;
}
