import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, eventually, kafkaSettingsAs, startInProcess, testBroker, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { createContactsApp } from '../src/contacts.app';
import { contactsTestSettings } from './contacts-test-settings';

describe('contacts: readiness follows its consumer', () => {
  let database: TestDatabase;
  const apps: NestFastifyApplication[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('contacts_readiness');
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await database.drop();
  });

  // As its own principal, which may use consumer groups whose names start with "contacts" only.
  const start = async (group: string) => {
    const app = await startInProcess(createContactsApp, contactsTestSettings(database.url, { ...kafkaSettingsAs(testBroker(), 'contacts'), KAFKA_CONSUMER_GROUP: group }));
    apps.push(app);
    return app;
  };
  const readiness = async (app: NestFastifyApplication) => {
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    return { status: response.statusCode, body: response.json() };
  };

  it('is ready once its consumer has joined the group and holds the register topic', async () => {
    const group = `contacts-ready-${uniqueSuffix()}`;
    const app = await start(group);
    await eventually(async () =>
      expect(await readiness(app)).toEqual({
        status: 200,
        body: {
          status: 'ok',
          checks: { database: 'up', kafka: 'up', consumer: 'up' },
          consumers: [expect.objectContaining({ groupId: group, state: 'consuming', partitions: 1 })],
        },
      }),
    );
  });

  it('is not ready, and names the refusal, when the broker refuses its consumer group', async () => {
    const group = `refused-${uniqueSuffix()}`;
    const app = await start(group);
    await eventually(
      async () =>
        expect(await readiness(app)).toEqual({
          status: 503,
          body: {
            status: 'unavailable',
            checks: { database: 'up', kafka: 'up', consumer: 'down' },
            consumers: [expect.objectContaining({ groupId: group, state: 'failed', reason: 'GROUP_AUTHORIZATION_FAILED' })],
          },
        }),
      { timeoutMs: 30_000 },
    );
  });
});
