import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { KAFKA_CREDENTIAL_STATES, REGISTER_CHANGES, type KafkaCredentialState, type RegisterChange } from '@registry/contracts';
import type { CredentialsStatus, IssuedCredentials } from '../company-credentials.service';

export class IssuedKafkaCredentialsResponse {
  @ApiProperty({ example: 'EVENTS-JP' }) companyCode!: string;
  @ApiProperty({ example: 'company.EVENTS-JP', description: 'The SASL username' }) username!: string;
  @ApiProperty({ description: 'Shown this once and kept nowhere: hand it to the company over a secure channel' }) password!: string;
  @ApiProperty({ example: 'SCRAM-SHA-512' }) saslMechanism!: string;
  @ApiProperty({ type: [String], example: ['127.0.0.1:9092'] }) bootstrapServers!: string[];
  @ApiProperty({ example: 'sharing.company.EVENTS-JP.v1', description: 'The only topic the company may read' }) topic!: string;
  @ApiProperty({ example: 'company.EVENTS-JP.', description: 'Consumer groups the company may use start with this' }) consumerGroupPrefix!: string;
  @ApiProperty() issuedAt!: string;
  @ApiProperty() issuedBy!: string;

  static from(issued: IssuedCredentials): IssuedKafkaCredentialsResponse {
    const { companyCode, username, password, saslMechanism, bootstrapServers, topic, consumerGroupPrefix, issuedBy } = issued;
    return { companyCode, username, password, saslMechanism, bootstrapServers, topic, consumerGroupPrefix, issuedAt: issued.issuedAt.toISOString(), issuedBy };
  }
}

export class KafkaCredentialsChangeResponse {
  @ApiProperty({ enum: REGISTER_CHANGES }) change!: RegisterChange;
  @ApiProperty() changedBy!: string;
  @ApiProperty() changedAt!: string;
}

export class KafkaCredentialsStatusResponse {
  @ApiProperty() companyCode!: string;
  @ApiProperty({ enum: KAFKA_CREDENTIAL_STATES }) state!: KafkaCredentialState;
  @ApiProperty() username!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() consumerGroupPrefix!: string;
  @ApiProperty({ description: 'Whether the broker holds the company’s ACLs now: only while its credentials are active and it is eligible' })
  aclsGranted!: boolean;
  @ApiPropertyOptional({ type: KafkaCredentialsChangeResponse, nullable: true }) lastChange!: KafkaCredentialsChangeResponse | null;

  static from(status: CredentialsStatus): KafkaCredentialsStatusResponse {
    const { companyCode, state, username, topic, consumerGroupPrefix, aclsGranted, lastChange } = status;
    return {
      companyCode,
      state,
      username,
      topic,
      consumerGroupPrefix,
      aclsGranted,
      lastChange: lastChange ? { change: lastChange.change, changedBy: lastChange.changedBy, changedAt: lastChange.changedAt.toISOString() } : null,
    };
  }
}
