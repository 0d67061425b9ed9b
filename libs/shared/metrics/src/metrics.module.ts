import { Global, Inject, Module, Optional, type BeforeApplicationShutdown, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { KAFKA } from '@registry/kafka';
import type { FastifyInstance } from 'fastify';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ConsumerLagReader } from './consumer-lag';
import { MetricsController } from './metrics.controller';
import { METRICS_OPTIONS, type MetricsOptions } from './metrics-options';
import { ServiceMetrics } from './service-metrics';
import { registerConsumerLagMetrics, registerDeadLetterMetrics, registerOutboxMetrics } from './store-metrics';

const DEFAULT_LAG_CACHE_MS = 10_000;

/**
 * GET /metrics for a service: process metrics, request latency by route template, and, as the options say,
 * the outbox backlog, dead letters and the consumer group's lag. Global, so that a service's own module can
 * inject ServiceMetrics and add gauges of its own. Needs TypeORM and KafkaModule in the app.
 */
@Global()
@Module({})
export class MetricsModule implements OnModuleInit, BeforeApplicationShutdown {
  constructor(
    @Inject(ServiceMetrics) private readonly metrics: ServiceMetrics,
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Optional() @Inject(ConsumerLagReader) private readonly lagReader?: ConsumerLagReader,
  ) {}

  static register(options: MetricsOptions): DynamicModule {
    const lagCacheMs = options.lagCacheMs ?? DEFAULT_LAG_CACHE_MS;
    const consumer = options.consumer;
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [
        { provide: METRICS_OPTIONS, useValue: options },
        ...(consumer
          ? [{ provide: ConsumerLagReader, inject: [KAFKA], useFactory: (kafka: Kafka) => new ConsumerLagReader(kafka, consumer.groupId, consumer.topics, lagCacheMs) }]
          : []),
        {
          provide: ServiceMetrics,
          inject: [DataSource, { token: ConsumerLagReader, optional: true }],
          useFactory: (dataSource: DataSource, lagReader?: ConsumerLagReader) => {
            const metrics = new ServiceMetrics(options.service);
            if (options.outbox) registerOutboxMetrics(metrics, dataSource);
            if (lagReader) {
              registerDeadLetterMetrics(metrics, dataSource);
              registerConsumerLagMetrics(metrics, lagReader, lagCacheMs);
            }
            return metrics;
          },
        },
      ],
      exports: [ServiceMetrics],
    };
  }

  /** Times every request, the refused and the unmatched included, once Fastify has answered it. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      this.metrics.observeRequest(request.routeOptions.url, request.method, reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.lagReader?.close();
  }
}
