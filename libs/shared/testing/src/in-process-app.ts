import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadSettings } from '@registry/config';
import type { ClassConstructor } from 'class-transformer';
import { kafkaSettingsAs } from './broker-access';
import { testBroker } from './test-environment';
import { testAuthSettings } from './tokens';

/**
 * A service's settings for a test: its own database, the test run's broker, the test identity provider, and any
 * overrides. In-process tests connect as the broker's super user, since they use consumer groups and topics of
 * their own; the end-to-end tests run each service as its own principal.
 */
export function testSettings<S extends object>(type: ClassConstructor<S>, databaseUrl: string, overrides: Record<string, string> = {}): S {
  return loadSettings(type, {
    DATABASE_URL: databaseUrl,
    ...kafkaSettingsAs(testBroker(), 'admin'),
    ...testAuthSettings(),
    LOG_LEVEL: 'warn',
    ...overrides,
  });
}

/** Creates and initialises a service in this process; requests go through Fastify's inject, no port is opened. */
export async function startInProcess<S>(create: (settings: S) => Promise<NestFastifyApplication>, settings: S): Promise<NestFastifyApplication> {
  const app = await create(settings);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
