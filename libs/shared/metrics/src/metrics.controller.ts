import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AuthRefusal, PublicRoute } from '@registry/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { metricsAccess } from './metrics-access';
import { METRICS_OPTIONS, type MetricsOptions } from './metrics-options';
import { ServiceMetrics } from './service-metrics';

/**
 * GET /metrics in Prometheus' text format. Not an API route: no person or company token is asked for, the
 * METRICS_TOKEN bearer token is when it is set. Left out of the OpenAPI document; the README describes it.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(ServiceMetrics) private readonly metrics: ServiceMetrics,
    @Inject(METRICS_OPTIONS) private readonly options: MetricsOptions,
  ) {}

  @Get()
  @PublicRoute()
  async scrape(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const access = metricsAccess(request.headers.authorization, this.options.token);
    if (access === 'no-token') throw new AuthRefusal(401, 'UNAUTHENTICATED', 'Send the metrics token as a bearer token.');
    if (access === 'wrong-token') throw new AuthRefusal(401, 'INVALID_TOKEN', 'The metrics token is not valid.');
    const body = await this.metrics.registry.metrics();
    await reply.header('content-type', this.metrics.registry.contentType).header('cache-control', 'no-store').send(body);
  }
}
