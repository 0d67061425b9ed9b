import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadSettingsOrExit, type CommonSettings } from '@registry/config';
import type { ClassConstructor } from 'class-transformer';

/** main.ts of every service: read and validate settings, create the app, listen, say where it is. */
export async function startService<S extends CommonSettings>(
  service: string,
  settingsType: ClassConstructor<S>,
  create: (settings: S) => Promise<NestFastifyApplication>,
): Promise<void> {
  const settings = loadSettingsOrExit(settingsType, service);
  try {
    const app = await create(settings);
    await app.listen({ port: settings.PORT, host: settings.HOST });
    const url = `http://${settings.HOST}:${settings.PORT}`;
    Logger.log({ msg: `${service} listening`, url, docs: `${url}/docs`, readiness: `${url}/health/ready` }, 'Bootstrap');
  } catch (error) {
    console.error(`${service} cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
