import {
  createTestDatabase,
  eventually,
  freePort,
  kafkaSettingsAs,
  startServiceProcess,
  testAuthSettings,
  testBroker,
  TEST_SUPPRESSION_SECRET,
  uniqueSuffix,
  type ServiceProcess,
  type TestDatabase,
} from '@registry/testing';
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessTokenFor, DEV_ISSUER, PEOPLE, type Person } from './identity';

export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

// Starting a service takes seconds alone, and minutes on a machine shared by many test runs.
const START_TIMEOUT_MS = 180_000;

export type ServiceName = 'contacts' | 'sharing' | 'audit';
export type Services = Record<ServiceName, ServiceProcess>;

/** The three built services, each in a database of its own, trusting the development identity provider's key. */
export async function startServices(label: string, identityJwksFile: string, databases: TestDatabase[]): Promise<Services> {
  const suffix = uniqueSuffix();
  const common = { ...testAuthSettings(), AUTH_ISSUER: DEV_ISSUER, AUTH_JWKS_FILE: identityJwksFile, LOG_LEVEL: 'log' };
  const start = async (name: ServiceName, env: Record<string, string>) => {
    const database = await createTestDatabase(`desk_${label}_${name}`);
    databases.push(database);
    return startServiceProcess(name, await freePort(), {
      ...common,
      ...kafkaSettingsAs(testBroker(), name),
      KAFKA_CONSUMER_GROUP: `${name}-desk-${label}-${suffix}`,
      ...env,
      DATABASE_URL: database.url,
    }, START_TIMEOUT_MS);
  };
  const [contacts, sharing, audit] = await Promise.all([
    start('contacts', { SUPPRESSION_HMAC_SECRET: TEST_SUPPRESSION_SECRET }),
    // The development group register: STAFFING-JP, EVENTS-JP, GROUP-HD and the others the sign-in page offers.
    start('sharing', { SEED_DEV_COMPANIES: 'true' }),
    start('audit', { AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') }),
  ]);
  return { contacts, sharing, audit };
}

/** A process of ours that is not a built service (the development identity provider), stopped by SIGTERM. */
async function startScript(script: string, port: number, env: Record<string, string>): Promise<{ url: string; logs: string[]; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, script)], { env: { PATH: process.env['PATH'] ?? '', ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${logs.join('')}`);
      expect((await fetch(`${url}/health`)).ok).toBe(true);
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
  return {
    url,
    logs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface DeskStack {
  deskUrl: string;
  identityProviderUrl: string;
  services: Services;
  /** A person's access token, for calls behind the browser's back (e.g. a colleague's change). */
  tokenFor(person: Person): Promise<string>;
  /** Every line the desk server logged. */
  deskLogs: string[];
  stop(): Promise<void>;
}

/**
 * Everything a journey needs, as in production: the development identity provider, the three built services (their
 * register seeded with the development companies) and the built desk server in front of them.
 */
export async function startDeskStack(label: string): Promise<DeskStack> {
  const dataDir = mkdtempSync(join(tmpdir(), `desk-${label}-identity-`));
  const databases: TestDatabase[] = [];
  const [deskPort, identityPort] = [await freePort(), await freePort()];
  const deskUrl = `http://127.0.0.1:${deskPort}`;
  const redirectUri = `${deskUrl}/auth/callback`;
  const identityProvider = await startScript('tools/dev-identity-provider.mjs', identityPort, { REGISTRY_DEV_DATA_DIR: dataDir, DEV_IDP_REDIRECT_URIS: redirectUri });
  let services: Services | undefined;
  let desk: ServiceProcess | undefined;
  const stop = async () => {
    await desk?.stop();
    await Promise.all(Object.values(services ?? {}).map((service: ServiceProcess) => service.stop()));
    await identityProvider.stop();
    await Promise.all(databases.map((database) => database.drop()));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    services = await startServices(label, join(dataDir, 'dev-identity-provider.jwks.json'), databases);
    const tokenFor = (person: Person) => accessTokenFor(identityProvider.url, redirectUri, person);
    // Contacts copies the register from sharing's topic: wait until it knows the sales staff's company.
    const salesToken = await tokenFor(PEOPLE.salesStaffingJp);
    const contactsUrl = services.contacts.url;
    await eventually(async () => expect((await fetch(`${contactsUrl}/contacts?limit=1`, { headers: { authorization: `Bearer ${salesToken}` } })).status).toBe(200), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    desk = await startServiceProcess('desk', deskPort, {
      DESK_CONTACTS_URL: services.contacts.url,
      DESK_SHARING_URL: services.sharing.url,
      DESK_AUDIT_URL: services.audit.url,
      AUTH_ISSUER: DEV_ISSUER,
      AUTH_DISCOVERY_URL: `${identityProvider.url}/.well-known/openid-configuration`,
    }, START_TIMEOUT_MS);
    return { deskUrl, identityProviderUrl: identityProvider.url, services, tokenFor, deskLogs: desk.logs, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
