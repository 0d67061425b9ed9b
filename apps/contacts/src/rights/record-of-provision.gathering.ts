/** The largest page audit serves of a record of provision. */
const AUDIT_PAGE_SIZE = 1000;

type Entry = Record<string, unknown>;

/** One page of `GET /audit/contacts/{id}/record-of-provision`. */
interface AuditRecordPage {
  provisions: Entry[];
  accesses: Entry[];
  total: { entries: number; provisions: number; accesses: number };
  nextCursor: string | null;
}

/** Where a cut record goes on: audit's route from the entry after the last one the bundle holds. */
export interface RecordOfProvisionRest {
  /** The audit route, cursor included; follow `nextCursor` from there. */
  route: string;
  cursor: string;
}

/** The record of provision as the bundle carries it: every entry up to the bound, and, when cut, where and how to read on. */
export interface RecordOfProvisionDisclosure {
  contactId: string;
  /** Deliveries and withdrawals, then granted reads, each in the order audit recorded them. */
  provisions: Entry[];
  accesses: Entry[];
  /** True when the bundle holds the whole record; false when it was cut at the bound. */
  complete: boolean;
  /** Entries the bundle holds, and entries the record held when it was read. */
  entries: number;
  totalEntries: number;
  /** The bound the bundle was cut at (DISCLOSURE_RECORD_LIMIT). */
  limit: number;
  /** Null when complete. */
  rest: RecordOfProvisionRest | null;
}

/**
 * Reads a person's record of provision from audit page by page, up to `limit` entries. A record that is
 * longer is cut there and says so: how many it holds of how many, and the route that reads on.
 */
export async function gatherRecordOfProvision(
  contactId: string,
  limit: number,
  fetchPage: (query: string) => Promise<unknown>,
): Promise<RecordOfProvisionDisclosure | null> {
  const provisions: Entry[] = [];
  const accesses: Entry[] = [];
  let totalEntries = 0;
  let cursor: string | null = null;
  do {
    const room = limit - provisions.length - accesses.length;
    if (room <= 0) break;
    const query = `limit=${Math.min(AUDIT_PAGE_SIZE, room)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = (await fetchPage(query)) as AuditRecordPage | null;
    if (!page) return null;
    provisions.push(...page.provisions);
    accesses.push(...page.accesses);
    totalEntries = page.total.entries;
    cursor = page.nextCursor;
  } while (cursor);
  const entries = provisions.length + accesses.length;
  return {
    contactId,
    provisions,
    accesses,
    complete: cursor === null,
    entries,
    // Entries recorded while the pages were read may make the count of the last page the larger.
    totalEntries: Math.max(totalEntries, entries),
    limit,
    rest: cursor === null ? null : { route: `/audit/contacts/${contactId}/record-of-provision?cursor=${encodeURIComponent(cursor)}`, cursor },
  };
}
