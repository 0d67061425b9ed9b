import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminAssets, adminAssetsDirectory } from './admin-assets';

describe('the administrator page files', () => {
  const assets = new AdminAssets();

  it('are found beside the source when run from it', () => {
    expect(adminAssetsDirectory()).toBe(join(__dirname, 'assets'));
    expect(assets.get('admin.html')).toContain('<title>');
  });

  it('keep to a policy without inline script or style', () => {
    const html = assets.get('admin.html');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.map(([, attributes]) => attributes)).toEqual([expect.stringContaining('src="admin/admin.js"')]);
    expect(scripts.every(([, , body]) => body.trim() === '')).toBe(true);
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    expect(assets.get('admin.js')).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
  });

  it('name where they were looked for when missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'admin-assets-'));
    try {
      expect(() => adminAssetsDirectory([empty])).toThrow(`none of: ${empty}`);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });
});
