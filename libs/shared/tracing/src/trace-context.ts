import { context, propagation, ROOT_CONTEXT, trace, type Context, type TextMapGetter } from '@opentelemetry/api';

/** The W3C trace context of a moment, as stored with an outbox row and sent as message headers. */
export interface TraceCarrier {
  traceparent: string;
  tracestate?: string;
}

/** Message headers as kafkajs gives them, or an HTTP request's headers. */
export type HeaderValues = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
const MAX_TRACESTATE = 512;

/** The active trace context, to be stored with what is written now; null outside any span. */
export function currentTraceCarrier(): TraceCarrier | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return asTraceCarrier(carrier);
}

/** A stored trace context, checked: only a well-formed `traceparent` and a bounded `tracestate` pass. */
export function asTraceCarrier(value: unknown): TraceCarrier | null {
  if (typeof value === 'string') {
    try {
      return asTraceCarrier(JSON.parse(value));
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null) return null;
  const { traceparent, tracestate } = value as Record<string, unknown>;
  if (typeof traceparent !== 'string' || !TRACEPARENT.test(traceparent)) return null;
  if (typeof tracestate === 'string' && tracestate.length > 0 && tracestate.length <= MAX_TRACESTATE) return { traceparent, tracestate };
  return { traceparent };
}

/** The message headers that carry a stored trace context; none when there is none. */
export function traceHeaders(stored: unknown): Record<string, string> {
  const carrier = asTraceCarrier(stored);
  return carrier ? { ...carrier } : {};
}

const headerGetter: TextMapGetter<HeaderValues> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key] ?? carrier[key.toLowerCase()];
    if (value === undefined) return undefined;
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  },
};

/** The trace context that message or request headers carry, as a parent for the span that handles them. */
export function contextFromHeaders(headers: HeaderValues | undefined): Context {
  return headers ? propagation.extract(ROOT_CONTEXT, headers, headerGetter) : ROOT_CONTEXT;
}

/** The ids of the active span, for log lines; empty outside any span. */
export function currentTraceIds(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return trace.isSpanContextValid(span.spanContext()) ? { traceId, spanId } : {};
}
