import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SearchAccessesQuery } from './search-accesses.query';

const problems = (query: Record<string, unknown>) =>
  validateSync(plainToInstance(SearchAccessesQuery, query), { whitelist: true, forbidNonWhitelisted: true }).map((e) => e.property);

describe('SearchAccessesQuery', () => {
  it('accepts no filters, with a default page size', () => {
    expect(problems({})).toEqual([]);
    expect(plainToInstance(SearchAccessesQuery, {}).limit).toBe(50);
  });

  it('reads the page size from the query string', () => {
    expect(plainToInstance(SearchAccessesQuery, { limit: '20' }).limit).toBe(20);
  });

  it('refuses bad values and unknown filters', () => {
    expect(problems({ outcome: 'MAYBE', contactId: 'x', cursor: '1; DROP TABLE', limit: '0', email: 'a@b.c' }).sort()).toEqual(
      ['contactId', 'cursor', 'email', 'limit', 'outcome'].sort(),
    );
  });
});
