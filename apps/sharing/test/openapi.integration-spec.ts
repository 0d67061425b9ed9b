import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { openApiGaps, operationsOf } from '@registry/platform';
import { createTestDatabase, startInProcess, testSettings, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { createSharingApp } from '../src/sharing.app';
import { SharingSettings } from '../src/config/env.validation';

// The desk's typed client is generated from this document: every operation needs a stable name, its success body and its error body.
describe('sharing: the OpenAPI document', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    database = await createTestDatabase('sharing_openapi');
    app = await startInProcess(createSharingApp, testSettings(SharingSettings, database.url, { KAFKA_CONSUMER_GROUP: `sharing-openapi-${uniqueSuffix()}` }));
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('names every operation and documents its success and error responses with schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(operationsOf(document).length).toBeGreaterThan(0);
    expect(openApiGaps(document)).toEqual([]);
    const ids = operationsOf(document).map(({ operation }) => operation.operationId);
    expect(ids).toEqual(expect.arrayContaining(['searchSharedContacts', 'getSharedContact', 'putGroupCompany', 'getJointUseNotice']));
  });
});
