import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrokerAccess } from './broker-access';
import { freePort } from './free-port';

const BROKER_SCRIPT = join(__dirname, '..', '..', '..', '..', 'tools', 'kafka', 'broker.sh');

export interface PrivateBroker extends BrokerAccess {
  brokers: string[];
  /** With `tls`: the SASL_SSL listener, and the PEM of the certificate it presents. */
  tls?: { brokers: string[]; caFile: string };
  /** Starts (or restarts, keeping its data) the broker and waits until it serves requests. */
  start(): void;
  /** Stops the broker process; its data stays for the next start. */
  stop(): void;
  /** Stops it and deletes its data. */
  destroy(): void;
}

/** A real Kafka broker of a test's own, on its own ports and data, that the test may stop and start at will. */
export async function createPrivateBroker(options: { tls?: boolean } = {}): Promise<PrivateBroker> {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-kafka-'));
  const port = await freePort();
  const credentialsFile = join(dataDir, 'credentials.properties');
  const { KAFKA_TLS_PORT: _tls, KAFKA_PROVISION_BOOTSTRAP: _bootstrap, ...inherited } = process.env;
  const tlsPort = options.tls ? await freePort() : undefined;
  const env = {
    ...inherited,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(await freePort()),
    KAFKA_DATA_DIR: dataDir,
    KAFKA_CREDENTIALS_FILE: credentialsFile,
    ...(tlsPort ? { KAFKA_TLS_PORT: String(tlsPort) } : {}),
  };
  const run = (command: string) => execFileSync('bash', [BROKER_SCRIPT, command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return {
    brokers: [`127.0.0.1:${port}`],
    credentialsFile,
    ...(tlsPort ? { tls: { brokers: [`127.0.0.1:${tlsPort}`], caFile: join(dataDir, 'tls', 'ca.pem') } } : {}),
    start: () => run('start'),
    stop: () => run('stop'),
    destroy: () => {
      run('stop');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
