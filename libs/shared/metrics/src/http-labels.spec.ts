import { methodLabel, routeLabel, statusClass, UNMATCHED_ROUTE } from './http-labels';

describe('routeLabel', () => {
  it('keeps a route template as it is', () => {
    expect(routeLabel('/shared-contacts/:id')).toBe('/shared-contacts/:id');
    expect(routeLabel('/audit/contacts/:id/record-of-provision')).toBe('/audit/contacts/:id/record-of-provision');
    expect(routeLabel('/')).toBe('/');
  });

  it('counts a request that matched no route as unmatched, whatever its path', () => {
    expect(routeLabel(undefined)).toBe(UNMATCHED_ROUTE);
    expect(routeLabel(null)).toBe(UNMATCHED_ROUTE);
    expect(routeLabel('')).toBe(UNMATCHED_ROUTE);
  });

  it('never keeps a query string, and cuts at a wildcard', () => {
    expect(routeLabel('/contacts?email=hanako@example.co.jp')).toBe('/contacts');
    expect(routeLabel('/docs/*')).toBe('/docs/*');
    expect(routeLabel('/docs/static/*/x')).toBe('/docs/static/*');
  });

  it('drops a trailing slash', () => {
    expect(routeLabel('/contacts/')).toBe('/contacts');
  });

  it('refuses anything that is not a template: spaces, encoded characters, other text', () => {
    expect(routeLabel('/contacts/佐藤')).toBe(UNMATCHED_ROUTE);
    expect(routeLabel('/contacts/a%40b')).toBe(UNMATCHED_ROUTE);
    expect(routeLabel('/contacts/a b')).toBe(UNMATCHED_ROUTE);
    expect(routeLabel('contacts')).toBe(UNMATCHED_ROUTE);
  });
});

describe('methodLabel', () => {
  it('keeps the known methods and folds the rest', () => {
    expect(methodLabel('get')).toBe('GET');
    expect(methodLabel('DELETE')).toBe('DELETE');
    expect(methodLabel('PROPFIND')).toBe('OTHER');
  });
});

describe('statusClass', () => {
  it('gives the class of a status', () => {
    expect(statusClass(200)).toBe('2xx');
    expect(statusClass(204)).toBe('2xx');
    expect(statusClass(401)).toBe('4xx');
    expect(statusClass(503)).toBe('5xx');
    expect(statusClass(0)).toBe('other');
    expect(statusClass(700)).toBe('other');
  });
});
