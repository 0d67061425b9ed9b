import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export type TracesExporter = 'none' | 'otlp';

export interface TracingOptions {
  /** Becomes the spans' service.name. */
  service: string;
  /** `none`: spans are made (their ids connect the log lines and travel with every event) but sent nowhere. */
  exporter: TracesExporter;
  /** The collector's base URL; spans are posted to `<endpoint>/v1/traces`. */
  endpoint?: string;
}

const TRACER_NAME = 'registry';
let provider: BasicTracerProvider | null = null;

/**
 * Installs the process's trace context handling once: context kept across awaits (AsyncLocalStorage), W3C
 * `traceparent`/`tracestate` as the propagation format, and a tracer provider that exports only when asked to.
 * Later calls keep the first set-up: one process is one service.
 */
export function startTracing(options: TracingOptions): void {
  if (provider) return;
  const spanProcessors: SpanProcessor[] =
    options.exporter === 'otlp' ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(options.endpoint) }))] : [];
  provider = new BasicTracerProvider({ resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.service }), spanProcessors });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
}

/** Sends the spans still buffered, on shutdown. */
export async function stopTracing(): Promise<void> {
  await provider?.forceFlush().catch(() => undefined);
}

export function tracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

function tracesUrl(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}
