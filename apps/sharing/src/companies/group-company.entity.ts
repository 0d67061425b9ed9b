import type { KafkaCredentialState } from '@registry/contracts';
import type { GroupCompanyFacts, GroupRelationship } from '@registry/policy';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'group_companies' })
export class GroupCompanyEntity implements GroupCompanyFacts {
  @PrimaryColumn('text') code!: string;
  @Column('text', { name: 'legal_name' }) legalName!: string;
  @Column('char', { length: 2 }) country!: string;
  @Column('text') relationship!: GroupRelationship;
  @Column('date', { name: 'joined_on' }) joinedOn!: string;
  @Column('date', { name: 'left_on', nullable: true }) leftOn!: string | null;
  @Column('boolean') active!: boolean;
  @Column('text', { name: 'kafka_credentials' }) kafkaCredentials!: KafkaCredentialState;
  @Column('integer') version!: number;
  /** Eligibility as deliveries follow it, set only by EligibilityTransitions; null until first decided. */
  @Column('boolean', { nullable: true }) eligible!: boolean | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
