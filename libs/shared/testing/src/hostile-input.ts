import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';

/** One My Number (valid check digit), written in every way a person might separate or widen its digits. */
export const MY_NUMBER_SPELLINGS = [
  '123456789018',
  '1234 5678 9018',
  '1234-5678-9018',
  '1234.5678.9018',
  '1234/5678/9018',
  '1234・5678・9018',
  '1234\u30005678\u30009018',
  '１２３４５６７８９０１８',
  '１２３４－５６７８－９０１８',
];

/** A JSON body nested `depth` levels deep, built without recursion; as text, because a value this deep is sent as it is written. */
export function deeplyNestedJson(depth: number): string {
  return `${'{"a":['.repeat(depth)}"x"${']}'.repeat(depth)}`;
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    "'; DROP TABLE contacts; --",
    '\u0000',
    '\uD800',
    'a\uDC00b',
    'ｘ'.repeat(20_000),
    ' \u3000 ',
    ...MY_NUMBER_SPELLINGS.map((spelling) => `note ${spelling}`),
  ),
);

/** Values of every JSON type and of hostile content: strings that are huge, ill-formed or hold a My Number, numbers, nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(123456789018),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

/** Bodies for a route whose DTO names `keys`: any JSON, the route's own keys with hostile values, and bodies nested too deep. */
export function hostileBody(keys: string[], shaped?: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<string> {
  return fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    fc.dictionary(fc.constantFrom(...keys, '__proto__', 'constructor'), hostileValue, { maxKeys: keys.length + 1 }).map((value) => JSON.stringify(value)),
    ...(shaped ? [shaped.map((value) => JSON.stringify(value))] : []),
    fc.integer({ min: 33, max: 5000 }).map(deeplyNestedJson),
    fc.constantFrom('', 'null', '[]', '"text"', '{', '{"a":1,}', '\uFEFF{}'),
  );
}

/**
 * Sends each body to the route and asserts it never gets a 5xx, and that a refused one changes nothing that
 * `stored` counts. Fails with the first counter-example, shrunk.
 */
export async function assertHostileBodiesRefusedCleanly(
  app: NestFastifyApplication,
  route: { method: 'POST' | 'PUT' | 'PATCH'; url: string; authorization: string },
  bodies: fc.Arbitrary<string>,
  stored: () => Promise<unknown>,
  numRuns = 60,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(bodies, async (payload) => {
      const before = await stored();
      const response = await app.inject({ method: route.method, url: route.url, headers: { authorization: route.authorization, 'content-type': 'application/json' }, payload });
      if (response.statusCode >= 500) throw new Error(`${route.method} ${route.url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
      if (response.statusCode >= 400 && JSON.stringify(await stored()) !== JSON.stringify(before)) throw new Error(`${route.method} ${route.url} refused with ${response.statusCode} but stored something`);
    }),
    { numRuns },
  );
}
