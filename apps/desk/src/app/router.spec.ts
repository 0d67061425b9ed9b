import { matchPath } from './router';

describe('matchPath', () => {
  it('matches literal paths and takes params', () => {
    expect(matchPath('/sales/contacts', '/sales/contacts')).toEqual({});
    expect(matchPath('/sales/contacts', '/sales/contacts/')).toEqual({});
    expect(matchPath('/sales/contacts/:id/edit', '/sales/contacts/a%2Fb/edit')).toEqual({ id: 'a/b' });
  });

  it('refuses other paths and broken escapes', () => {
    expect(matchPath('/sales/contacts', '/sales')).toBeNull();
    expect(matchPath('/sales/contacts/:id', '/sales/contacts/%E0%A4%A')).toBeNull();
    expect(matchPath('/', '/x')).toBeNull();
  });
});
