import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The OTLP exporter loads its HTTP transport with a dynamic import, which Jest's module sandbox cannot run: the
 * set-up is exercised in a Node process of its own, as a service runs it, against a receiving HTTP server.
 */
describe('exporting spans over OTLP/HTTP', () => {
  let server: Server;
  const received: { url: string; body: Buffer }[] = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ url: request.url ?? '', body: Buffer.concat(chunks) });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const runService = (script: string, endpoint: string, exporter: string) =>
    promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', 'tsconfig.lib.json'), ENDPOINT: endpoint, EXPORTER: exporter },
      timeout: 30_000,
    });
  const script = `
    const { startTracing, stopTracing, tracer } = require(${JSON.stringify(join(__dirname, 'tracing-setup.ts'))});
    startTracing({ service: 'contacts', exporter: process.env.EXPORTER, endpoint: process.env.ENDPOINT });
    tracer().startSpan('POST /contacts').end();
    stopTracing().then(() => process.exit(0));
  `;

  it('posts the spans to <endpoint>/v1/traces, named by the service, when the exporter is otlp; sends nothing with none', async () => {
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await runService(script, endpoint, 'none');
    expect(received).toHaveLength(0);
    await runService(script, endpoint, 'otlp');
    expect(received).toHaveLength(1);
    expect(received[0]?.url).toBe('/v1/traces');
    const body = received[0]?.body.toString('latin1') ?? '';
    expect(body).toContain('contacts');
    expect(body).toContain('POST /contacts');
  }, 60_000);
});
