import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessTokenVerifier } from './access-tokens';

const tools = join(__dirname, '..', '..', '..', '..', 'tools');

describe('npm run token (tools/mint-token.mjs)', () => {
  it('mints tokens, from the development issuer key, that every service accepts', () => {
    const env = { ...process.env, REGISTRY_DEV_DATA_DIR: mkdtempSync(join(tmpdir(), 'dev-issuer-')) };
    const token = execFileSync(process.execPath, [join(tools, 'mint-token.mjs'), 'company', 'EVENTS-JP'], { env }).toString().trim();
    const settings = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', `import { devIdentityProvider } from '${join(tools, 'dev-secret.mjs')}'; console.log(JSON.stringify(devIdentityProvider()));`], { env }).toString());
    return Promise.all(
      Object.values(settings.audiences as Record<string, string>).map(async (audience) => {
        const verifier = new AccessTokenVerifier({
          issuer: settings.issuer,
          audience,
          jwksFile: settings.jwksFile,
          roleClaim: 'registry_role',
          companyClaim: 'registry_company',
          clockToleranceSeconds: 30,
        });
        await expect(verifier.verify(token)).resolves.toEqual({ subject: 'company-events-jp', role: 'company', companyCode: 'EVENTS-JP' });
      }),
    );
  });
});
