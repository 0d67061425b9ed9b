// The desk server: `node dist/apps/desk/main.js`. Settings in server/settings.ts.
import { join } from 'node:path';
import { createDeskServer, discoverIdentityProvider, type IdentityProvider } from './desk-server';
import { readDeskSettings } from './settings';

const log = (level: string, msg: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, service: 'desk', msg, ...extra })}\n`);

async function discoverWithRetry(settings: ReturnType<typeof readDeskSettings>): Promise<IdentityProvider> {
  // The provider may be starting alongside: retry for a while, then stop with its reason.
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await discoverIdentityProvider(settings);
    } catch (error) {
      if (Date.now() > deadline || (error instanceof Error && !/fetch failed|ECONNREFUSED/.test(`${error.message} ${String(error.cause)}`))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function main(): Promise<void> {
  const settings = readDeskSettings(process.env, join(__dirname, 'public'));
  const identity = await discoverWithRetry(settings);
  const app = await createDeskServer(settings, identity);
  const stop = async () => {
    await app.close();
    log('info', 'stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  await app.listen({ port: settings.port, host: settings.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  log('info', 'desk listening', { url: `http://${settings.host}:${port}`, issuer: identity.issuer });
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', service: 'desk', msg: error instanceof Error ? error.message : String(error) }));
  process.exit(1);
});
