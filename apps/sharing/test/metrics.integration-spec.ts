import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topics } from '@registry/contracts';
import { bearer, createTestDatabase, eventually, sampleValue, samplesOf, startInProcess, testSettings, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { randomUUID } from 'node:crypto';
import { SharingSettings } from '../src/config/env.validation';
import { createSharingApp } from '../src/sharing.app';

const suffix = uniqueSuffix();
const METRICS_TOKEN = `sharing-metrics-token-${suffix}-0123456789`;

describe('sharing /metrics', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const group = `sharing-test-${suffix}`;

  const scrape = (authorization?: string) => app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

  beforeAll(async () => {
    database = await createTestDatabase('sharing_metrics');
    app = await startInProcess(createSharingApp, testSettings(SharingSettings, database.url, { KAFKA_CONSUMER_GROUP: group, METRICS_TOKEN }));
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('answers only the metrics token; a company token is refused like none', async () => {
    expect((await scrape()).statusCode).toBe(401);
    expect((await scrape(bearer('company', `JP-${suffix}`))).statusCode).toBe(401);
    expect((await scrape(`Bearer ${METRICS_TOKEN}`)).statusCode).toBe(200);
  });

  it("labels a read by its route template, and reports the group's lag on the contact topic", async () => {
    const id = randomUUID();
    await app.inject({ method: 'GET', url: `/shared-contacts/${id}?purpose=SALES`, headers: { authorization: bearer('company', `JP-${suffix}`) } });
    await eventually(
      async () => {
        const text = (await scrape(`Bearer ${METRICS_TOKEN}`)).body;
        expect(samplesOf(text, 'registry_http_request_duration_seconds_count', { route: '/shared-contacts/:id', method: 'GET', service: 'sharing' })).toHaveLength(1);
        expect(text).not.toContain(id);
        expect(samplesOf(text, 'registry_consumer_lag', { group, topic: Topics.contact }).length).toBeGreaterThanOrEqual(1);
        expect(sampleValue(text, 'registry_outbox_unpublished')).toBeGreaterThanOrEqual(0);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  });
});
