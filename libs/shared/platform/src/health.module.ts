import { Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { HealthController } from './health.controller';

/**
 * GET /health (liveness) and GET /health/ready (database and Kafka). Needs TypeORM and KafkaModule in the app.
 * Logs the end of a graceful shutdown, once every other hook has run.
 */
@Module({ controllers: [HealthController] })
export class HealthModule implements OnApplicationShutdown {
  onApplicationShutdown(signal?: string): void {
    Logger.log({ msg: 'stopped', signal: signal ?? null }, 'Lifecycle');
  }
}
