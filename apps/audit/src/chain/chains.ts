import { GENESIS_HASH, linkHash } from './chain-hash';

export { GENESIS_HASH };

export const CHAIN_NAMES = ['accesses', 'provisions', 'company-register'] as const;
export type ChainName = (typeof CHAIN_NAMES)[number];

type FieldKind = 'text' | 'integer' | 'boolean' | 'uuid' | 'uuid[]' | 'text[]' | 'timestamptz' | 'date';

/** One column of a chained table: its name in the canonical form, its column, and its type. */
interface Field {
  key: string;
  column: string;
  kind: FieldKind;
  /** A field added after records were chained: left out of the canonical form while null, so older hashes hold. */
  addedLater?: boolean;
}

export interface ChainDefinition {
  name: ChainName;
  table: string;
  /** When the recorded thing happened; retention counts from it. */
  occurredAt: string;
  fields: readonly Field[];
}

const field = (key: string, column: string, kind: FieldKind, addedLater = false): Field => ({ key, column, kind, addedLater });

export const CHAINS: Record<ChainName, ChainDefinition> = {
  accesses: {
    name: 'accesses',
    table: 'access_records',
    occurredAt: 'accessed_at',
    fields: [
      field('eventId', 'event_id', 'uuid'),
      field('accessId', 'access_id', 'uuid'),
      field('companyCode', 'company_code', 'text'),
      field('requestedBy', 'requested_by', 'text'),
      field('operation', 'operation', 'text'),
      field('purpose', 'purpose', 'text'),
      field('contactIds', 'contact_ids', 'uuid[]'),
      field('personsAggregated', 'persons_aggregated', 'integer', true),
      field('outcome', 'outcome', 'text'),
      field('reason', 'reason', 'text'),
      field('accessedAt', 'accessed_at', 'timestamptz'),
      field('noticeVersion', 'notice_version', 'text'),
      field('acquisitionNoticeVersions', 'acquisition_notice_versions', 'text[]', true),
      field('recordedAt', 'recorded_at', 'timestamptz'),
    ],
  },
  provisions: {
    name: 'provisions',
    table: 'provision_records',
    occurredAt: 'provided_at',
    fields: [
      field('eventId', 'event_id', 'uuid'),
      field('provisionId', 'provision_id', 'uuid'),
      field('companyCode', 'company_code', 'text'),
      field('contactId', 'contact_id', 'uuid'),
      field('version', 'version', 'integer'),
      field('kind', 'kind', 'text'),
      field('purposes', 'purposes', 'text[]'),
      field('providedAt', 'provided_at', 'timestamptz'),
      field('noticeVersion', 'notice_version', 'text'),
      field('acquisitionNoticeVersion', 'acquisition_notice_version', 'text', true),
      field('recordedAt', 'recorded_at', 'timestamptz'),
    ],
  },
  'company-register': {
    name: 'company-register',
    table: 'company_register_records',
    occurredAt: 'changed_at',
    fields: [
      field('eventId', 'event_id', 'uuid'),
      field('companyCode', 'company_code', 'text'),
      field('version', 'version', 'integer'),
      field('legalName', 'legal_name', 'text'),
      field('country', 'country', 'text'),
      field('relationship', 'relationship', 'text'),
      field('joinedOn', 'joined_on', 'date'),
      field('leftOn', 'left_on', 'date'),
      field('active', 'active', 'boolean'),
      field('change', 'change', 'text', true),
      field('kafkaCredentials', 'kafka_credentials', 'text', true),
      field('changedBy', 'changed_by', 'text'),
      field('changedAt', 'changed_at', 'timestamptz'),
      field('recordedAt', 'recorded_at', 'timestamptz'),
    ],
  },
};

/** A record as its chain sees it: sequence number and fields in canonical form (no hashes). */
export type ChainRecord = { seq: string } & Record<string, string | number | boolean | string[] | null>;

/** The columns to select so that `toChainRecord` can read a row: dates as text, everything else as it is. */
export function selectColumns(chain: ChainDefinition): string {
  return ['seq', ...chain.fields.map((f) => (f.kind === 'date' ? `${f.column}::text AS ${f.column}` : f.column)), 'prev_hash', 'hash'].join(', ');
}

function canonicalValue(kind: FieldKind, value: unknown): string | number | boolean | string[] | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'timestamptz':
      return (value instanceof Date ? value : new Date(value as string)).toISOString();
    case 'integer':
      return Number(value);
    case 'boolean':
      return Boolean(value);
    case 'uuid':
      return String(value).toLowerCase();
    case 'date':
      return String(value).slice(0, 10);
    case 'uuid[]':
      return (value as string[]).map((v) => v.toLowerCase());
    case 'text[]':
      return [...(value as string[])];
    default:
      return String(value);
  }
}

/** Reads a database row (column names) into its chain record. */
export function toChainRecord(chain: ChainDefinition, row: Record<string, unknown>): ChainRecord {
  const record: ChainRecord = { seq: String(row['seq']) };
  for (const f of chain.fields) record[f.key] = canonicalValue(f.kind, row[f.column]);
  return record;
}

const addedLaterKeys = new Map<ChainName, Set<string>>();

/**
 * A record as it is hashed: the chain's name, its sequence number and its fields, leaving out a field added
 * later while it is null (so older hashes hold).
 */
export function canonicalRecord(chain: ChainName, record: ChainRecord): Record<string, string | number | boolean | string[] | null> {
  let addedLater = addedLaterKeys.get(chain);
  if (!addedLater) {
    addedLater = new Set(CHAINS[chain].fields.filter((f) => f.addedLater).map((f) => f.key));
    addedLaterKeys.set(chain, addedLater);
  }
  const canonical: Record<string, string | number | boolean | string[] | null> = { chain, seq: record.seq };
  for (const f of CHAINS[chain].fields) {
    const value = record[f.key] ?? null;
    if (value === null && addedLater.has(f.key)) continue;
    canonical[f.key] = value;
  }
  return canonical;
}

/** One key of a chain's canonical form, in sorted position, with its JSON name written once. */
interface CanonicalKey {
  key: string;
  /** `"key":` as it appears in the canonical JSON. */
  prefix: string;
  /** Left out while null (a field added later). */
  omitWhenNull: boolean;
  /** Where a database row holds it: the chain's name is no column, the sequence number is `seq`. */
  source: { of: 'chain' } | { of: 'seq' } | { of: 'field'; column: string; kind: FieldKind };
}

const canonicalKeys = new Map<ChainName, readonly CanonicalKey[]>();

/** A chain's canonical keys in the order `canonicalObjectJson` writes them: chain, seq and the fields, sorted. */
function canonicalKeysOf(chain: ChainName): readonly CanonicalKey[] {
  let keys = canonicalKeys.get(chain);
  if (!keys) {
    const all: Omit<CanonicalKey, 'prefix'>[] = [
      { key: 'chain', omitWhenNull: false, source: { of: 'chain' } },
      { key: 'seq', omitWhenNull: false, source: { of: 'seq' } },
      ...CHAINS[chain].fields.map((f) => ({ key: f.key, omitWhenNull: f.addedLater === true, source: { of: 'field' as const, column: f.column, kind: f.kind } })),
    ];
    // The order of Array.prototype.sort without a comparator, as canonicalObjectJson sorts.
    const sorted = all.map((k) => k.key).sort();
    keys = all.map((k) => ({ ...k, prefix: `${JSON.stringify(k.key)}:` })).sort((a, b) => sorted.indexOf(a.key) - sorted.indexOf(b.key));
    canonicalKeys.set(chain, keys);
  }
  return keys;
}

/**
 * The serialisation that is hashed: the canonical record, keys sorted, as JSON. It writes exactly what
 * `canonicalObjectJson(canonicalRecord(chain, record))` writes (the definition the command-line verifier uses),
 * with the key order worked out once per chain instead of once per record: verification and ingest serialise
 * every record.
 */
export function canonicalJson(chain: ChainName, record: ChainRecord): string {
  let json = '{';
  for (const { key, prefix, omitWhenNull, source } of canonicalKeysOf(chain)) {
    const value = source.of === 'chain' ? chain : (record[key] ?? null);
    if (value === null && omitWhenNull) continue;
    json += `${json.length === 1 ? '' : ','}${prefix}${JSON.stringify(value)}`;
  }
  return `${json}}`;
}

/**
 * The canonical JSON of a database row of the chain: what `canonicalJson(chain.name, toChainRecord(chain, row))`
 * writes, without building the record in between (verification serialises every row it reads).
 */
export function rowCanonicalJson(chain: ChainDefinition, row: Record<string, unknown>): string {
  let json = '{';
  for (const { prefix, omitWhenNull, source } of canonicalKeysOf(chain.name)) {
    const value = source.of === 'chain' ? chain.name : source.of === 'seq' ? String(row['seq']) : canonicalValue(source.kind, row[source.column]);
    if (value === null && omitWhenNull) continue;
    json += `${json.length === 1 ? '' : ','}${prefix}${JSON.stringify(value)}`;
  }
  return `${json}}`;
}

/** SHA-256 over the predecessor's hash and this record's canonical serialisation, in hex. */
export function chainHash(chain: ChainName, previousHash: string, record: ChainRecord): string {
  return linkHash(previousHash, canonicalJson(chain, record));
}

/** The `jsonb_to_recordset` column list that turns chain records (plus hashes) back into a table's row types. */
export function recordsetColumns(chain: ChainDefinition): string {
  return ['seq bigint', ...chain.fields.map((f) => `${f.column} ${f.kind}`), 'prev_hash text', 'hash text'].join(', ');
}

/** A chain record with its hashes, keyed by column name, ready for `jsonb_to_recordset`. */
export function toRow(chain: ChainDefinition, record: ChainRecord, prevHash: string, hash: string): Record<string, unknown> {
  const row: Record<string, unknown> = { seq: record.seq, prev_hash: prevHash, hash };
  for (const f of chain.fields) row[f.column] = record[f.key];
  return row;
}
