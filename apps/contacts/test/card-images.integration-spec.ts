import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topics } from '@registry/contracts';
import { createKafka } from '@registry/kafka';
import { bearer, createTestDatabase, readWholeTopic, startInProcess, testKafka, uniqueSuffix, type TestDatabase } from '@registry/testing';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CARD_IMAGE_MAX_BYTES } from '../src/card-images/card-image-content';
import { createContactsApp } from '../src/contacts.app';
import { contactsTestSettings, registerInContacts } from './contacts-test-settings';

const suffix = uniqueSuffix();
const companyA = `CARD-A-${suffix}`;
const companyB = `CARD-B-${suffix}`;
const salesA = bearer('sales', companyA, `staff-a-${suffix}`);
const salesB = bearer('sales', companyB, `staff-b-${suffix}`);
const admin = bearer('admin', 'GROUP-HD', `office-${suffix}`);

/** A file of the type with bytes of its own after the signature, so that each upload can be told apart. */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = (size = 64) => Buffer.concat([PNG_SIGNATURE, randomBytes(size - PNG_SIGNATURE.length)]);
const jpeg = (size = 64) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), randomBytes(32)]);

let people = 0;
const body = () => {
  people += 1;
  return {
    name: { full: `名刺 太郎 ${people}` },
    organizationName: 'Card Trading KK',
    email: `card.${people}.${suffix.toLowerCase()}@card.example.co.jp`,
    acquisition: { method: 'BUSINESS_CARD', acquiredOn: '2026-11-01' },
  };
};

describe('contacts: card images', () => {
  const kafka = createKafka(testKafka('contacts-card-images-test'));
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  const register = async (authorization = salesA, payload: object = body()) => {
    const response = await app.inject({ method: 'POST', url: '/contacts', headers: { authorization }, payload });
    expect([200, 201]).toContain(response.statusCode);
    const contact = response.json();
    return { contactId: contact.id as string, acquisitionId: contact.acquisitions[0].id as string, email: contact.email as string };
  };
  const url = (ref: { contactId: string; acquisitionId: string }) => `/contacts/${ref.contactId}/acquisitions/${ref.acquisitionId}/card-image`;
  const upload = (ref: { contactId: string; acquisitionId: string }, file: Buffer, contentType: string, authorization: string | null = salesA) =>
    app.inject({ method: 'PUT', url: url(ref), headers: { 'content-type': contentType, ...(authorization ? { authorization } : {}) }, payload: file });
  const fetchImage = (ref: { contactId: string; acquisitionId: string }, authorization: string | null = salesA) =>
    app.inject({ method: 'GET', url: url(ref), headers: authorization ? { authorization } : {} });
  const remove = (ref: { contactId: string; acquisitionId: string }, authorization: string | null = salesA) =>
    app.inject({ method: 'DELETE', url: url(ref), headers: authorization ? { authorization } : {} });
  const stored = async (acquisitionId: string) =>
    (await dataSource.query(`SELECT media_type, size_bytes, sha256, content, uploaded_by FROM card_images WHERE acquisition_id = $1`, [acquisitionId])) as {
      media_type: string;
      size_bytes: number;
      sha256: string;
      content: Buffer;
      uploaded_by: string;
    }[];

  beforeAll(async () => {
    database = await createTestDatabase('contacts_card_images');
    app = await startInProcess(createContactsApp, contactsTestSettings(database.url));
    dataSource = app.get(DataSource);
    await registerInContacts(app, kafka, [companyA, companyB]);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('stores an upload as sent, serves it with its type and headers that keep a browser from running or caching it, replaces it, and deletes it', async () => {
    const ref = await register();
    const file = png(2048);
    const created = await upload(ref, file, 'image/png');
    expect(created.statusCode).toBe(201);
    const sha256 = createHash('sha256').update(file).digest('hex');
    expect(created.json()).toEqual({ ...ref, email: undefined, mediaType: 'image/png', sizeBytes: 2048, sha256, uploadedBy: `staff-a-${suffix}`, uploadedAt: expect.any(String) });
    expect(await stored(ref.acquisitionId)).toEqual([{ media_type: 'image/png', size_bytes: 2048, sha256, content: file, uploaded_by: `staff-a-${suffix}` }]);

    const served = await fetchImage(ref);
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(file)).toBe(true);
    expect(served.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="card-${ref.acquisitionId}.png"`,
      'cache-control': 'private, no-store',
    });
    expect(String(served.headers['content-security-policy'])).toMatch(/^sandbox;/);
    expect(String(served.headers['content-security-policy'])).not.toContain('script-src');

    // One image per acquisition: a second upload is a better scan of the same card, and replaces the first.
    const replacement = pdf();
    const replaced = await upload(ref, replacement, 'application/pdf; charset=binary');
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ mediaType: 'application/pdf', sizeBytes: replacement.length });
    expect((await stored(ref.acquisitionId)).map((row) => row.content)).toEqual([replacement]);
    expect((await fetchImage(ref)).headers['content-type']).toBe('application/pdf');

    // The administrator reaches it too.
    expect((await fetchImage(ref, admin)).rawPayload.equals(replacement)).toBe(true);

    expect((await remove(ref)).statusCode).toBe(204);
    expect(await stored(ref.acquisitionId)).toEqual([]);
    expect((await fetchImage(ref)).json()).toMatchObject({ statusCode: 404, code: 'CARD_IMAGE_NOT_FOUND' });
    expect((await remove(ref)).json()).toMatchObject({ statusCode: 404, code: 'CARD_IMAGE_NOT_FOUND' });
  });

  it('takes 5 MiB exactly and refuses one byte more with 413 naming the limit, storing nothing', async () => {
    const ref = await register();
    const largest = jpeg(CARD_IMAGE_MAX_BYTES);
    expect((await upload(ref, largest, 'image/jpeg')).statusCode).toBe(201);
    const tooLarge = await upload(ref, jpeg(CARD_IMAGE_MAX_BYTES + 1), 'image/jpeg');
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining(`${CARD_IMAGE_MAX_BYTES} bytes (5 MiB)`) });
    expect((await stored(ref.acquisitionId))[0]?.sha256).toBe(createHash('sha256').update(largest).digest('hex'));
  });

  it.each([
    ['PNG bytes declared a JPEG', () => png(), 'image/jpeg', 415, 'CARD_IMAGE_CONTENT_MISMATCH', /not FF D8 FF: they are image\/png/],
    ['an SVG with a script declared a PNG', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'image/png', 415, 'CARD_IMAGE_CONTENT_MISMATCH', /PNG signature/],
    ['HTML declared a PDF', () => Buffer.from('<html><script>alert(1)</script>'), 'application/pdf', 415, 'CARD_IMAGE_CONTENT_MISMATCH', /%PDF-/],
    ['an empty body', () => Buffer.alloc(0), 'image/png', 400, 'CARD_IMAGE_EMPTY', /empty/],
    ['a GIF', () => Buffer.from('GIF89a......'), 'image/gif', 415, 'UNSUPPORTED_MEDIA_TYPE', /image\/jpeg, image\/png or application\/pdf/],
    ['an SVG', () => Buffer.from('<svg/>'), 'image/svg+xml', 415, 'UNSUPPORTED_MEDIA_TYPE', /image\/jpeg, image\/png or application\/pdf/],
    ['text', () => Buffer.from('a card'), 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE', /image\/jpeg, image\/png or application\/pdf/],
    ['JSON', () => Buffer.from('{"image":"x"}'), 'application/json', 415, 'CARD_IMAGE_TYPE_UNSUPPORTED', /image\/jpeg, image\/png or application\/pdf/],
  ])('refuses %s, naming the rule, and stores nothing', async (_case, file, contentType, status, code, message) => {
    const ref = await register();
    const refused = await upload(ref, file(), contentType);
    expect(refused.statusCode).toBe(status);
    expect(refused.json()).toMatchObject({ statusCode: status, code, message: expect.stringMatching(message) });
    expect(await stored(ref.acquisitionId)).toEqual([]);
  });

  it('gives every other route its JSON-only refusal for an image body', async () => {
    const refused = await app.inject({ method: 'POST', url: '/contacts', headers: { authorization: salesA, 'content-type': 'image/png' }, payload: png() });
    expect(refused.statusCode).toBe(415);
    expect(refused.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('JSON') });
  });

  it('lets only the acquiring company’s sales staff and the administrator reach it: 401 without a token, 403 for a group company and for another company’s acquisition, 404 where the company acquired nothing', async () => {
    const ref = await register();
    expect((await upload(ref, png(), 'image/png')).statusCode).toBe(201);
    const before = await stored(ref.acquisitionId);

    for (const call of [() => upload(ref, png(), 'image/png', null), () => fetchImage(ref, null), () => remove(ref, null)]) {
      const refused = await call();
      expect(refused.statusCode).toBe(401);
      expect(refused.json()).toMatchObject({ statusCode: 401, code: expect.any(String) });
    }
    const companyToken = bearer('company', companyA);
    for (const call of [() => upload(ref, png(), 'image/png', companyToken), () => fetchImage(ref, companyToken), () => remove(ref, companyToken)]) {
      expect((await call()).statusCode).toBe(403);
    }
    // Company B acquired nothing of the person: as everywhere in contacts, the contact is not B's to know of.
    for (const call of [() => upload(ref, png(), 'image/png', salesB), () => fetchImage(ref, salesB), () => remove(ref, salesB)]) {
      expect((await call()).json()).toMatchObject({ statusCode: 404, code: 'CONTACT_NOT_FOUND' });
    }
    // Company B acquires the same person too: it sees the contact, but A's acquisition and its card stay A's.
    const linked = await register(salesB, { ...body(), email: ref.email });
    expect(linked.contactId).toBe(ref.contactId);
    for (const call of [() => upload(ref, png(), 'image/png', salesB), () => fetchImage(ref, salesB), () => remove(ref, salesB)]) {
      const refused = await call();
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'ACQUISITION_OF_ANOTHER_COMPANY' });
      expect(refused.body).not.toContain(before[0]?.sha256);
    }
    // A's acquisition id under B's own contact path, or a made-up acquisition, is not found.
    expect((await fetchImage({ contactId: ref.contactId, acquisitionId: '00000000-0000-4000-8000-000000000000' })).json()).toMatchObject({ code: 'ACQUISITION_NOT_FOUND' });
    expect((await fetchImage({ contactId: ref.contactId, acquisitionId: 'not-a-uuid' })).statusCode).toBe(400);
    expect(await stored(ref.acquisitionId)).toEqual(before);
  });

  it('never puts the image, or its digest, in a contact event or the outbox', async () => {
    const ref = await register();
    const file = png(512);
    expect((await upload(ref, file, 'image/png')).statusCode).toBe(201);
    // A change after the upload publishes the person's state again.
    const contact = (await app.inject({ method: 'GET', url: `/contacts/${ref.contactId}`, headers: { authorization: salesA } })).json();
    expect((await app.inject({ method: 'PATCH', url: `/contacts/${ref.contactId}`, headers: { authorization: salesA }, payload: { version: contact.version, title: 'Chief' } })).statusCode).toBe(200);
    const sha256 = createHash('sha256').update(file).digest('hex');
    const outbox = JSON.stringify(await dataSource.query(`SELECT * FROM outbox`));
    const events = (await readWholeTopic(kafka, Topics.contact)).map((m) => `${m.key} ${m.value} ${JSON.stringify(m.headers)}`).join('\n');
    for (const trace of [sha256, file.toString('base64'), file.subarray(8).toString('hex')]) {
      expect(outbox).not.toContain(trace);
      expect(events).not.toContain(trace);
    }
  });

  it('keeps sales staff from a suspended person’s card image (the administrator still reaches it), and erasure deletes the images', async () => {
    const ref = await register();
    expect((await upload(ref, jpeg(), 'image/jpeg')).statusCode).toBe(201);
    const desk = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: { authorization: admin }, payload });
    const identityCheck = { document: 'PASSPORT', representativeActed: false };

    const suspension = (await desk('/subject-requests', { type: 'SUSPENSION_OF_USE', person: { email: ref.email } })).json();
    expect((await desk(`/subject-requests/${suspension.id}/confirmation`, { contactIds: [ref.contactId], identityCheck })).statusCode).toBe(200);
    expect((await desk(`/subject-requests/${suspension.id}/suspension`, {})).statusCode).toBe(200);
    expect((await fetchImage(ref)).json()).toMatchObject({ statusCode: 409, code: 'CONTACT_SUSPENDED' });
    expect((await upload(ref, jpeg(), 'image/jpeg')).json()).toMatchObject({ statusCode: 409, code: 'CONTACT_SUSPENDED' });
    expect((await fetchImage(ref, admin)).statusCode).toBe(200);

    const erasure = (await desk('/subject-requests', { type: 'ERASURE', person: { email: ref.email } })).json();
    expect((await desk(`/subject-requests/${erasure.id}/confirmation`, { contactIds: [ref.contactId], identityCheck })).statusCode).toBe(200);
    expect((await desk(`/subject-requests/${erasure.id}/erasure`, {})).statusCode).toBe(200);
    expect((await dataSource.query(`SELECT count(*)::int AS n FROM card_images WHERE contact_id = $1 OR acquisition_id = $2`, [ref.contactId, ref.acquisitionId]))[0].n).toBe(0);
    expect((await fetchImage(ref, admin)).json()).toMatchObject({ statusCode: 404, code: 'CONTACT_NOT_FOUND' });
  });
});
