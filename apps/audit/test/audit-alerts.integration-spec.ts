import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topics, type AccessRecordedEvent } from '@registry/contracts';
import { createKafka, createReliableProducer } from '@registry/kafka';
import { bearer, createTestDatabase, eventually, readWholeTopic, sampleAccessEvent, startInProcess, testKafka, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { randomUUID } from 'node:crypto';
import { createAuditApp } from '../src/audit.app';
import type { Alert } from '../src/alerts/alerts.service';
import { auditTestSettings } from './audit-test-settings';

const suffix = uniqueSuffix();
const admin = bearer('admin', 'GROUP-HD');
const kafka = createKafka(testKafka('audit-alerts-test'));

async function publish(events: AccessRecordedEvent[]): Promise<void> {
  const producer = createReliableProducer(kafka);
  await producer.connect();
  await producer.send({ topic: Topics.access, messages: events.map((event) => ({ key: event.accessId, value: JSON.stringify(event) })) });
  await producer.disconnect();
}

describe('audit alerts', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;

  const alertsOf = async (companyCode: string, status = ''): Promise<Alert[]> => {
    const response = await app.inject({ method: 'GET', url: `/audit/alerts?limit=500${status ? `&status=${status}` : ''}`, headers: { authorization: admin } });
    expect(response.statusCode).toBe(200);
    return (response.json().alerts as Alert[]).filter((alert) => alert.companyCode === companyCode);
  };
  const acknowledge = (id: string, note?: string) =>
    app.inject({ method: 'POST', url: `/audit/alerts/${id}/acknowledgement`, headers: { authorization: admin }, payload: note === undefined ? {} : { note } });

  beforeAll(async () => {
    database = await createTestDatabase('audit_alerts');
    app = await startInProcess(
      createAuditApp,
      auditTestSettings(database.url, { KAFKA_CONSUMER_GROUP: `audit-alerts-${suffix}`, ALERT_READ_LIMIT: '10', ALERT_REFUSAL_LIMIT: '3' }),
    );
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('raises READ_RATE when a company reads more contacts than the limit within the window, and publishes it', async () => {
    const company = `READER-${suffix}`;
    await publish([sampleAccessEvent({ companyCode: company, operation: 'SEARCH_CONTACTS', contactIds: Array.from({ length: 6 }, () => randomUUID()) })]);
    await eventually(async () => expect((await app.inject({ method: 'GET', url: `/audit/accesses?companyCode=${company}`, headers: { authorization: admin } })).json().records).toHaveLength(1));
    expect(await alertsOf(company)).toEqual([]);

    await publish([sampleAccessEvent({ companyCode: company, operation: 'SEARCH_CONTACTS', contactIds: Array.from({ length: 5 }, () => randomUUID()) })]);
    const [alert] = await eventually(async () => {
      const alerts = await alertsOf(company);
      expect(alerts).toHaveLength(1);
      return alerts;
    });
    expect(alert).toEqual(expect.objectContaining({ rule: 'READ_RATE', detail: '11 contacts read within 60 minutes (limit 10)', acknowledgedAt: null }));
    await eventually(async () => {
      const published = (await readWholeTopic(kafka, Topics.alert)).map((m) => JSON.parse(m.value ?? '{}'));
      expect(published).toContainEqual(expect.objectContaining({ eventType: 'AlertRaised', alertId: alert?.id, rule: 'READ_RATE', companyCode: company }));
    });
  });

  it('raises READ_RATE for polled statistics: each request counts the persons it aggregated, though it names none', async () => {
    const company = `POLLER-${suffix}`;
    // As sharing records a granted statistics request: no contact id, the number of persons counted.
    const statistics = () => sampleAccessEvent({ companyCode: company, operation: 'READ_STATISTICS', purpose: 'STATISTICS', contactIds: [], personsAggregated: 4 });
    await publish([statistics(), statistics()]);
    const records = await eventually(async () => {
      const found = (await app.inject({ method: 'GET', url: `/audit/accesses?companyCode=${company}`, headers: { authorization: admin } })).json().records;
      expect(found).toHaveLength(2);
      return found;
    });
    expect(records).toEqual([
      expect.objectContaining({ operation: 'READ_STATISTICS', contactIds: [], personsAggregated: 4 }),
      expect.objectContaining({ operation: 'READ_STATISTICS', contactIds: [], personsAggregated: 4 }),
    ]);
    const csv = (await app.inject({ method: 'GET', url: `/audit/accesses/export.csv?companyCode=${company}`, headers: { authorization: admin } })).body.trim().split('\r\n');
    const column = csv[0]?.split(',').indexOf('persons_aggregated') ?? -1;
    expect(csv.slice(1).map((line) => line.split(',')[column])).toEqual(['4', '4']);
    expect(await alertsOf(company)).toEqual([]);

    await publish([statistics()]);
    const [alert] = await eventually(async () => {
      const alerts = await alertsOf(company);
      expect(alerts).toHaveLength(1);
      return alerts;
    });
    expect(alert).toEqual(expect.objectContaining({ rule: 'READ_RATE', detail: '12 contacts read within 60 minutes (limit 10)' }));
    const verified = await app.inject({ method: 'GET', url: '/audit/verify?full=true', headers: { authorization: admin } });
    expect(verified.json()).toMatchObject({ status: 'INTACT' });
  });

  it('raises REPEATED_REFUSALS once, counts further refusals on it, and a new one after acknowledgement', async () => {
    const company = `REFUSED-${suffix}`;
    const refused = () => sampleAccessEvent({ companyCode: company, outcome: 'DENIED', reason: 'PURPOSE_NOT_ALLOWED', purpose: 'RECRUITING', contactIds: [] });
    await publish([refused(), refused()]);
    await eventually(async () => expect((await app.inject({ method: 'GET', url: `/audit/accesses?companyCode=${company}`, headers: { authorization: admin } })).json().records).toHaveLength(2));
    expect(await alertsOf(company)).toEqual([]);

    await publish([refused()]);
    const [first] = await eventually(async () => {
      const alerts = await alertsOf(company, 'OPEN');
      expect(alerts).toHaveLength(1);
      return alerts;
    });
    expect(first).toEqual(expect.objectContaining({ rule: 'REPEATED_REFUSALS', occurrences: 1 }));

    await publish([refused()]);
    await eventually(async () => expect((await alertsOf(company, 'OPEN'))[0]?.occurrences).toBe(2));

    const acknowledged = await acknowledge(first?.id as string, 'Called their IT: a misconfigured batch job.');
    expect(acknowledged.statusCode).toBe(200);
    expect(acknowledged.json()).toEqual(expect.objectContaining({ acknowledgedBy: 'admin-group-hd', note: 'Called their IT: a misconfigured batch job.', acknowledgedAt: expect.any(String) }));
    expect((await acknowledge(first?.id as string)).json()).toEqual(expect.objectContaining({ statusCode: 409, code: 'ALERT_ALREADY_ACKNOWLEDGED' }));

    await publish([refused()]);
    await eventually(async () => expect(await alertsOf(company, 'OPEN')).toHaveLength(1));
    expect(await alertsOf(company)).toHaveLength(2);
    expect(await alertsOf(company, 'ACKNOWLEDGED')).toEqual([expect.objectContaining({ id: first?.id })]);
  });

  it('raises INELIGIBLE_COMPANY on any attempt by a company that is not eligible', async () => {
    const company = `GONE-${suffix}`;
    await publish([sampleAccessEvent({ companyCode: company, outcome: 'DENIED', reason: 'LEFT_GROUP', contactIds: [] })]);
    const [alert] = await eventually(async () => {
      const alerts = await alertsOf(company);
      expect(alerts).toHaveLength(1);
      return alerts;
    });
    expect(alert).toEqual(expect.objectContaining({ rule: 'INELIGIBLE_COMPANY', occurrences: 1 }));
    expect(alert?.detail).toContain('LEFT_GROUP ×1');
  });

  it('answers unknown and malformed alert ids and bad filters clearly, and the administrator only', async () => {
    expect((await acknowledge(randomUUID())).json()).toEqual(expect.objectContaining({ statusCode: 404, code: 'ALERT_NOT_FOUND' }));
    expect((await acknowledge('not-an-id')).statusCode).toBe(400);
    const bad = await app.inject({ method: 'GET', url: '/audit/alerts?status=CLOSED', headers: { authorization: admin } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { field: string }) => d.field)).toEqual(['status']);
    expect((await app.inject({ method: 'GET', url: '/audit/alerts?cursor=bm9wZQ', headers: { authorization: admin } })).json()).toEqual(
      expect.objectContaining({ statusCode: 400, code: 'INVALID_CURSOR' }),
    );
    expect((await app.inject({ method: 'GET', url: '/audit/alerts', headers: { authorization: bearer('company', 'GONE') } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/audit/alerts/${randomUUID()}/acknowledgement`, headers: { authorization: bearer('sales', 'GONE') }, payload: {} })).statusCode).toBe(403);
  });
});
