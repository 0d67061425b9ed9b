import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ADMIN_ASSET_FILES = ['admin.html', 'admin.js', 'admin.css'] as const;
export type AdminAssetFile = (typeof ADMIN_ASSET_FILES)[number];

// Beside this file when run from source (ts-jest, ts-node); beside the bundle when built, where
// apps/audit/webpack.config.js copies them.
const CANDIDATE_DIRECTORIES = [join(__dirname, 'assets'), join(__dirname, 'admin-assets')];

/** The directory holding the administrator's page, or an error naming where it was looked for. */
export function adminAssetsDirectory(candidates: readonly string[] = CANDIDATE_DIRECTORIES): string {
  const found = candidates.find((directory) => ADMIN_ASSET_FILES.every((file) => existsSync(join(directory, file))));
  if (!found) throw new Error(`The administrator's page (${ADMIN_ASSET_FILES.join(', ')}) is in none of: ${candidates.join(', ')}`);
  return found;
}

/** The page's three files, read once at start-up: a missing file stops the service instead of a later 500. */
export class AdminAssets {
  private readonly contents: Record<AdminAssetFile, string>;

  constructor(directory: string = adminAssetsDirectory()) {
    this.contents = Object.fromEntries(ADMIN_ASSET_FILES.map((file) => [file, readFileSync(join(directory, file), 'utf8')])) as Record<AdminAssetFile, string>;
  }

  get(file: AdminAssetFile): string {
    return this.contents[file];
  }
}
