import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import * as ts from 'typescript';
import { GROUP_RELATIONSHIPS, JOINT_USE_PURPOSES, SHARED_ITEMS } from './joint-use-notice';

// The notice is the one statement of these lists. A second list spelled out elsewhere drifts from it
// unnoticed, so this scan fails on any array (or SQL list) naming three or more codes of one of them.
const WORKSPACE = join(__dirname, '..', '..', '..');
const MANIFEST = 'libs/policy/src/joint-use-notice.ts';
const SCANNED_FOLDERS = ['apps', 'libs'];
const SOURCE_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']);
// `generated`: the desk's API types, written from the services' OpenAPI documents (which derive their enums from the
// manifest) and never committed: a build output, not a second statement of the lists.
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'out-tsc', 'coverage', 'tmp', 'generated']);
const SPEC_FILE = /[.-](spec|test)\.[cm]?[jt]s$/;
const THRESHOLD = 3;

const VOCABULARIES = {
  purposes: new Set<string>(JOINT_USE_PURPOSES),
  'shared items': new Set<string>(SHARED_ITEMS),
  'group relationships': new Set<string>(GROUP_RELATIONSHIPS),
} as const;
type Vocabulary = keyof typeof VOCABULARIES;

interface SpelledOutList {
  file: string;
  line: number;
  vocabulary: Vocabulary;
  codes: string[];
}

/**
 * Copies that cannot read the manifest, each with why, and what it must keep to. Keep this short: a file
 * that can import `@registry/policy` (or `@registry/contracts`) should derive its list instead.
 */
const KNOWN_COPIES: { file: string; vocabulary: Vocabulary; why: string; mustBe: 'the manifest list' | 'a strict subset' }[] = [
  {
    file: 'apps/desk/src/screens/sales/correction.ts',
    vocabulary: 'shared items',
    why: 'the items the sales correction screen offers as text fields: the browser app cannot import the policy library, and contacts validates every correction against it',
    mustBe: 'a strict subset',
  },
  {
    file: 'apps/sharing/src/database/migrations/1732406400000-create-sharing.ts',
    vocabulary: 'group relationships',
    why: 'the CHECK constraint of the group register, as a released migration created it: a change to the relationships needs a new migration that alters it',
    mustBe: 'the manifest list',
  },
  {
    file: 'apps/contacts/src/contacts/contacts.service.ts',
    vocabulary: 'shared items',
    why: 'the optional plain-text items a correction may clear: chosen by their shape, not a copy of the allow-list',
    mustBe: 'a strict subset',
  },
  {
    file: 'apps/contacts/src/rights/dto/rights.responses.ts',
    vocabulary: 'shared items',
    why: 'the identifiers by which a request found a person (e-mail, phone, name): how a person is looked up, not what is shared',
    mustBe: 'a strict subset',
  },
  {
    file: 'libs/shared/platform/src/service-logger.ts',
    vocabulary: 'shared items',
    why: 'the field names redacted from every log line: a second defence that names intake-only fields too, whatever the notice shares',
    mustBe: 'a strict subset',
  },
];

function codesIn(strings: readonly string[]): { vocabulary: Vocabulary; codes: string[] }[] {
  return (Object.entries(VOCABULARIES) as [Vocabulary, Set<string>][])
    .map(([vocabulary, known]) => ({ vocabulary, codes: [...new Set(strings.filter((s) => known.has(s)))] }))
    .filter((found) => found.codes.length >= THRESHOLD);
}

/** Lists of three or more codes of one vocabulary: array literals of strings, and quoted lists inside string literals (SQL). */
function spelledOutLists(file: string, text: string): SpelledOutList[] {
  const kind = /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: SpelledOutList[] = [];
  const report = (node: ts.Node, strings: string[]) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    for (const { vocabulary, codes } of codesIn(strings)) found.push({ file, line, vocabulary, codes });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isArrayLiteralExpression(node)) {
      report(
        node,
        node.elements.filter((element) => ts.isStringLiteral(element) || ts.isNoSubstitutionTemplateLiteral(element)).map((element) => (element as ts.StringLiteralLike).text),
      );
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      // e.g. ARRAY['A', 'B', 'C'] or IN ('A', 'B', 'C') in a query
      for (const group of node.text.matchAll(/[[(]([^[\]()]*)[\])]/g)) report(node, [...(group[1] ?? '').matchAll(/['"]([^'"]+)['"]/g)].map((m) => m[1] ?? ''));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(WORKSPACE, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name) ? [] : sourceFiles(path);
    return entry.isFile() && SOURCE_EXTENSIONS.has(extname(entry.name)) && !SPEC_FILE.test(entry.name) ? [path] : [];
  });
}

function scanWorkspace(): SpelledOutList[] {
  return SCANNED_FOLDERS.flatMap(sourceFiles)
    .filter((file) => file !== MANIFEST)
    .flatMap((file) => spelledOutLists(file, readFileSync(join(WORKSPACE, file), 'utf8')));
}

describe('spelledOutLists', () => {
  it('finds a planted copy of the purposes, however it is written', () => {
    const planted = `export const PURPOSES = [\n  "PRODUCT_INFO",\n  \`MARKETING\`,\n  'STATISTICS',\n] as const;`;
    expect(spelledOutLists('planted.ts', planted)).toEqual([{ file: 'planted.ts', line: 1, vocabulary: 'purposes', codes: ['PRODUCT_INFO', 'MARKETING', 'STATISTICS'] }]);
  });

  it('finds a copy of the shared items in plain JavaScript, and one in a query', () => {
    expect(spelledOutLists('page.js', `const items = ['name', 'email', 'phone', 'memo'];`)).toMatchObject([{ vocabulary: 'shared items', codes: ['name', 'email', 'phone'] }]);
    const query = 'const sql = `SELECT 1 WHERE purpose = ANY(ARRAY[\'MARKETING\', \'STATISTICS\', \'PRODUCT_DEVELOPMENT\']) AND x = ${y}`;';
    expect(spelledOutLists('query.ts', query)).toMatchObject([{ vocabulary: 'purposes', codes: ['MARKETING', 'STATISTICS', 'PRODUCT_DEVELOPMENT'] }]);
  });

  it('lets two codes, derived lists and spread copies of the manifest pass', () => {
    const fine = `const a = ['PRODUCT_INFO', 'MARKETING']; const b = [...JOINT_USE_PURPOSES]; const c = SHARED_ITEMS.filter((i) => i !== 'memo');`;
    expect(spelledOutLists('fine.ts', fine)).toEqual([]);
  });
});

describe('the joint-use notice has no copies', () => {
  const found = scanWorkspace();
  const known = (list: SpelledOutList) => KNOWN_COPIES.find((copy) => copy.file === list.file && copy.vocabulary === list.vocabulary);

  it('scans the apps and libraries', () => {
    const scanned = SCANNED_FOLDERS.flatMap(sourceFiles);
    expect(scanned).toContain('libs/contracts/src/shared-items.ts');
    expect(scanned).toContain('apps/sharing/src/deliveries/delivery.service.ts');
    expect(scanned).not.toContain(MANIFEST.replace('.ts', '.spec.ts'));
    expect(scanned.every((file) => !file.split('/').includes('node_modules'))).toBe(true);
  });

  it('spells out no list of purposes, shared items or group relationships outside the manifest', () => {
    const unexpected = found.filter((list) => !known(list)).map((list) => `${list.file}:${list.line} spells out ${list.vocabulary}: ${list.codes.join(', ')}`);
    expect(unexpected).toEqual([]);
  });

  it.each(KNOWN_COPIES)('keeps the known copy in $file to $mustBe ($why)', (copy) => {
    const lists = found.filter((list) => known(list) === copy);
    // A known copy that has gone away should leave this list too.
    expect(lists.length).toBeGreaterThan(0);
    const manifest = [...VOCABULARIES[copy.vocabulary]];
    for (const list of lists) {
      if (copy.mustBe === 'the manifest list') expect(list.codes).toEqual(manifest);
      else expect(list.codes.length < manifest.length && list.codes.every((code) => manifest.includes(code))).toBe(true);
    }
  });

  it('is named in the README exactly as the manifest states it', () => {
    const readme = readFileSync(join(WORKSPACE, 'README.md'), 'utf8');
    const sentence = /The purposes of joint use are ([^.]+)\./.exec(readme.replace(/\s+/g, ' '))?.[1] ?? '';
    expect([...sentence.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1])).toEqual([...JOINT_USE_PURPOSES]);
  });

  it('is the source of the contracts library, which re-exports it rather than declaring its own', () => {
    const declaring = sourceFiles('libs/contracts').filter((file) =>
      /\b(export\s+)?const\s+(SHARED_ITEMS|JOINT_USE_PURPOSES|COMPANY_RELATIONSHIPS|ACQUISITION_METHODS)\b/.test(readFileSync(join(WORKSPACE, file), 'utf8')),
    );
    expect(declaring).toEqual([]);
    const reexports = ['shared-items.ts', 'purposes.ts', 'events/company-register-changed.event.ts', 'access.ts'].map((file) =>
      readFileSync(join(WORKSPACE, 'libs/contracts/src', file), 'utf8'),
    );
    for (const text of reexports) expect(text).toMatch(/export \{[^}]+\} from '@registry\/policy';/);
  });
});
