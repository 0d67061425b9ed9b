import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '@registry/auth';
import { KafkaProbe } from '@registry/kafka';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';

type CheckState = 'up' | 'down';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(KafkaProbe) private readonly kafka: KafkaProbe,
  ) {}

  @Get()
  @PublicRoute()
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @PublicRoute()
  @ApiOperation({ summary: 'Readiness: the database and Kafka are reachable (503 otherwise)' })
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const [database, kafka] = await Promise.all([this.databaseState(), this.kafka.reachable().then((up): CheckState => (up ? 'up' : 'down'))]);
    const ok = database === 'up' && kafka === 'up';
    await reply.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send({ status: ok ? 'ok' : 'unavailable', checks: { database, kafka } });
  }

  private async databaseState(): Promise<CheckState> {
    try {
      await this.dataSource.query('SELECT 1');
      return 'up';
    } catch {
      return 'down';
    }
  }
}
