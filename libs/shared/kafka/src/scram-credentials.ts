import { pbkdf2Sync, randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';

// kafkajs has no call for SCRAM users: the request below is encoded with its own encoder and decoder and sent on
// a connection of its cluster, which authenticates as the client's principal like every other request.
interface ProtocolEncoder {
  writeInt8(value: number): ProtocolEncoder;
  writeInt32(value: number): ProtocolEncoder;
  writeUVarInt(value: number): ProtocolEncoder;
  writeUVarIntString(value: string): ProtocolEncoder;
  writeUVarIntBytes(value: Buffer): ProtocolEncoder;
}
interface ProtocolDecoder {
  readInt16(): number;
  readInt32(): number;
  readUVarInt(): number;
  readUVarIntString(): string;
  readTaggedFields(): void;
}
// kafkajs's codec has no typed entry point.
const Encoder = require('kafkajs/src/protocol/encoder') as new () => ProtocolEncoder;
const Decoder = require('kafkajs/src/protocol/decoder') as new (payload: Buffer) => ProtocolDecoder;

const ALTER_USER_SCRAM_CREDENTIALS = 51;
const SCRAM_SHA_512 = 2;
/** Kafka accepts 4096 to 16384 iterations for SCRAM-SHA-512. */
const ITERATIONS = 8192;
const RESOURCE_NOT_FOUND = 91;

export class ScramCredentialsError extends Error {
  constructor(
    readonly user: string,
    readonly errorCode: number,
    detail: string | null,
  ) {
    super(`Kafka refused the SCRAM credential change for ${user} (error ${errorCode}${detail ? `: ${detail}` : ''})`);
    this.name = 'ScramCredentialsError';
  }
}

interface ScramUpsertion {
  name: string;
  salt: Buffer;
  saltedPassword: Buffer;
}

/** SCRAM's SaltedPassword (RFC 5802): what the broker stores in place of the password, never the password itself. */
export function scramSaltedPassword(password: string, salt: Buffer, iterations = ITERATIONS): Buffer {
  return pbkdf2Sync(password, salt, iterations, 64, 'sha512');
}

// AlterUserScramCredentials v0 is a flexible version: compact strings and arrays, tagged fields, request header v2.
// kafkajs writes header v1, so the request body begins with the header's empty tagged fields.
function alterRequest(deletions: string[], upsertions: ScramUpsertion[]) {
  return {
    apiKey: ALTER_USER_SCRAM_CREDENTIALS,
    apiVersion: 0,
    apiName: 'AlterUserScramCredentials',
    encode: async () => {
      const body = new Encoder().writeUVarInt(0);
      body.writeUVarInt(deletions.length + 1);
      for (const name of deletions) body.writeUVarIntString(name).writeInt8(SCRAM_SHA_512).writeUVarInt(0);
      body.writeUVarInt(upsertions.length + 1);
      for (const u of upsertions) {
        body.writeUVarIntString(u.name).writeInt8(SCRAM_SHA_512).writeInt32(ITERATIONS).writeUVarIntBytes(u.salt).writeUVarIntBytes(u.saltedPassword).writeUVarInt(0);
      }
      return body.writeUVarInt(0);
    },
  };
}

interface AlterResult {
  user: string;
  errorCode: number;
  errorMessage: string | null;
}

const alterResponse = {
  decode: async (payload: Buffer) => {
    const decoder = new Decoder(payload);
    decoder.readTaggedFields(); // response header v1
    const throttleTime = decoder.readInt32();
    const results: AlterResult[] = [];
    const count = decoder.readUVarInt() - 1;
    for (let i = 0; i < count; i++) {
      const user = decoder.readUVarIntString();
      const errorCode = decoder.readInt16();
      const errorMessage = decoder.readUVarIntString();
      decoder.readTaggedFields();
      results.push({ user, errorCode, errorMessage });
    }
    return { throttleTime, results };
  },
  parse: async (data: { results: AlterResult[] }) => data,
};

interface ClusterLike {
  connect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  disconnect(): Promise<void>;
  findControllerBroker(): Promise<{ connectionPool: { send(request: unknown): Promise<{ results: AlterResult[] }> } }>;
}

function createCluster(kafka: Kafka): ClusterLike {
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  if (!symbol) throw new Error('This kafkajs version cannot send SCRAM credential requests');
  const create = (kafka as unknown as Record<symbol, (options: object) => ClusterLike>)[symbol];
  return create({ allowAutoTopicCreation: false });
}

async function alter(kafka: Kafka, deletions: string[], upsertions: ScramUpsertion[], ignoreMissing: boolean): Promise<void> {
  const cluster = createCluster(kafka);
  await cluster.connect();
  try {
    await cluster.refreshMetadata();
    const broker = await cluster.findControllerBroker();
    const { results } = await broker.connectionPool.send({ request: alterRequest(deletions, upsertions), response: alterResponse });
    for (const result of results) {
      if (result.errorCode === 0 || (ignoreMissing && result.errorCode === RESOURCE_NOT_FOUND)) continue;
      throw new ScramCredentialsError(result.user, result.errorCode, result.errorMessage);
    }
  } finally {
    await cluster.disconnect();
  }
}

/**
 * Sets a principal's SCRAM-SHA-512 password on the brokers (creating the user or replacing its password).
 * The client needs ALTER on the cluster. Only the salted form leaves this process.
 */
export async function upsertScramUser(kafka: Kafka, name: string, password: string): Promise<void> {
  const salt = randomBytes(32);
  await alter(kafka, [], [{ name, salt, saltedPassword: scramSaltedPassword(password, salt) }], false);
}

/** Removes a principal's SCRAM-SHA-512 credential, so that it can no longer authenticate; a missing one is fine. */
export async function deleteScramUser(kafka: Kafka, name: string): Promise<void> {
  await alter(kafka, [name], [], true);
}
