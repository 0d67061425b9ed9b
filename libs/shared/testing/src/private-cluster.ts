import { execFile, execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrokerAccess } from './broker-access';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
const BROKER_SCRIPT = join(REPO_ROOT, 'tools', 'kafka', 'broker.sh');

export interface PrivateCluster extends BrokerAccess {
  size: number;
  /** Node id (1..size) of each client address, in the order of `brokers`. */
  nodeIds: number[];
  /** Formats the nodes on first use, starts them together and waits until the whole cluster serves requests. */
  start(): void;
  /** Kills one node's process outright (SIGKILL, `broker.sh kill-node`): no controlled shutdown, as in a crash. */
  kill(nodeId: number): Promise<void>;
  /** Starts that node again (`broker.sh start-node`) and waits until the whole cluster serves requests. */
  restart(nodeId: number): Promise<void>;
  /** Stops every node still running and deletes the cluster's data. */
  destroy(): void;
}

/**
 * A real Kafka cluster of a test's own: `size` combined broker/controller nodes started by tools/kafka/broker.sh,
 * clients on `port`..`port+size-1` and the quorum on `controllerPort`..`controllerPort+size-1`. The ports come
 * from KAFKA_CLUSTER_TEST_PORT and KAFKA_CLUSTER_TEST_CONTROLLER_PORT (30092 and 30192), away from the test broker.
 */
export function createPrivateCluster(options: { size: number; port?: number; controllerPort?: number; dataDir?: string }): PrivateCluster {
  const port = options.port ?? Number(process.env['KAFKA_CLUSTER_TEST_PORT'] ?? 30092);
  const controllerPort = options.controllerPort ?? Number(process.env['KAFKA_CLUSTER_TEST_CONTROLLER_PORT'] ?? 30192);
  const dataDir = options.dataDir ?? join(REPO_ROOT, '.data', `kafka-cluster-test-${port}`);
  const { KAFKA_TLS_PORT: _tls, KAFKA_PROVISION_BOOTSTRAP: _bootstrap, KAFKA_CREDENTIALS_FILE: _credentials, ...inherited } = process.env;
  const env = {
    ...inherited,
    KAFKA_CLUSTER_SIZE: String(options.size),
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_DATA_DIR: dataDir,
    // Three JVMs share the machine with the rest of the test run.
    KAFKA_HEAP_OPTS: process.env['KAFKA_CLUSTER_HEAP_OPTS'] ?? '-Xmx384m -Xms128m',
    // Three JVMs starting at once on a busy machine may take minutes.
    KAFKA_START_TIMEOUT: process.env['KAFKA_START_TIMEOUT'] ?? '240',
  };
  const run = (...args: string[]) => execFileSync('bash', [BROKER_SCRIPT, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 });
  const runAsync = (...args: string[]) => promisify(execFile)('bash', [BROKER_SCRIPT, ...args], { env, timeout: 900_000 });
  const nodeIds = Array.from({ length: options.size }, (_, i) => i + 1);
  return {
    size: options.size,
    nodeIds,
    brokers: nodeIds.map((id) => `127.0.0.1:${port + id - 1}`),
    credentialsFile: join(dataDir, 'credentials.properties'),
    start: () => {
      run('reset');
      try {
        run('start');
      } catch (error) {
        const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
        throw new Error(`the cluster did not start:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`);
      }
    },
    // Without blocking the test's own clients, which keep working while a node goes and comes back.
    kill: async (nodeId) => {
      await runAsync('kill-node', String(nodeId));
    },
    restart: async (nodeId) => {
      await runAsync('start-node', String(nodeId));
    },
    destroy: () => {
      run('stop');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
