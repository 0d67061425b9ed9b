import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '@registry/auth';
import { ConsumerReadiness, KafkaProbe, type ConsumerStatus } from '@registry/kafka';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';

type CheckState = 'up' | 'down';
const CHECK_STATES = ['up', 'down'];

class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

class ReadinessChecksDto {
  @ApiProperty({ enum: CHECK_STATES }) database!: CheckState;
  @ApiProperty({ enum: CHECK_STATES }) kafka!: CheckState;
  @ApiPropertyOptional({ enum: CHECK_STATES, description: 'Present when the service consumes topics' }) consumer?: CheckState;
}

class ConsumerStatusDto implements ConsumerStatus {
  @ApiProperty() groupId!: string;
  @ApiProperty({ enum: ['joining', 'consuming', 'failed', 'stopped'] }) state!: ConsumerStatus['state'];
  @ApiProperty({ description: 'Partitions assigned at the last join; 0 is a standby' }) partitions!: number;
  @ApiPropertyOptional({ description: 'Why it failed, as the broker or client named it' }) reason?: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
}

class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status!: 'ok' | 'unavailable';
  @ApiProperty({ type: ReadinessChecksDto }) checks!: ReadinessChecksDto;
  @ApiPropertyOptional({ type: [ConsumerStatusDto] }) consumers?: ConsumerStatusDto[];
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(KafkaProbe) private readonly kafka: KafkaProbe,
    @Inject(ConsumerReadiness) private readonly consumers: ConsumerReadiness,
  ) {}

  @Get()
  @PublicRoute()
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process is up and serving HTTP' })
  @ApiOkResponse({ type: LivenessDto })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @PublicRoute()
  @ApiOperation({ operationId: 'getReadiness',
    summary:
      'Readiness: the database and Kafka are reachable, and each consumer has joined its group and holds its assignment (503 otherwise, with the reason a consumer failed)',
  })
  @ApiOkResponse({ type: ReadinessDto, description: 'Ready' })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'Not ready: the checks say which part is down' })
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const [database, kafka] = await Promise.all([this.databaseState(), this.kafka.reachable().then((up): CheckState => (up ? 'up' : 'down'))]);
    const consumers = this.consumers.statuses();
    const consumer: CheckState | undefined = consumers.length === 0 ? undefined : this.consumers.ready() ? 'up' : 'down';
    const ok = database === 'up' && kafka === 'up' && consumer !== 'down';
    const body: ReadinessDto = { status: ok ? 'ok' : 'unavailable', checks: { database, kafka, ...(consumer ? { consumer } : {}) } };
    if (consumers.length > 0) body.consumers = consumers;
    await reply.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send(body);
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
