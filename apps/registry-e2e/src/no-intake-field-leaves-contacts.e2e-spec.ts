import { companyTopic, deadLetterTopic, Topics } from '@registry/contracts';
import { createKafka } from '@registry/kafka';
import {
  bearer,
  createTestDatabase,
  eventually,
  freePort,
  readWholeTopic,
  startServiceProcess,
  kafkaSettingsAs,
  testAuthSettings,
  testBroker,
  testKafka,
  TEST_SUPPRESSION_SECRET,
  uniqueSuffix,
  type ServiceProcess,
  type TestDatabase,
} from '@registry/testing';
import { untilContactsKnows } from './company-register';
import { Client } from 'pg';

// Guarantee 1: no item outside the allow-list ever leaves contacts — not in sharing's database, responses or topics.
describe('intake-only fields never reach sharing', () => {
  const suffix = uniqueSuffix();
  const markers = {
    memo: `MEMO-MARKER-${suffix}`,
    cardImageRef: `CARD-MARKER-${suffix}`,
    staff: `STAFF-MARKER-${suffix}`,
    noticeWording: `NOTICE-MARKER-${suffix}`,
    purposeShown: `PURPOSE-MARKER-${suffix}`,
  };
  // A card image whose bytes are its own: looked for as raw text, hex (how a bytea column dumps) and base64.
  const cardImageBytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`CARD-IMAGE-BYTES-${suffix}`, 'latin1')]);
  const cardImageTraces = [`CARD-IMAGE-BYTES-${suffix}`, cardImageBytes.subarray(8).toString('hex'), cardImageBytes.toString('base64')];
  const domestic = `MK-${suffix}`;
  const kafka = createKafka(testKafka('marker-test'));
  const databases: TestDatabase[] = [];
  let contacts: ServiceProcess;
  let sharing: ServiceProcess;
  let sharingDatabase: TestDatabase;

  beforeAll(async () => {
    const common = { ...testAuthSettings(), LOG_LEVEL: 'warn' };
    const contactsDatabase = await createTestDatabase('marker_contacts');
    sharingDatabase = await createTestDatabase('marker_sharing');
    databases.push(contactsDatabase, sharingDatabase);
    [contacts, sharing] = await Promise.all([
      startServiceProcess('contacts', await freePort(), {
        ...common,
        ...kafkaSettingsAs(testBroker(), 'contacts'),
        DATABASE_URL: contactsDatabase.url,
        SUPPRESSION_HMAC_SECRET: TEST_SUPPRESSION_SECRET,
        KAFKA_CONSUMER_GROUP: `contacts-marker-${suffix}`,
      }),
      startServiceProcess('sharing', await freePort(), { ...common, ...kafkaSettingsAs(testBroker(), 'sharing'), DATABASE_URL: sharingDatabase.url, KAFKA_CONSUMER_GROUP: `sharing-marker-${suffix}` }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([contacts, sharing].filter(Boolean).map((service) => service.stop()));
    await Promise.all(databases.map((db) => db.drop()));
  });

  it('finds no marker of an intake-only field in sharing’s tables, answers or topics', async () => {
    const admin = bearer('admin', 'GROUP-HD');
    const company = { legalName: 'Marker KK', country: 'JP', relationship: 'CONSOLIDATED_SUBSIDIARY', joinedOn: '2020-04-01', active: true };
    expect((await fetch(`${sharing.url}/companies/${domestic}`, put(admin, company))).status).toBe(200);
    await untilContactsKnows(contacts.url, domestic);

    const registered = await fetch(
      `${contacts.url}/contacts`,
      post(bearer('sales', domestic, markers.staff), {
        name: { full: `Marker Person ${suffix}` },
        organizationName: `Marker Org ${suffix}`,
        email: `marker.${suffix.toLowerCase()}@example.co.jp`,
        acquisition: {
          method: 'WEB_INQUIRY',
          acquiredOn: '2026-11-20',
          noticeOfPurpose: { purposesShown: [markers.purposeShown], jointUseNotified: true, wording: markers.noticeWording },
        },
        memo: markers.memo,
        cardImageRef: markers.cardImageRef,
      }),
    );
    expect(registered.status).toBe(201);
    const { id, acquisitions } = (await registered.json()) as { id: string; acquisitions: { id: string }[] };
    const uploaded = await fetch(`${contacts.url}/contacts/${id}/acquisitions/${acquisitions[0]?.id}/card-image`, {
      method: 'PUT',
      headers: { authorization: bearer('sales', domestic, markers.staff), 'content-type': 'image/png' },
      body: cardImageBytes,
    });
    expect(uploaded.status).toBe(201);
    const token = bearer('company', domestic);
    await eventually(async () => expect((await fetch(`${sharing.url}/shared-contacts/${id}?purpose=PRODUCT_INFO`, get(token))).status).toBe(200));
    // Its delivery to the company's own topic and the provision record are out too.
    await eventually(async () => expect((await readWholeTopic(kafka, companyTopic(domestic))).some((m) => m.key === id)).toBe(true));
    await eventually(async () => expect((await readWholeTopic(kafka, Topics.provision)).some((m) => m.key === id)).toBe(true));

    const answers = await Promise.all(
      [
        [`/shared-contacts/${id}?purpose=PRODUCT_INFO`, token],
        [`/shared-contacts?purpose=MARKETING&organization=${encodeURIComponent(`Marker Org ${suffix}`)}`, token],
        ['/shared-contacts/statistics?purpose=STATISTICS&by=organization', token],
        ['/companies', admin],
        [`/companies/${domestic}/history`, admin],
      ].map(async ([path, authorization]) => {
        const response = await fetch(`${sharing.url}${path}`, get(authorization as string));
        expect(response.status).toBe(200);
        return response.text();
      }),
    );
    expect(answers[0]).toContain(`Marker Person ${suffix}`);

    const tables = await dumpTables(sharingDatabase.url);
    expect(tables).toContain(`Marker Person ${suffix}`);

    const written = await Promise.all(
      [companyTopic(domestic), Topics.provision, Topics.access, Topics.companyRegister, deadLetterTopic(Topics.contact)].map(async (topic) =>
        (await readWholeTopic(kafka, topic)).map((m) => `${m.key} ${m.value} ${JSON.stringify(m.headers)}`).join('\n'),
      ),
    );

    for (const marker of [...Object.values(markers), ...cardImageTraces]) {
      for (const answer of answers) expect(answer).not.toContain(marker);
      expect(tables).not.toContain(marker);
      for (const topic of written) expect(topic).not.toContain(marker);
    }
    // Nor does the card image travel on contacts' own topic.
    const contactEvents = (await readWholeTopic(kafka, Topics.contact)).map((m) => `${m.key} ${m.value} ${JSON.stringify(m.headers)}`).join('\n');
    expect(contactEvents).toContain(id);
    for (const trace of cardImageTraces) expect(contactEvents).not.toContain(trace);
  });
});

const get = (authorization: string): RequestInit => ({ headers: { authorization } });
const post = (authorization: string, body: unknown): RequestInit => ({
  method: 'POST',
  headers: { authorization, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const put = (authorization: string, body: unknown): RequestInit => ({ ...post(authorization, body), method: 'PUT' });

/** Every row of every table in the database, as text. */
async function dumpTables(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(`SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'`);
    const dumps = await Promise.all(tables.map(async ({ name }) => (await client.query(`SELECT to_jsonb(t)::text AS row FROM ${name} t`)).rows.map((r) => r.row).join('\n')));
    return dumps.join('\n');
  } finally {
    await client.end();
  }
}
