import { createTestDatabase, eventually, readWholeTopic, testKafka, uniqueSuffix, type TestDatabase } from '@registry/testing';
import type { EventEnvelope, TopicSpec } from '@registry/contracts';
import { startTracing, startServerSpan, endServerSpan } from '@registry/tracing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addOutboxNotifyTrigger, addOutboxTraceContext, appendToOutbox, createKafka, createOutboxTable, OutboxRelay, type OutboxRelayOptions } from '../src';

function event(n: number): EventEnvelope & { n: number } {
  return { eventId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1, n };
}

describe('OutboxRelay', () => {
  const connection = testKafka('outbox-test');
  const kafka = createKafka(connection);
  let database: TestDatabase;
  let dataSource: DataSource;
  let spec: TopicSpec;
  let relay: OutboxRelay | undefined;

  const relayFor = (brokers: string[], options: Partial<OutboxRelayOptions> = {}) =>
    new OutboxRelay(dataSource, createKafka({ ...connection, brokers }), {
      name: `test-${spec.topic}`,
      topics: [spec],
      pollIntervalMs: 20,
      batchSize: 7,
      retentionHours: 1,
      ...options,
    });
  const TEN_MINUTES = 600_000;
  const append = (key: string, n: number) => dataSource.transaction((manager) => appendToOutbox(manager, { topic: spec.topic, key, event: event(n) }));
  /** Ends the backend of the relay's listener connection, as a network failure or a restarted server would. */
  const terminateListener = async (instanceId: string): Promise<number> => {
    const rows: unknown[] = await dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [`outbox-relay listener ${instanceId}`]);
    return rows.length;
  };

  beforeEach(async () => {
    database = await createTestDatabase('outbox');
    dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    const runner = dataSource.createQueryRunner();
    await createOutboxTable(runner);
    await addOutboxTraceContext(runner);
    await addOutboxNotifyTrigger(runner);
    await runner.release();
    spec = { topic: `test.outbox.${uniqueSuffix()}`, partitions: 3, compacted: false };
  });

  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
    await dataSource.destroy();
    await database.drop();
  });

  it('publishes every row once, keeping each key in the order of its rows', async () => {
    for (let n = 0; n < 30; n += 1) {
      await dataSource.transaction((manager) => appendToOutbox(manager, { topic: spec.topic, key: `key-${n % 3}`, event: event(n) }));
    }
    relay = relayFor(connection.brokers);
    relay.start();
    await eventually(async () => expect(await relay?.pendingCount()).toBe(0));

    const messages = await readWholeTopic(kafka, spec.topic);
    expect(messages).toHaveLength(30);
    for (const key of ['key-0', 'key-1', 'key-2']) {
      const ns = messages.filter((m) => m.key === key).map((m) => JSON.parse(m.value ?? '{}').n);
      expect(ns).toEqual([...ns].sort((a, b) => a - b));
      expect(new Set(messages.filter((m) => m.key === key).map((m) => m.partition)).size).toBe(1);
    }
  });

  it('does not skip a row whose transaction commits after a later row’s', async () => {
    relay = relayFor(connection.brokers);
    relay.start();
    const slow = dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    await appendToOutbox(slow.manager, { topic: spec.topic, key: 'slow', event: event(1) });
    await dataSource.transaction((manager) => appendToOutbox(manager, { topic: spec.topic, key: 'fast', event: event(2) }));

    await eventually(async () => expect((await readWholeTopic(kafka, spec.topic)).map((m) => m.key)).toEqual(['fast']));
    await slow.commitTransaction();
    await slow.release();
    await eventually(async () => expect((await readWholeTopic(kafka, spec.topic)).map((m) => m.key).sort()).toEqual(['fast', 'slow']));
  });

  it('keeps rows while the broker is unreachable, and publishes them when it answers', async () => {
    await dataSource.transaction((manager) => appendToOutbox(manager, { topic: spec.topic, key: 'k', event: event(1) }));
    relay = relayFor(['127.0.0.1:1']);
    relay.start();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await relay.pendingCount()).toBe(1);
    await relay.stop();

    relay = relayFor(connection.brokers);
    relay.start();
    await eventually(async () => expect(await relay?.pendingCount()).toBe(0));
    expect(await readWholeTopic(kafka, spec.topic)).toHaveLength(1);
  });

  it('sends the trace context a row was written in as the message’s traceparent, and none for a row written outside any trace', async () => {
    startTracing({ service: 'outbox-test', exporter: 'none' });
    const incoming = `00-${randomUUID().replace(/-/g, '')}-00f067aa0ba902b7-01`;
    const { span, run } = startServerSpan('POST', '/things', { traceparent: incoming, tracestate: 'registry=1' });
    await run(() => dataSource.transaction((manager) => appendToOutbox(manager, { topic: spec.topic, key: 'traced', event: event(1) })));
    endServerSpan(span, 201);
    await dataSource.transaction((manager) => appendToOutbox(manager, { topic: spec.topic, key: 'untraced', event: event(2) }));
    const [stored] = await dataSource.query(`SELECT trace_context FROM outbox WHERE message_key = 'traced'`);
    expect(stored.trace_context).toEqual({ traceparent: `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`, tracestate: 'registry=1' });

    relay = relayFor(connection.brokers);
    relay.start();
    await eventually(async () => expect(await relay?.pendingCount()).toBe(0));
    const messages = await readWholeTopic(kafka, spec.topic);
    const traced = messages.find((m) => m.key === 'traced');
    expect(traced?.headers?.['traceparent']?.toString()).toBe(`00-${incoming.split('-')[1]}-${span.spanContext().spanId}-01`);
    expect(traced?.headers?.['tracestate']?.toString()).toBe('registry=1');
    expect(messages.find((m) => m.key === 'untraced')?.headers).toEqual({});
  });

  it('publishes a committed row when its notification arrives, without waiting for the poll', async () => {
    // With a poll of ten minutes, only a wake-up can publish within eventually's twenty seconds.
    relay = relayFor(connection.brokers, { pollIntervalMs: TEN_MINUTES });
    relay.start();
    await eventually(() => expect(relay?.isListening()).toBe(true));
    await append('first', 1);
    await eventually(async () => expect(await relay?.pendingCount()).toBe(0));
    await append('second', 2);
    await eventually(async () => expect(await relay?.pendingCount()).toBe(0));
    expect((await readWholeTopic(kafka, spec.topic)).map((m) => m.key)).toEqual(['first', 'second']);
  });

  it('still publishes by the poll when notifications are lost with the listener’s connection', async () => {
    relay = relayFor(connection.brokers, { pollIntervalMs: 300, listenRetryMs: TEN_MINUTES });
    relay.start();
    await eventually(() => expect(relay?.isListening()).toBe(true));
    expect(await terminateListener(relay.instanceId)).toBe(1);
    await eventually(() => expect(relay?.isListening()).toBe(false));

    await append('unannounced', 1);
    await eventually(async () => expect(await relay?.pendingCount()).toBe(0));
    expect((await readWholeTopic(kafka, spec.topic)).map((m) => m.key)).toEqual(['unannounced']);
    // Nobody listened: the poll published it, and the relay kept its lease throughout.
    expect(relay.isListening()).toBe(false);
    expect(relay.isPublishing()).toBe(true);
  });

  it('replaces a dropped listener, whose notifications then wake the relay again', async () => {
    relay = relayFor(connection.brokers, { pollIntervalMs: TEN_MINUTES, listenRetryMs: 200 });
    relay.start();
    await eventually(() => expect(relay?.isListening()).toBe(true));
    const listenerPid = async () => {
      const [row] = await dataSource.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1`, [`outbox-relay listener ${relay?.instanceId}`]);
      return row?.pid as number | undefined;
    };
    const first = await listenerPid();
    expect(await terminateListener(relay.instanceId)).toBe(1);
    await eventually(async () => {
      const next = await listenerPid();
      expect(next).toBeDefined();
      expect(next).not.toBe(first);
    });

    await append('after-reconnect', 1);
    await eventually(async () => expect(await relay?.pendingCount()).toBe(0));
    expect((await readWholeTopic(kafka, spec.topic)).map((m) => m.key)).toEqual(['after-reconnect']);
  });

  it('leaves no listening connection behind in the pool once stopped', async () => {
    relay = relayFor(connection.brokers);
    relay.start();
    await eventually(() => expect(relay?.isListening()).toBe(true));
    await relay.stop();
    relay = undefined;
    const listening = await dataSource.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'outbox-relay listener %'`);
    expect(listening).toEqual([]);
  });

  it('refuses to append outside a transaction', async () => {
    await expect(appendToOutbox(dataSource.manager, { topic: spec.topic, key: 'k', event: event(1) })).rejects.toThrow(/inside the transaction/);
  });
});
