import { readFileSync } from 'node:fs';

/** A broker started by tools/kafka/broker.sh: where it listens and the file of its principals' passwords. */
export interface BrokerAccess {
  brokers: string[];
  credentialsFile: string;
}

/** A client connection as `createKafka` of @registry/kafka takes it; spelled out, since that library's tests use this one. */
export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  security: { protocol: 'SASL_PLAINTEXT'; mechanism: 'scram-sha-512'; username: string; password: string };
}

/** The password of one principal (the super user `admin`, or a service: contacts, sharing, sharing-credentials, audit). */
export function brokerPassword(access: BrokerAccess, principal: string): string {
  const line = readFileSync(access.credentialsFile, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${principal}=`));
  if (!line) throw new Error(`${access.credentialsFile} has no password for ${principal}`);
  return line.slice(principal.length + 1).trim();
}

export function kafkaConnectionAs(access: BrokerAccess, principal: string, clientId: string): KafkaConnection {
  return {
    brokers: access.brokers,
    clientId,
    security: { protocol: 'SASL_PLAINTEXT', mechanism: 'scram-sha-512', username: principal, password: brokerPassword(access, principal) },
  };
}

/**
 * The KAFKA_* settings of a service that connects as `principal`. Sharing also gets its second principal, which
 * manages group companies' credentials; a process that connects as the super user uses it for that too.
 */
export function kafkaSettingsAs(access: BrokerAccess, principal: string): Record<string, string> {
  const credentialsAdmin = principal === 'sharing' ? 'sharing-credentials' : principal === 'admin' ? 'admin' : undefined;
  return {
    KAFKA_BROKERS: access.brokers.join(','),
    KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_USERNAME: principal,
    KAFKA_PASSWORD: brokerPassword(access, principal),
    ...(credentialsAdmin
      ? { KAFKA_CREDENTIALS_ADMIN_USERNAME: credentialsAdmin, KAFKA_CREDENTIALS_ADMIN_PASSWORD: brokerPassword(access, credentialsAdmin) }
      : {}),
  };
}
