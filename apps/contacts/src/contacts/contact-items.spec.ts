import { formCompanyView, formItems, type ItemStatement } from './contact-items';

const entry = (description: string) => ({ id: `id-${description}`, occurredOn: '2026-10-01', description, companyCode: 'A-JP' });
const acquisitionByA: ItemStatement = {
  order: 1n,
  companyCode: 'A-JP',
  items: { name: { full: '佐藤 花子' }, organizationName: 'Example KK', phone: '+81312345678', title: 'Manager', transactionHistory: [entry('a1')] },
};
const acquisitionByB: ItemStatement = {
  order: 2n,
  companyCode: 'B-JP',
  items: { name: { full: '佐藤 花子', kana: 'サトウ ハナコ' }, organizationName: 'Example KK', email: 'h.sato@example.co.jp', transactionHistory: [entry('b1')] },
};

describe('formItems', () => {
  it('lets the most recent statement naming an item win, and keeps items a later statement does not name', () => {
    const items = formItems([acquisitionByA, acquisitionByB]);
    expect(items).toMatchObject({ name: { full: '佐藤 花子', kana: 'サトウ ハナコ' }, phone: '+81312345678', title: 'Manager', email: 'h.sato@example.co.jp' });
  });

  it('keeps the kana reading when a later name leaves it out, and deletes it when a later name sets it to null', () => {
    const withoutKana: ItemStatement = { order: 3n, companyCode: 'A-JP', items: { name: { full: '佐藤 華子' } } };
    expect(formItems([acquisitionByA, acquisitionByB, withoutKana])?.name).toEqual({ full: '佐藤 華子', kana: 'サトウ ハナコ' });
    const kanaDeleted: ItemStatement = { order: 4n, companyCode: 'A-JP', items: { name: { full: '佐藤 華子', kana: null } } };
    expect(formItems([acquisitionByA, acquisitionByB, withoutKana, kanaDeleted])?.name).toEqual({ full: '佐藤 華子', kana: null });
  });

  it('applies statements in the order they were recorded, whatever order they are given in', () => {
    const correction: ItemStatement = { order: 3n, companyCode: 'A-JP', items: { title: 'Director' } };
    expect(formItems([correction, acquisitionByB, acquisitionByA])?.title).toBe('Director');
  });

  it('deletes an optional item a later statement sets to null, and a still later one can add it again', () => {
    const deleted: ItemStatement = { order: 3n, companyCode: 'B-JP', items: { phone: null } };
    expect(formItems([acquisitionByA, acquisitionByB, deleted])?.phone).toBeNull();
    const addedAgain: ItemStatement = { order: 4n, companyCode: 'A-JP', items: { phone: '+81398765432' } };
    expect(formItems([acquisitionByA, deleted, addedAgain])?.phone).toBe('+81398765432');
  });

  it('appends every statement’s transaction history in order instead of replacing it', () => {
    const appended: ItemStatement = { order: 3n, companyCode: 'A-JP', items: { transactionHistory: [entry('a2')] } };
    expect(formItems([appended, acquisitionByB, acquisitionByA])?.transactionHistory.map((e) => e.description)).toEqual(['a1', 'b1', 'a2']);
  });

  it('forms nothing without a statement naming the required items', () => {
    expect(formItems([])).toBeNull();
    expect(formItems([{ order: 1n, companyCode: 'A-JP', items: { title: 'x' } }])).toBeNull();
  });
});

describe('formCompanyView', () => {
  const officeCorrection: ItemStatement = { order: 3n, companyCode: null, items: { organizationName: 'Example Holdings KK' } };

  it('forms a company’s view from its own statements and the privacy office’s corrections only', () => {
    const view = formCompanyView([acquisitionByA, acquisitionByB, officeCorrection], 'B-JP');
    expect(view).toMatchObject({ name: { kana: 'サトウ ハナコ' }, organizationName: 'Example Holdings KK', phone: null, title: null, email: 'h.sato@example.co.jp' });
    expect(view?.transactionHistory.map((e) => e.description)).toEqual(['b1']);
  });

  it('forms no view for a company that stated nothing about the person', () => {
    expect(formCompanyView([acquisitionByA, officeCorrection], 'B-JP')).toBeNull();
  });
});

describe('corrections of transaction history entries', () => {
  const history = (statements: ItemStatement[]) => formItems(statements)?.transactionHistory;

  it('corrects the date or description of the entry named by id, in place, and leaves the others', () => {
    const corrected: ItemStatement = { order: 3n, companyCode: null, items: { transactionChanges: [{ id: 'id-a1', description: 'a1 corrected' }, { id: 'id-b1', occurredOn: '2026-09-30' }] } };
    expect(history([acquisitionByA, acquisitionByB, corrected])).toEqual([
      { id: 'id-a1', occurredOn: '2026-10-01', description: 'a1 corrected', companyCode: 'A-JP' },
      { id: 'id-b1', occurredOn: '2026-09-30', description: 'b1', companyCode: 'A-JP' },
    ]);
  });

  it('deletes the entry named by id, and a later correction naming it changes nothing', () => {
    const deleted: ItemStatement = { order: 3n, companyCode: null, items: { transactionChanges: [{ id: 'id-a1', deleted: true }] } };
    const late: ItemStatement = { order: 4n, companyCode: null, items: { transactionChanges: [{ id: 'id-a1', description: 'back?' }] } };
    expect(history([acquisitionByA, acquisitionByB, deleted, late])?.map((e) => e.description)).toEqual(['b1']);
  });

  it('applies a change to entries recorded before it only: an entry appended later is untouched', () => {
    const change: ItemStatement = { order: 3n, companyCode: null, items: { transactionChanges: [{ id: 'id-a2', deleted: true }] } };
    const appended: ItemStatement = { order: 4n, companyCode: 'A-JP', items: { transactionHistory: [entry('a2')] } };
    expect(history([acquisitionByA, change, appended])?.map((e) => e.description)).toEqual(['a1', 'a2']);
  });

  it('reaches every company’s view when the privacy office made it', () => {
    const deleted: ItemStatement = { order: 3n, companyCode: null, items: { transactionChanges: [{ id: 'id-b1', deleted: true }] } };
    expect(formCompanyView([acquisitionByA, acquisitionByB, deleted], 'B-JP')?.transactionHistory).toEqual([]);
    expect(formCompanyView([acquisitionByA, acquisitionByB, deleted], 'A-JP')?.transactionHistory.map((e) => e.description)).toEqual(['a1']);
  });
});
