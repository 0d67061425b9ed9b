import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer, createTestDatabase, startInProcess, type TestDatabase } from '@registry/testing';
import { DataSource } from 'typeorm';
import { createContactsApp } from '../src/contacts.app';
import { CONTACTS_MIGRATIONS } from '../src/database/data-source';
import { SubjectRequestsService } from '../src/rights/subject-requests.service';
import { contactsTestSettings } from './contacts-test-settings';

describe('contacts: two instances on one database', () => {
  let database: TestDatabase;
  let instances: NestFastifyApplication[];

  beforeAll(async () => {
    database = await createTestDatabase('contacts_replicas');
    // Both start at once on the empty database: each migration runs once, and neither fails.
    instances = await Promise.all([startInProcess(createContactsApp, contactsTestSettings(database.url)), startInProcess(createContactsApp, contactsTestSettings(database.url))]);
  });

  afterAll(async () => {
    await Promise.all(instances.map((app) => app.close()));
    await database.drop();
  });

  it('applied every migration once', async () => {
    const applied: { name: string }[] = await instances[0]!.get(DataSource).query(`SELECT name FROM schema_migrations ORDER BY id`);
    expect(applied.map((row) => row.name)).toEqual(CONTACTS_MIGRATIONS.map((migration) => migration.name));
  });

  it('raises one overdue alert per request when both check at the same moment', async () => {
    const admin = bearer('admin', 'GROUP-HD');
    const opened = await instances[0]!.inject({ method: 'POST', url: '/subject-requests', headers: { authorization: admin }, payload: { type: 'DISCLOSURE', person: { email: 'late@example.co.jp' }, deliveryMethod: 'ELECTRONIC' } });
    expect(opened.statusCode).toBe(201);
    const later = new Date(Date.now() + 30 * 24 * 3600_000);

    const raised = await Promise.all(instances.map((app) => app.get(SubjectRequestsService).raiseOverdueAlerts(later)));
    expect(raised.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(1);
    const alerts: unknown[] = await instances[0]!.get(DataSource).query(`SELECT id FROM desk_alerts WHERE kind = 'REQUEST_OVERDUE' AND subject_id = $1`, [opened.json().id]);
    expect(alerts).toHaveLength(1);
  });
});
