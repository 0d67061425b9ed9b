#!/usr/bin/env node
// Search and statistics over many shared contacts (1,000,000 in the full run), generated in sharing's
// database with one server-side INSERT … SELECT generate_series, not through the API.
//   search:      GET /shared-contacts?purpose=PRODUCT_INFO&organization=<part of a name>, each request a
//                different name matching about one contact in ten thousand; baseline: the same SELECT through `pg`.
//   statistics:  GET /shared-contacts/statistics?purpose=STATISTICS&by=prefecture; baseline: the same SELECT
//                through `pg` (persons and summed record keys per cell; sharing perturbs the cells it returns).
// Usage: npm run bench:search [-- <contacts>]   (BENCH_PROFILE=1 runs sharing under --cpu-prof)
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { adminSasl } from '../tools/infra/kafka.mjs';
import { isMain, latencyRow, runAlone, say, sized, summary, timed } from './bench-kit.mjs';
import { startSharing } from './sharing-under-test.mjs';

const PORT = 3904;
const COMPANY = 'BENCHSEARCH-JP';
const NAMES = 10_000;
const PREFECTURES = ['北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県', '埼玉県', '千葉県', '東京都', '神奈川県', '新潟県', '富山県',
  '石川県', '福井県', '山梨県', '長野県', '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県', '鳥取県', '島根県', '岡山県', '広島県',
  '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県', '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県'];
const METHODS = ['BUSINESS_CARD', 'BUSINESS_DISCUSSION', 'WEB_INQUIRY', 'EVENT_APPLICATION', 'TRANSACTION_APPLICATION'];

/** `count` shared contacts: organizations ベンチ00000商事 … ベンチ09999商事, every prefecture, five methods, five years of dates. */
async function generateContacts(client, count) {
  // Each with the statistics' record key, as the projection writes it: recordKey (an HMAC of the id under sharing's
  // secret), here computed by pgcrypto, and the fingerprint of that secret, as sharing sets it.
  await client.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
  const secret = process.env.STATISTICS_CELL_KEY_SECRET || (await client.query('SELECT secret FROM statistics_cell_key_secret WHERE id = 1')).rows[0].secret;
  await client.query(`UPDATE statistics_record_keys SET secret_fingerprint = encode(hmac('statistics record keys', $1, 'sha256'), 'hex') WHERE id = 1`, [secret]);
  await client.query(
    `INSERT INTO shared_contacts (contact_id, version, name_full, name_kana, organization_name, address, email, phone, transaction_history,
                                  acquisition_method, acquired_on, acquiring_company_code, suspended_by_admin, subject_status, notice_version, record_key)
     SELECT id, 1, '山田 太郎' || n, 'ヤマダ タロウ', '株式会社ベンチ' || lpad((n % ${NAMES})::text, 5, '0') || '商事',
            jsonb_build_object('postalCode', '107-0062', 'prefecture', ($2::text[])[1 + n % 47], 'city', '港区', 'street', '南青山3-1-' || (n % 50)),
            'bench' || n || '@example.co.jp', '+8131234' || lpad((n % 10000)::text, 4, '0'), '[]'::jsonb,
            ($3::text[])[1 + n % 5], date '2021-01-01' + (n % 1800), $4, false, 'ACTIVE', '2022-04-01',
            ('x' || encode(substr(hmac(id::text, $5, 'sha256'), 1, 4), 'hex'))::bit(32)::bigint
       FROM generate_series(1, $1::int) AS n, md5('bench-contact-' || n)::uuid AS id`,
    [count, PREFECTURES, METHODS, COMPANY, secret],
  );
  // As autovacuum would leave the tables: statistics for the planner, and the trigram index's pending entries merged.
  await client.query('VACUUM (ANALYZE) shared_contacts, organization_names');
}

/** The organization filter as sharing writes it. */
const organizationPattern = (part) => `%${part.normalize('NFKC').toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
const nameOf = (i) => `ベンチ${String((i * 7919) % NAMES).padStart(5, '0')}`;

export async function searchAndStatistics({ infra, log = say, size, profile = process.env.BENCH_PROFILE === '1' }) {
  const contacts = sized(size, { small: 100_000, full: 1_000_000 });
  const small = contacts < 1_000_000;
  const searches = small ? 100 : 300;
  const statistics = small ? 10 : 20;
  const sharing = await startSharing({ infra, port: PORT, log, profile });
  const client = new pg.Client({ connectionString: sharing.databaseUrl });
  try {
    // Contacts from the contact topic join the generated ones; they are projected first, so that the count stays put.
    await sharing.waitUntilCaughtUp(new Kafka({ clientId: 'bench', brokers: infra.kafkaBrokers.split(','), sasl: adminSasl(infra), logLevel: logLevel.NOTHING }));
    await sharing.registerCompany(COMPANY);
    await client.connect();
    log(`search and statistics: generating ${contacts} shared contacts...`);
    const generated = process.hrtime.bigint();
    await generateContacts(client, contacts);
    log(`  generated in ${(Number(process.hrtime.bigint() - generated) / 1e9).toFixed(1)} s`);
    const [{ counted }] = (await client.query(`SELECT count(*)::int AS counted FROM shared_contacts WHERE NOT suspended`)).rows;
    const authorization = `Bearer ${await sharing.token('company', COMPANY)}`;
    const get = async (path) => {
      const response = await fetch(`${sharing.url}${path}`, { headers: { authorization } });
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      return response.json();
    };
    const search = async (i) => {
      const page = await get(`/shared-contacts?purpose=PRODUCT_INFO&limit=20&organization=${encodeURIComponent(nameOf(i))}`);
      if (page.contacts.length === 0) throw new Error('the search found nobody');
    };
    const searchSql = async (i) => {
      const { rows } = await client.query(
        `SELECT * FROM shared_contacts s WHERE NOT s.suspended
           AND lower(normalize(s.organization_name, NFKC)) IN (SELECT name FROM organization_names WHERE name LIKE $1)
         ORDER BY s.contact_id ASC LIMIT 21`,
        [organizationPattern(nameOf(i))],
      );
      if (rows.length === 0) throw new Error('the baseline search found nobody');
    };
    const statisticsApi = async () => {
      const table = await get('/shared-contacts/statistics?purpose=STATISTICS&by=prefecture');
      if (table.cells.length === 0) throw new Error('statistics published no cell');
    };
    const statisticsSql = async () => {
      // The aggregate sharing sends: persons and the sum of their stored record keys per cell.
      const { rows } = await client.query(
        `SELECT coalesce(address->>'prefecture', '(none)') AS key, count(*)::int AS count, (sum(record_key) % 4294967296)::text AS key_sum,
                coalesce(array_agg(contact_id::text) FILTER (WHERE record_key IS NULL), '{}') AS unkeyed
           FROM shared_contacts WHERE NOT suspended GROUP BY 1`,
      );
      const persons = rows.reduce((sum, row) => sum + row.count, 0);
      if (persons < counted) throw new Error(`the baseline counted ${persons} contacts, not ${counted}`);
    };

    log(`search: ${searches} searches of each, one at a time; statistics: ${statistics} requests of each`);
    await timed(Math.min(20, searches), search);
    await timed(Math.min(20, searches), searchSql);
    const searchBaseline = summary(await timed(searches, searchSql));
    const searchRegistry = summary(await timed(searches, search));
    await timed(2, statisticsApi);
    await timed(2, statisticsSql);
    const statisticsBaseline = summary(await timed(statistics, statisticsSql));
    const statisticsRegistry = summary(await timed(statistics, statisticsApi));
    const profilePath = await sharing.stopProcess();
    const over = `${contacts.toLocaleString('en')} shared contacts`;
    return {
      rows: [
        latencyRow(`search over ${over}`, {
          registry: searchRegistry,
          baseline: searchBaseline,
          atMostRatio: 2,
          atMostMs: 100,
          note: `${searches} searches by part of the organization name; baseline: the same SELECT through pg`,
        }),
        latencyRow(`statistics over ${over}`, {
          registry: statisticsRegistry,
          baseline: statisticsBaseline,
          atMostRatio: 2,
          atMostMs: 100,
          note: `${statistics} requests by=prefecture; baseline: the same SELECT through pg`,
        }),
      ],
      profilePath,
    };
  } finally {
    await client.end().catch(() => undefined);
    await sharing.stop();
  }
}

if (isMain(import.meta.url)) await runAlone(searchAndStatistics, { profiled: "sharing's CPU profile" });
