import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadSettingsOrExit, type CommonSettings } from '@registry/config';
import { loggableError } from '@registry/persistence';
import { startTracing } from '@registry/tracing';
import type { ClassConstructor } from 'class-transformer';
import { createServiceLogger } from './service-logger';

/** main.ts of every service: read and validate settings, create the app, listen, say where it is. */
export async function startService<S extends CommonSettings>(
  service: string,
  settingsType: ClassConstructor<S>,
  create: (settings: S) => Promise<NestFastifyApplication>,
): Promise<void> {
  const settings = loadSettingsOrExit(settingsType, service);
  // From here on every line is JSON, including those written before the app exists (migrations run early).
  Logger.overrideLogger(createServiceLogger(service, settings.LOG_LEVEL).logger);
  startTracing({ service, exporter: settings.OTEL_TRACES_EXPORTER, endpoint: settings.OTEL_EXPORTER_OTLP_ENDPOINT });
  logProcessWarningsAsJson();
  try {
    const app = await create(settings);
    await app.listen({ port: settings.PORT, host: settings.HOST });
    const url = `http://${settings.HOST}:${settings.PORT}`;
    Logger.log({ msg: `${service} listening`, url, docs: `${url}/docs`, readiness: `${url}/health/ready` }, 'Bootstrap');
  } catch (error) {
    Logger.fatal({ msg: `${service} cannot start`, error: loggableError(error) }, 'Bootstrap');
    process.exit(1);
  }
}

/**
 * Node writes its process warnings (a deprecation, a negative timer that a dependency sets) to stderr as plain
 * text; they go through the service's logger instead, so that every line stays JSON.
 */
function logProcessWarningsAsJson(): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => Logger.warn({ msg: 'process warning', warning: warning.name, detail: warning.message }, 'Process'));
}
