/** Kafka topic names. Topics that carry personal data are compacted and keyed by contact id. */
export const Topics = {
  /** Current shared state of each contact (allowed items only), keyed by contact id; compacted. */
  contact: 'contacts.contact.v1',
  /** Every cross-company access, granted or refused; ids and codes only. */
  access: 'sharing.access.v1',
  /** Every change to the group company register, so that audit can tell who was eligible when. */
  companyRegister: 'sharing.company-register.v1',
  /** Every delivery of a contact to a group company, and every withdrawal; ids and codes only. */
  provision: 'sharing.provision.v1',
  /** Every alert audit raises for the administrator; ids, codes and counts only. */
  alert: 'audit.alert.v1',
  /** Every signed checkpoint of the audit chains, so that the seals also live outside audit's database; hashes, counts and signatures only. */
  checkpoint: 'audit.checkpoints.v1',
} as const;

/**
 * The topic of one group company: the shared state of each contact delivered to it, keyed by contact id,
 * and a tombstone (null value) when the contact is withdrawn. Compacted, so a withdrawn contact leaves no trace.
 */
export function companyTopic(companyCode: string): string {
  return `sharing.company.${companyCode}.v1`;
}

export function companyTopicSpec(companyCode: string, partitions = 3): TopicSpec {
  return { topic: companyTopic(companyCode), partitions, compacted: true };
}

/** A keyed topic's spec with the partition count the deployment chose (KAFKA_TOPIC_PARTITIONS); used when the topic is created. */
export function withPartitions(spec: TopicSpec, partitions: number): TopicSpec {
  return { ...spec, partitions };
}

/**
 * The dead-letter topic of `topic`. It receives a reference to each malformed message (ids, position and
 * reason), never the message itself: that stays in the consuming service's database, where erasure reaches it.
 */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** How a dead-letter topic is created, explicitly, by the consumer of `topic` before it subscribes. */
export function deadLetterTopicSpec(topic: string): TopicSpec {
  return { topic: deadLetterTopic(topic), partitions: 1, compacted: false };
}

export interface TopicSpec {
  topic: string;
  partitions: number;
  /** Compacted topics keep only the latest value per key; a tombstone (null value) removes the key. */
  compacted: boolean;
  /** The audit trail's input: kept without a time limit. */
  keepForever?: boolean;
}

/** How each topic is created; producers and consumers both ensure them, so neither depends on start-up order. */
export const TOPIC_SPECS = {
  contact: { topic: Topics.contact, partitions: 3, compacted: true },
  access: { topic: Topics.access, partitions: 3, compacted: false, keepForever: true },
  companyRegister: { topic: Topics.companyRegister, partitions: 1, compacted: false, keepForever: true },
  provision: { topic: Topics.provision, partitions: 3, compacted: false, keepForever: true },
  alert: { topic: Topics.alert, partitions: 1, compacted: false, keepForever: true },
  checkpoint: { topic: Topics.checkpoint, partitions: 1, compacted: false, keepForever: true },
} as const satisfies Record<keyof typeof Topics, TopicSpec>;
