import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topics } from '@registry/contracts';
import { createKafka, OutboxRelay } from '@registry/kafka';
import { ConsumerLagReader } from '@registry/metrics';
import {
  bearer,
  companyRegisterChanged,
  createTestDatabase,
  eventually,
  publishRegisterChanges,
  sampleValue,
  samplesOf,
  startInProcess,
  testKafka,
  uniqueSuffix,
  type TestDatabase,
} from '@registry/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { contactsTestSettings, registerInContacts } from './contacts-test-settings';
import { createContactsApp } from '../src/contacts.app';

const suffix = uniqueSuffix();
const company = `METRICS-${suffix}`;
const METRICS_TOKEN = `metrics-token-${suffix}-for-the-test-scraper`;
const kafka = createKafka(testKafka('contacts-metrics-test'));

describe('contacts /metrics', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;
  let group: string;
  const logLines: string[] = [];

  const scrape = async (authorization: string | null = `Bearer ${METRICS_TOKEN}`) =>
    app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
  const metrics = async () => {
    const response = await scrape();
    expect(response.statusCode).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    const write = process.stdout.write.bind(process.stdout) as (chunk: string | Uint8Array) => boolean;
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      if (typeof chunk === 'string' && chunk.includes('"msg":"request"')) {
        logLines.push(chunk);
        return true;
      }
      return write(chunk);
    });
    database = await createTestDatabase('contacts_metrics');
    const settings = contactsTestSettings(database.url, { METRICS_TOKEN, LOG_LEVEL: 'log' });
    group = settings.KAFKA_CONSUMER_GROUP;
    app = await startInProcess(createContactsApp, settings);
    dataSource = app.get(DataSource);
    await registerInContacts(app, kafka, [company]);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await app?.close();
    await database?.drop();
  });

  describe('who can read it', () => {
    it('wants the metrics token: none or a wrong one is 401, the right one 200 in Prometheus text', async () => {
      const none = await scrape(null);
      expect(none.statusCode).toBe(401);
      expect(none.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
      const wrong = await scrape(`Bearer ${METRICS_TOKEN.slice(0, -1)}x`);
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toMatchObject({ code: 'INVALID_TOKEN' });
      // A person's access token is no metrics token.
      const person = await scrape(bearer('admin', 'GROUP-HD'));
      expect(person.statusCode).toBe(401);
      const right = await scrape();
      expect(right.statusCode).toBe(200);
      expect(right.headers['content-type']).toContain('text/plain');
      expect(sampleValue(right.body, 'process_cpu_user_seconds_total', { service: 'contacts' })).toBeGreaterThan(0);
    });

    it('keeps successful scrapes out of the access log, and refused ones in it', async () => {
      logLines.length = 0;
      await scrape();
      await scrape(null);
      await app.inject({ method: 'GET', url: '/health' });
      const routes = logLines.map((line) => JSON.parse(line) as { route: string; status: number });
      expect(routes).toContainEqual(expect.objectContaining({ route: '/health', status: 200 }));
      expect(routes).toContainEqual(expect.objectContaining({ route: '/metrics', status: 401 }));
      expect(routes).not.toContainEqual(expect.objectContaining({ route: '/metrics', status: 200 }));
    });

    it('is not in the OpenAPI document', async () => {
      const document = (await app.inject({ method: 'GET', url: '/docs/openapi.json' })).json() as { paths: Record<string, unknown> };
      expect(Object.keys(document.paths)).not.toContain('/metrics');
      expect(Object.keys(document.paths)).toContain('/contacts/{id}');
    });
  });

  it('times requests by route template, never by the URL as sent', async () => {
    const id = randomUUID();
    const email = `hanako.${suffix}@example.co.jp`;
    const response = await app.inject({ method: 'GET', url: `/contacts/${id}?email=${encodeURIComponent(email)}`, headers: { authorization: bearer('sales', company) } });
    expect(response.statusCode).toBe(404);
    await app.inject({ method: 'GET', url: `/no-such-route/${id}` });
    const text = await metrics();
    expect(sampleValue(text, 'registry_http_request_duration_seconds_count', { route: '/contacts/:id', method: 'GET', status_class: '4xx', service: 'contacts' })).toBeGreaterThanOrEqual(1);
    expect(samplesOf(text, 'registry_http_request_duration_seconds_bucket', { route: '/contacts/:id', le: '0.1' })).toHaveLength(1);
    expect(samplesOf(text, 'registry_http_request_duration_seconds_count', { route: 'unmatched' }).length).toBeGreaterThanOrEqual(1);
    // Neither the id nor the query string nor the unmatched path is anywhere in the metrics.
    expect(text).not.toContain(id);
    expect(text).not.toContain(suffix);
    expect(text).not.toContain('no-such-route');
  });

  it('counts dead letters, in the database and as dead-lettered by this process', async () => {
    const key = `METRICS-DL-${suffix}`;
    const before = await metrics();
    const keptBefore = samplesOf(before, 'registry_dead_letters', { topic: Topics.companyRegister })[0]?.value ?? 0;
    await publishRegisterChanges(kafka, [{ ...companyRegisterChanged(key), relationship: 'NOT_A_RELATIONSHIP' as never }]);
    await eventually(async () => {
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM dead_letters WHERE message_key = convert_to($1, 'UTF8')`, [key]);
      expect(n).toBe(1);
    });
    await eventually(async () => {
      const text = await metrics();
      expect(sampleValue(text, 'registry_dead_letters', { topic: Topics.companyRegister })).toBe(keptBefore + 1);
      expect(sampleValue(text, 'registry_dead_lettered_messages_total', { topic: Topics.companyRegister })).toBeGreaterThanOrEqual(1);
    });
  });

  it("reports the lag of the service's consumer group on each partition it consumes", async () => {
    // Caught up once the register event above is in; the reading is cached for ten seconds.
    await eventually(
      async () => {
        const text = await metrics();
        expect(sampleValue(text, 'registry_consumer_lag', { group, topic: Topics.companyRegister, partition: '0' })).toBe(0);
        expect(sampleValue(text, 'registry_metrics_source_up', { source: 'kafka' })).toBe(1);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  });

  it('reports the outbox backlog and the age of its oldest row from the database', async () => {
    await app.get(OutboxRelay).stop();
    const text = await metrics();
    expect(sampleValue(text, 'registry_outbox_unpublished')).toBe(0);
    expect(sampleValue(text, 'registry_outbox_oldest_unpublished_age_seconds')).toBe(0);
    await dataSource.query(
      `INSERT INTO outbox (event_id, topic, message_key, payload, created_at)
       SELECT gen_random_uuid(), $1, gen_random_uuid()::text, '{}'::jsonb, now() - make_interval(secs => s) FROM unnest(ARRAY[30, 120, 5]) AS s`,
      [Topics.contact],
    );
    await eventually(async () => {
      const backlog = await metrics();
      expect(sampleValue(backlog, 'registry_outbox_unpublished')).toBe(3);
      expect(sampleValue(backlog, 'registry_outbox_oldest_unpublished_age_seconds')).toBeGreaterThanOrEqual(120);
      expect(sampleValue(backlog, 'registry_outbox_oldest_unpublished_age_seconds')).toBeLessThan(180);
    });
    // Published by whichever replica holds the relay: the gauge follows the table, not this process.
    await dataSource.query(`UPDATE outbox SET published_at = now() WHERE published_at IS NULL`);
    await eventually(async () => expect(sampleValue(await metrics(), 'registry_outbox_unpublished')).toBe(0));
  });
});

describe('ConsumerLagReader', () => {
  const topic = `metrics-lag-${uniqueSuffix()}`;
  const groupId = `metrics-lag-group-${uniqueSuffix()}`;
  const admin = kafka.admin();

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [0, 0, 0, 0, 0].map((_, i) => ({ partition: 0, value: `m${i}` })).concat([{ partition: 1, value: 'n0' }, { partition: 1, value: 'n1' }]) });
    await producer.disconnect();
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('is the end offset minus the committed offset, all of a partition where the group committed nothing', async () => {
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '2' }] });
    const reader = new ConsumerLagReader(kafka, groupId, [topic], 0);
    try {
      expect(await reader.lags()).toEqual([
        { topic, partition: 0, lag: 3 },
        { topic, partition: 1, lag: 2 },
      ]);
    } finally {
      await reader.close();
    }
  });
});
