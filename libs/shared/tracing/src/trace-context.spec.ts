import { context, trace } from '@opentelemetry/api';
import { asTraceCarrier, contextFromHeaders, currentTraceCarrier, currentTraceIds, traceHeaders } from './trace-context';
import { inConsumerSpan, startServerSpan, endServerSpan } from './spans';
import { startTracing, tracer } from './tracing-setup';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

describe('trace context', () => {
  beforeAll(() => startTracing({ service: 'tracing-spec', exporter: 'none' }));

  it('has no carrier and no ids outside any span', () => {
    expect(currentTraceCarrier()).toBeNull();
    expect(currentTraceIds()).toEqual({});
  });

  it('captures the active span as a traceparent, which headers then carry', () => {
    const span = tracer().startSpan('work');
    const carrier = context.with(trace.setSpan(context.active(), span), () => currentTraceCarrier());
    span.end();
    expect(carrier).toEqual({ traceparent: `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01` });
    expect(traceHeaders(carrier)).toEqual(carrier);
    expect(traceHeaders(JSON.stringify(carrier))).toEqual(carrier);
  });

  it('injects nothing for a missing, malformed or oversized stored context', () => {
    expect(traceHeaders(null)).toEqual({});
    expect(traceHeaders({ traceparent: 'not-a-traceparent' })).toEqual({});
    expect(traceHeaders('{broken')).toEqual({});
    expect(asTraceCarrier({ traceparent: PARENT, tracestate: 'x'.repeat(600) })).toEqual({ traceparent: PARENT });
    expect(asTraceCarrier({ traceparent: PARENT, tracestate: 'vendor=1' })).toEqual({ traceparent: PARENT, tracestate: 'vendor=1' });
  });

  it('extracts the trace context from Kafka headers given as buffers', () => {
    const extracted = trace.getSpanContext(contextFromHeaders({ traceparent: Buffer.from(PARENT), other: Buffer.from('x') }));
    expect(extracted).toMatchObject({ traceId: TRACE_ID, spanId: '00f067aa0ba902b7', isRemote: true });
    expect(trace.getSpanContext(contextFromHeaders({}))).toBeUndefined();
  });

  it('runs a consumer handler in a child span of the message’s trace, whose ids the handler sees', async () => {
    const seen = await inConsumerSpan('contacts.contact.v1', [{ headers: { traceparent: Buffer.from(PARENT) } }], {}, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentTraceIds();
    });
    expect(seen.traceId).toBe(TRACE_ID);
    expect(seen.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(seen.spanId).not.toBe('00f067aa0ba902b7');
  });

  it('starts a new trace for a message without one, and ends the span when the handler fails', async () => {
    const seen = await inConsumerSpan('t', [{ headers: {} }], {}, async () => currentTraceIds());
    expect(seen.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(seen.traceId).not.toBe(TRACE_ID);
    await expect(inConsumerSpan('t', [{}], {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });

  it('continues an incoming traceparent in an HTTP request span', () => {
    const { span, run } = startServerSpan('POST', '/contacts', { traceparent: PARENT });
    expect(run(() => currentTraceIds().traceId)).toBe(TRACE_ID);
    expect(run(() => currentTraceCarrier()?.traceparent)).toBe(`00-${TRACE_ID}-${span.spanContext().spanId}-01`);
    endServerSpan(span, 201);
  });
});
