import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Link, type Span } from '@opentelemetry/api';
import { contextFromHeaders, type HeaderValues } from './trace-context';
import { tracer } from './tracing-setup';

export interface ConsumedMessage {
  headers?: HeaderValues;
}

/**
 * Runs the handling of consumed messages inside a consumer span: the child of the trace the (last) message carries,
 * linked to the traces of the others when a whole batch is handled at once. The span ends when `work` settles.
 */
export async function inConsumerSpan<T>(topic: string, messages: readonly ConsumedMessage[], attributes: Attributes, work: () => Promise<T>): Promise<T> {
  const parents = messages.map((message) => contextFromHeaders(message.headers));
  const parent = parents[parents.length - 1] ?? context.active();
  const links: Link[] = parents
    .slice(0, -1)
    .map((ctx) => trace.getSpanContext(ctx))
    .filter((spanContext) => spanContext !== undefined && trace.isSpanContextValid(spanContext))
    .map((spanContext) => ({ context: spanContext as NonNullable<typeof spanContext> }));
  const span = tracer().startSpan(
    `${topic} process`,
    { kind: SpanKind.CONSUMER, links, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.batch.message_count': messages.length, ...attributes } },
    parent,
  );
  return context.with(trace.setSpan(parent, span), () => settle(span, work));
}

async function settle<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // The error's kind only: its message may echo input.
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
    throw error;
  } finally {
    span.end();
  }
}

/** Starts the span of an HTTP request, the child of an incoming `traceparent` when there is one. */
export function startServerSpan(method: string, route: string, headers: HeaderValues): { span: Span; run: <T>(fn: () => T) => T } {
  const parent = contextFromHeaders(headers);
  const span = tracer().startSpan(
    `${method} ${route}`,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'http.route': route } },
    parent,
  );
  const active = trace.setSpan(parent, span);
  return { span, run: (fn) => context.with(active, fn) };
}

/** Ends an HTTP request's span with its status code; a 5xx marks it failed. */
export function endServerSpan(span: Span, statusCode: number): void {
  span.setAttribute('http.response.status_code', statusCode);
  if (statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}
