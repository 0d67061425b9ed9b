import type { TestDatabase } from '@registry/testing';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { startServices, type ServiceName, type Services } from '../journeys/harness/stack';

// The desk's typed clients are generated from committed snapshots of the services' OpenAPI documents: a snapshot
// that no longer matches what the built service serves fails here, before the desk calls a route that changed.

const REFRESH = 'npm run desk:openapi';

/** Up to a few JSON paths where two documents differ, to say where without printing either whole. */
function differences(a: unknown, b: unknown, path = '$', found: string[] = []): string[] {
  if (found.length >= 8 || isDeepStrictEqual(a, b)) return found;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    found.push(path);
    return found;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`, found);
  return found;
}

describe('the desk’s OpenAPI snapshots', () => {
  const databases: TestDatabase[] = [];
  const identityDir = mkdtempSync(join(tmpdir(), 'desk-openapi-identity-'));
  let services: Services;

  beforeAll(async () => {
    // The services need some identity provider's keys to start; no token is used here.
    const jwksFile = join(identityDir, 'jwks.json');
    const { crv, kty, x } = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }) as Record<string, string>;
    writeFileSync(jwksFile, JSON.stringify({ keys: [{ crv, kty, x, kid: 'snapshot-check', alg: 'EdDSA', use: 'sig' }] }));
    services = await startServices('openapi', jwksFile, databases);
  }, 420_000);

  afterAll(async () => {
    await Promise.all(Object.values(services ?? {}).map((service) => service.stop()));
    await Promise.all(databases.map((database) => database.drop()));
    rmSync(identityDir, { recursive: true, force: true });
  });

  it.each(['contacts', 'sharing', 'audit'] as ServiceName[])('apps/desk/openapi/%s.json is what the built service serves', async (name) => {
    // Parsed here, as the snapshot is: objects from fetch's own parser have another realm's prototypes, which a strict comparison tells apart.
    const served: unknown = JSON.parse(await (await fetch(`${services[name].url}/docs/openapi.json`)).text());
    const snapshotFile = join(__dirname, '..', 'openapi', `${name}.json`);
    const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8'));
    if (!isDeepStrictEqual(served, snapshot)) {
      throw new Error(
        `${snapshotFile} differs from the OpenAPI document the built ${name} service serves, at ${differences(snapshot, served).join(', ')}.\n` +
          `Refresh the snapshots with \`${REFRESH}\`, check the desk still builds (its API types are generated from them), and commit them.`,
      );
    }
  });
});
