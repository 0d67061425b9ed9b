import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadSettings } from '@registry/config';
import type { ClassConstructor } from 'class-transformer';
import { testInfrastructure } from './test-environment';
import { testAuthSettings } from './tokens';

/** A service's settings for a test: its own database, the test run's broker, the test identity provider, and any overrides. */
export function testSettings<S extends object>(type: ClassConstructor<S>, databaseUrl: string, overrides: Record<string, string> = {}): S {
  return loadSettings(type, {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: testInfrastructure().kafkaBrokers.join(','),
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
