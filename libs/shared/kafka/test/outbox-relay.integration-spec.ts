import { createTestDatabase, eventually, readWholeTopic, testKafka, uniqueSuffix, type TestDatabase } from '@registry/testing';
import type { EventEnvelope, TopicSpec } from '@registry/contracts';
import { startTracing, startServerSpan, endServerSpan } from '@registry/tracing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addOutboxTraceContext, appendToOutbox, createKafka, createOutboxTable, OutboxRelay } from '../src';

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

  const relayFor = (brokers: string[]) =>
    new OutboxRelay(dataSource, createKafka({ ...connection, brokers }), {
      name: `test-${spec.topic}`,
      topics: [spec],
      pollIntervalMs: 20,
      batchSize: 7,
      retentionHours: 1,
    });

  beforeEach(async () => {
    database = await createTestDatabase('outbox');
    dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    const runner = dataSource.createQueryRunner();
    await createOutboxTable(runner);
    await addOutboxTraceContext(runner);
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

  it('refuses to append outside a transaction', async () => {
    await expect(appendToOutbox(dataSource.manager, { topic: spec.topic, key: 'k', event: event(1) })).rejects.toThrow(/inside the transaction/);
  });
});
