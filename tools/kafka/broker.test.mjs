import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BROKER = fileURLToPath(new URL('./broker.sh', import.meta.url));

/** broker.sh with these settings, on a data dir of its own where no node runs; its exit code and output. */
function brokerSh(args, settings = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'broker-sh-test-'));
  try {
    const { status, stdout, stderr } = spawnSync('bash', [BROKER, ...args], {
      env: { ...process.env, KAFKA_DATA_DIR: dataDir, KAFKA_PORT: '39092', KAFKA_CONTROLLER_PORT: '39192', ...settings },
      encoding: 'utf8',
    });
    return { status, output: stdout + stderr };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

test('a cluster is 1 to 9 nodes', () => {
  for (const size of ['0', '10', 'three']) {
    const { status, output } = brokerSh(['status'], { KAFKA_CLUSTER_SIZE: size });
    assert.equal(status, 2);
    assert.match(output, /KAFKA_CLUSTER_SIZE must be a whole number from 1 to 9/);
  }
});

test("refuses ports whose nodes' ranges overlap", () => {
  const { status, output } = brokerSh(['status'], { KAFKA_CLUSTER_SIZE: '3', KAFKA_PORT: '39092', KAFKA_CONTROLLER_PORT: '39094' });
  assert.equal(status, 2);
  assert.match(output, /overlap/);
});

test('a node command takes one node number of the cluster', () => {
  for (const args of [['stop-node'], ['stop-node', '4'], ['kill-node', '0'], ['start-node', 'x'], ['start-node', '1', '2']]) {
    const { status, output } = brokerSh(args, { KAFKA_CLUSTER_SIZE: '3' });
    assert.equal(status, 2, args.join(' '));
    assert.match(output, /takes one node number from 1 to KAFKA_CLUSTER_SIZE \(3\)/);
  }
});

test('status lists every node of a cluster with its ports, and fails while any is down', () => {
  const { status, output } = brokerSh(['status'], { KAFKA_CLUSTER_SIZE: '3' });
  assert.equal(status, 1);
  assert.match(output, /node 1: 127\.0\.0\.1:39092, controller 127\.0\.0\.1:39192, not running/);
  assert.match(output, /node 3: 127\.0\.0\.1:39094, controller 127\.0\.0\.1:39194, not running/);
});

test('stopping a node that does not run changes nothing', () => {
  const { status, output } = brokerSh(['kill-node', '2'], { KAFKA_CLUSTER_SIZE: '3' });
  assert.equal(status, 0);
  assert.match(output, /not running/);
});
