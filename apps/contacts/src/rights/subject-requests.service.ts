import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '@registry/auth';
import { loggableError } from '@registry/persistence';
import { Periodic, RegistryException } from '@registry/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { HIRAGANA, identityText, KATAKANA, readingSql, readingText } from '../contacts/contact-identity';
import { normalizeJapanesePhone } from '../contacts/normalize';
import type { IdentityCheckDto, RefusalDto } from './dto/subject-request.dto';
import type { IdentityCheck } from './identity-check';
import { groundProblem, resultOf, type Refusal, type RequestResult } from './refusal-grounds';
import { japanDateOf, requestClock } from './request-deadline';
import { ACTIONS_BY_TYPE, needsConfirmedPerson, type DeliveryMethod, type RequestAction, type SubjectRequestType } from './request-types';

export const RIGHTS_OPTIONS = Symbol('RIGHTS_OPTIONS');

export interface RightsOptions {
  overdueDays: number;
}

export interface PersonIdentification {
  email?: string;
  phone?: string;
  name?: string;
  organization?: string;
}

export interface MatchedPerson {
  contactId: string;
  name: string;
  nameKana: string | null;
  organizationName: string;
  email: string | null;
  phone: string | null;
  /** Which of the identifiers given matched this person. */
  matchedOn: ('email' | 'phone' | 'name')[];
}

export interface TimelineEntry {
  at: string;
  actor: string;
  step: string;
  detail: Record<string, unknown>;
}

export interface SubjectRequest {
  id: string;
  type: SubjectRequestType;
  status: 'OPEN' | 'CLOSED';
  person: PersonIdentification;
  /** For a complaint or consultation: what it is about. */
  summary: string | null;
  matches: MatchedPerson[];
  confirmedContactIds: string[];
  /** How the requester's identity was verified when the persons were confirmed. */
  identityCheck: IdentityCheck | null;
  deliveryMethod: DeliveryMethod | null;
  refusal: Refusal | null;
  /** The Japan date the request was received; the age and the deadline count from it. */
  receivedOn: string;
  deadline: string;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  outcome: string | null;
  result: RequestResult | null;
  ageDays: number;
  overdue: boolean;
  timeline: TimelineEntry[];
}

export interface OpenRequest {
  type: SubjectRequestType;
  person?: PersonIdentification;
  receivedOn?: string;
  deliveryMethod?: DeliveryMethod;
  summary?: string;
}

interface RequestRow {
  id: string;
  type: SubjectRequestType;
  status: 'OPEN' | 'CLOSED';
  person: PersonIdentification;
  summary: string | null;
  matched_ids: string[];
  confirmed_ids: string[];
  identity_check: IdentityCheck | null;
  delivery_method: DeliveryMethod | null;
  refusal: Refusal | null;
  received_day: string;
  opened_at: Date;
  opened_by: string;
  closed_at: Date | null;
  outcome: string | null;
  result: RequestResult | null;
}

/** A request's columns, with the day received as text (node-postgres would read a date as local midnight). */
const REQUEST_COLUMNS = `*, to_char(received_on, 'YYYY-MM-DD') AS received_day`;

const invalid = (field: string, rule: string, message: string) => new RegistryException('VALIDATION_FAILED', 400, 'The request is invalid; see details for each field.', [{ field, rule, message }]);

/**
 * The administrator's handling of data subjects' requests (policy section 9): open a request for a person,
 * see whom it matches, confirm, act, close; every step is kept on the request's timeline.
 */
@Injectable()
export class SubjectRequestsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SubjectRequests');
  private readonly overdueCheck = new Periodic(15 * 60_000, () => this.raiseOverdueAlerts(), (error) => this.logger.error({ msg: 'overdue check failed', error: loggableError(error) }));

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RIGHTS_OPTIONS) private readonly options: RightsOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.overdueCheck.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.overdueCheck.stop();
  }

  async open(principal: Principal, request: OpenRequest): Promise<SubjectRequest> {
    const id = randomUUID();
    const person = request.person ?? {};
    const receivedOn = request.receivedOn ?? japanDateOf(new Date());
    await this.dataSource.transaction(async (manager) => {
      const matches = await this.match(manager, person);
      await manager.query(
        `INSERT INTO subject_requests (id, type, status, person, matched_ids, opened_at, opened_by, received_on, delivery_method, summary)
         VALUES ($1, $2, 'OPEN', $3, $4, now(), $5, $6, $7, $8)`,
        [id, request.type, JSON.stringify(person), matches.map((m) => m.contactId), principal.subject, receivedOn, request.deliveryMethod ?? null, request.summary ?? null],
      );
      await this.step(manager, id, principal, 'OPENED', { type: request.type, receivedOn, deliveryMethod: request.deliveryMethod ?? null });
      await this.step(manager, id, principal, 'MATCHED', { contactIds: matches.map((m) => m.contactId) });
    });
    return this.get(id);
  }

  async get(id: string): Promise<SubjectRequest> {
    const row = await this.row(this.dataSource.manager, id);
    const timeline = (await this.dataSource.query(`SELECT at, actor, step, detail FROM subject_request_timeline WHERE request_id = $1 ORDER BY id`, [id])) as {
      at: Date;
      actor: string;
      step: string;
      detail: Record<string, unknown>;
    }[];
    const matches = row.status === 'OPEN' ? (await this.match(this.dataSource.manager, row.person)).filter((m) => row.matched_ids.includes(m.contactId)) : [];
    return {
      ...this.summary(row),
      matches,
      timeline: timeline.map((t) => ({ at: t.at.toISOString(), actor: t.actor, step: t.step, detail: t.detail })),
    };
  }

  async list(status: 'OPEN' | 'CLOSED' | undefined): Promise<Omit<SubjectRequest, 'matches' | 'timeline'>[]> {
    const rows = (await this.dataSource.query(`SELECT ${REQUEST_COLUMNS} FROM subject_requests WHERE ($1::text IS NULL OR status = $1) ORDER BY opened_at DESC LIMIT 500`, [
      status ?? null,
    ])) as RequestRow[];
    return rows.map((row) => this.summary(row));
  }

  /** The privacy office confirms which of the matched persons the request is about, and how it verified who asked. */
  async confirm(principal: Principal, id: string, contactIds: string[], check: IdentityCheckDto): Promise<SubjectRequest> {
    if (!check.representativeActed && check.representative !== undefined) {
      throw invalid('identityCheck.representative', 'onlyWithRepresentative', 'representative must be left out when representativeActed is false');
    }
    await this.dataSource.transaction(async (manager) => {
      const row = await this.openRow(manager, id);
      const checkedOn = check.checkedOn ?? japanDateOf(new Date());
      if (checkedOn < row.received_day) {
        throw invalid('identityCheck.checkedOn', 'notBeforeReceived', `identityCheck.checkedOn must not be before the request was received (${row.received_day})`);
      }
      const unknown = contactIds.filter((contactId) => !row.matched_ids.includes(contactId));
      if (unknown.length > 0) {
        throw new RegistryException('NOT_MATCHED', 422, 'Only persons the request matched can be confirmed', [
          { field: 'contactIds', rule: 'matched', message: `not matched by this request: ${unknown.join(', ')}` },
        ]);
      }
      const identityCheck: IdentityCheck = {
        document: check.document,
        documentDescription: check.documentDescription ?? null,
        checkedOn,
        checkedBy: principal.subject,
        recordedAt: new Date().toISOString(),
        representativeActed: check.representativeActed,
        representative: check.representative ? { name: check.representative.name, authority: check.representative.authority, authorityDocument: check.representative.authorityDocument } : null,
      };
      await manager.query(`UPDATE subject_requests SET confirmed_ids = $2, identity_check = $3 WHERE id = $1`, [id, contactIds, JSON.stringify(identityCheck)]);
      await this.step(manager, id, principal, 'CONFIRMED', { contactIds, identityCheck });
    });
    return this.get(id);
  }

  /** Records a refusal in whole or in part, on a ground the request's type allows; a later one replaces it. */
  async refuse(principal: Principal, id: string, refusal: RefusalDto): Promise<SubjectRequest> {
    await this.dataSource.transaction(async (manager) => this.recordRefusal(manager, principal, await this.openRow(manager, id), refusal));
    return this.get(id);
  }

  /** The delivery the person asked for; it may change until the request is closed. */
  async setDeliveryMethod(principal: Principal, id: string, deliveryMethod: DeliveryMethod): Promise<SubjectRequest> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.openRow(manager, id);
      await manager.query(`UPDATE subject_requests SET delivery_method = $2 WHERE id = $1`, [id, deliveryMethod]);
      await this.step(manager, id, principal, 'DELIVERY_METHOD_SET', { from: row.delivery_method, to: deliveryMethod });
    });
    return this.get(id);
  }

  /**
   * Runs an action of the request in a transaction: checks that the request is open, that its type calls for
   * the action and that persons are confirmed; the work then runs with the confirmed persons, and its step is kept.
   */
  async act<T>(
    principal: Principal,
    id: string,
    action: RequestAction,
    work: (manager: EntityManager, contactIds: string[]) => Promise<{ result: T; detail: Record<string, unknown> }>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const row = this.callsFor(await this.openRow(manager, id), action);
      const { result, detail } = await work(manager, row.confirmed_ids);
      await this.step(manager, id, principal, action, detail);
      return result;
    });
  }

  /**
   * For an action that only reads (a disclosure, gathered from other services over HTTP): the same checks as
   * `act`, without holding a transaction open while the work runs. Record its step afterwards with `record`.
   */
  async confirmedFor(
    id: string,
    action: RequestAction,
  ): Promise<{ type: SubjectRequestType; contactIds: string[]; deliveryMethod: DeliveryMethod | null; refusal: Refusal | null }> {
    const row = await this.row(this.dataSource.manager, id);
    if (row.status !== 'OPEN') throw this.closed(row);
    this.callsFor(row, action);
    // Refused in whole: the answer carries the refusal and its reasons, and none of the person's data.
    const contactIds = row.refusal?.extent === 'WHOLE' ? [] : row.confirmed_ids;
    return { type: row.type, contactIds, deliveryMethod: row.delivery_method, refusal: row.refusal };
  }

  async record(principal: Principal, id: string, action: RequestAction, detail: Record<string, unknown>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      this.callsFor(await this.openRow(manager, id), action);
      await this.step(manager, id, principal, action, detail);
    });
  }

  /**
   * Closes the request with how it was answered. The result follows the refusal, recorded before or given here;
   * a result that contradicts it is refused.
   */
  async close(principal: Principal, id: string, outcome: string, asked: { result?: RequestResult; refusal?: RefusalDto } = {}): Promise<SubjectRequest> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.openRow(manager, id);
      const refusal = asked.refusal ? await this.recordRefusal(manager, principal, row, asked.refusal) : row.refusal;
      const result = resultOf(refusal);
      if (asked.result && asked.result !== result) {
        if (!refusal) throw invalid('refusal', 'required', `refusal is required to close as ${asked.result}: extent, ground and explanation (or record it first with POST …/refusal)`);
        throw new RegistryException('RESULT_CONTRADICTS_REFUSAL', 422, `The request was refused (${refusal.extent}), so it closes as ${result}, not ${asked.result}.`, [
          { field: 'result', rule: 'matchesRefusal', message: `result must be ${result} for a refusal in ${refusal.extent === 'WHOLE' ? 'whole' : 'part'}` },
        ]);
      }
      await manager.query(`UPDATE subject_requests SET status = 'CLOSED', closed_at = now(), outcome = $2, result = $3 WHERE id = $1`, [id, outcome, result]);
      await this.step(manager, id, principal, 'CLOSED', { outcome, result });
    });
    return this.get(id);
  }

  /** After an erasure, the request keeps the identifiers it was opened with only as "erased". */
  async forgetIdentification(manager: EntityManager, requestId: string): Promise<void> {
    const row = await this.row(manager, requestId);
    const erased = Object.fromEntries(Object.keys(row.person).map((key) => [key, '(erased)']));
    await manager.query(`UPDATE subject_requests SET person = $2 WHERE id = $1`, [requestId, JSON.stringify(erased)]);
  }

  /** Raises a desk alert for each request still open after its deadline: the day received plus the overdue days. */
  async raiseOverdueAlerts(now = new Date()): Promise<number> {
    // Every instance runs this check on the same schedule: one at a time, so none raises an alert another just raised.
    const rows = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('desk-alerts:request-overdue'))`);
      return (await manager.query(
        `INSERT INTO desk_alerts (id, kind, subject_id, detail, raised_at)
       SELECT gen_random_uuid(), 'REQUEST_OVERDUE', r.id,
              format('%s request received %s (entered by %s) is still open after %s days; its deadline was %s (limit %s days)',
                     r.type, to_char(r.received_on, 'YYYY-MM-DD'), r.opened_by, $1::date - r.received_on, to_char(r.received_on + $3::int, 'YYYY-MM-DD'), $3::int),
              $2
         FROM subject_requests r
        WHERE r.status = 'OPEN' AND r.received_on + $3::int < $1::date
          AND NOT EXISTS (SELECT 1 FROM desk_alerts a WHERE a.kind = 'REQUEST_OVERDUE' AND a.subject_id = r.id)
       RETURNING id`,
        [japanDateOf(now), now, this.options.overdueDays],
      )) as unknown[];
    });
    if (rows.length > 0) this.logger.warn({ msg: 'data subject requests overdue', count: rows.length });
    return rows.length;
  }

  /** Open requests past their deadline. */
  async countOverdue(now = new Date()): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM subject_requests WHERE status = 'OPEN' AND received_on + $2::int < $1::date`, [
      japanDateOf(now),
      this.options.overdueDays,
    ])) as { n: number }[];
    return row?.n ?? 0;
  }

  /** Finds the persons a request names: by e-mail, by phone, or by name (kanji or kana reading) with organization. */
  private async match(manager: EntityManager, person: PersonIdentification): Promise<MatchedPerson[]> {
    const emailKey = person.email ? identityText(person.email) : null;
    const phone = person.phone ? normalizeJapanesePhone(person.phone) : null;
    // A name matches the registered name or its reading, in hiragana, katakana or half-width kana alike.
    const name = person.name && person.organization ? readingText(person.name) : null;
    const organization = person.name && person.organization ? identityText(person.organization) : null;
    const normalised = (column: string) => `lower(regexp_replace(normalize(${column}, NFKC), '\\s', '', 'g'))`;
    const reading = (column: string) => readingSql(column, '$5', '$6');
    const rows = (await manager.query(
      `SELECT id, name_full, name_kana, organization_name, email, phone,
              ($1::text IS NOT NULL AND email_key = $1) AS by_email,
              ($2::text IS NOT NULL AND phone = $2) AS by_phone,
              ($3::text IS NOT NULL AND (${reading('name_full')} = $3 OR ${reading('name_kana')} = $3) AND ${normalised('organization_name')} = $4) AS by_name
         FROM contacts
        WHERE ($1::text IS NOT NULL AND email_key = $1)
           OR ($2::text IS NOT NULL AND phone = $2)
           OR ($3::text IS NOT NULL AND (${reading('name_full')} = $3 OR ${reading('name_kana')} = $3) AND ${normalised('organization_name')} = $4)
        ORDER BY seq
        LIMIT 100`,
      [emailKey, phone, name, organization, HIRAGANA, KATAKANA],
    )) as { id: string; name_full: string; name_kana: string | null; organization_name: string; email: string | null; phone: string | null; by_email: boolean; by_phone: boolean; by_name: boolean }[];
    return rows.map((row) => ({
      contactId: row.id,
      name: row.name_full,
      nameKana: row.name_kana,
      organizationName: row.organization_name,
      email: row.email,
      phone: row.phone,
      matchedOn: [row.by_email && 'email', row.by_phone && 'phone', row.by_name && 'name'].filter((m): m is 'email' | 'phone' | 'name' => Boolean(m)),
    }));
  }

  private async step(manager: EntityManager, requestId: string, principal: Principal, step: string, detail: Record<string, unknown>): Promise<void> {
    await manager.query(`INSERT INTO subject_request_timeline (request_id, at, actor, step, detail) VALUES ($1, clock_timestamp(), $2, $3, $4)`, [
      requestId,
      principal.subject,
      step,
      JSON.stringify(detail),
    ]);
  }

  private async recordRefusal(manager: EntityManager, principal: Principal, row: RequestRow, dto: RefusalDto): Promise<Refusal> {
    const problem = groundProblem(row.type, dto.ground);
    if (problem) throw new RegistryException('GROUND_NOT_FOR_THIS_REQUEST', 422, `The request cannot be refused on ${dto.ground}: ${problem}.`, [{ field: 'ground', rule: 'groundForType', message: problem }]);
    const refusal: Refusal = {
      extent: dto.extent,
      ground: dto.ground,
      explanation: dto.explanation,
      refusedPart: dto.refusedPart ?? null,
      refusedAt: new Date().toISOString(),
      refusedBy: principal.subject,
    };
    await manager.query(`UPDATE subject_requests SET refusal = $2 WHERE id = $1`, [row.id, JSON.stringify(refusal)]);
    await this.step(manager, row.id, principal, 'REFUSED', { extent: refusal.extent, ground: refusal.ground, explanation: refusal.explanation, refusedPart: refusal.refusedPart });
    return refusal;
  }

  private async row(manager: EntityManager, id: string, lock = false): Promise<RequestRow> {
    const [row] = (await manager.query(`SELECT ${REQUEST_COLUMNS} FROM subject_requests WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as RequestRow[];
    if (!row) throw new RegistryException('REQUEST_NOT_FOUND', 404, `No data subject request ${id}`);
    return row;
  }

  private async openRow(manager: EntityManager, id: string): Promise<RequestRow> {
    const row = await this.row(manager, id, true);
    if (row.status !== 'OPEN') throw this.closed(row);
    return row;
  }

  private closed(row: RequestRow): RegistryException {
    return new RegistryException('REQUEST_CLOSED', 409, `The request was closed at ${row.closed_at?.toISOString()}; open a new one.`);
  }

  /** The request, when its type calls for the action and persons are confirmed. */
  private callsFor(row: RequestRow, action: RequestAction): RequestRow {
    if (!ACTIONS_BY_TYPE[row.type].includes(action)) {
      throw new RegistryException('ACTION_NOT_FOR_THIS_REQUEST', 409, `A ${row.type} request does not call for ${action}; it calls for ${ACTIONS_BY_TYPE[row.type].join(' or ')}.`);
    }
    const refusedInWhole = action === 'DISCLOSED' && row.refusal?.extent === 'WHOLE';
    if (needsConfirmedPerson(action) && !refusedInWhole && row.confirmed_ids.length === 0) {
      throw new RegistryException('NO_CONFIRMED_PERSON', 409, 'Confirm which of the matched persons the request is about first (POST …/confirmation).');
    }
    return row;
  }

  private summary(row: RequestRow): Omit<SubjectRequest, 'matches' | 'timeline'> {
    const clock = requestClock(row.received_day, this.options.overdueDays, new Date(), row.closed_at);
    return {
      id: row.id,
      type: row.type,
      status: row.status,
      person: row.person,
      summary: row.summary,
      confirmedContactIds: row.confirmed_ids,
      identityCheck: row.identity_check,
      deliveryMethod: row.delivery_method,
      refusal: row.refusal,
      receivedOn: row.received_day,
      deadline: clock.deadline,
      openedAt: row.opened_at.toISOString(),
      openedBy: row.opened_by,
      closedAt: row.closed_at?.toISOString() ?? null,
      outcome: row.outcome,
      result: row.result,
      ageDays: clock.ageDays,
      overdue: clock.overdue,
    };
  }
}
