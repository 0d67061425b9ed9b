#!/usr/bin/env node
// Generates TypeScript types from the committed OpenAPI snapshots (apps/desk/openapi/*.json) into
// apps/desk/src/api/generated/ (git-ignored), for the typed clients of src/api/clients.ts.
import openapiTS, { astToString } from 'openapi-typescript';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const desk = join(dirname(fileURLToPath(import.meta.url)), '..');
export const API_SERVICES = ['contacts', 'sharing', 'audit'];

const out = join(desk, 'src', 'api', 'generated');
mkdirSync(out, { recursive: true });
for (const service of API_SERVICES) {
  const document = JSON.parse(readFileSync(join(desk, 'openapi', `${service}.json`), 'utf8'));
  const ast = await openapiTS(document, { alphabetize: false, exportType: true, enumValues: true });
  const header = `// Generated from apps/desk/openapi/${service}.json by apps/desk/tools/generate-api-types.mjs: do not edit.\n`;
  writeFileSync(join(out, `${service}.ts`), header + astToString(ast));
}
process.stdout.write(`desk: API types generated for ${API_SERVICES.join(', ')} into ${out}\n`);
