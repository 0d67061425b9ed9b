import type { OpenAPIObject } from '@nestjs/swagger';
import { documentPlatformErrors, openApiGaps } from './openapi';

const ERROR = { content: { 'application/json': { schema: { $ref: '#/components/schemas/RegistryErrorDto' } } } };
const documentWith = (operation: object): OpenAPIObject =>
  ({ openapi: '3.0.0', info: { title: 't', version: '1' }, paths: { '/things/{id}': { get: operation } }, components: { schemas: { RegistryErrorDto: {} } } }) as unknown as OpenAPIObject;

describe('openApiGaps', () => {
  const complete = { operationId: 'getThing', responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } }, 404: { description: 'x', ...ERROR } } };

  it('finds nothing missing in a complete operation', () => {
    expect(openApiGaps(documentWith(complete))).toEqual([]);
  });

  it('names Nest’s default operationId, a success without a schema, an error without the error body, and no error at all', () => {
    expect(openApiGaps(documentWith({ ...complete, operationId: 'ThingsController_get' }))).toEqual([expect.stringContaining('operationId ThingsController_get')]);
    expect(openApiGaps(documentWith({ ...complete, responses: { ...complete.responses, 200: { description: 'ok' } } }))).toEqual(['GET /things/{id}: 200 has no content']);
    expect(openApiGaps(documentWith({ ...complete, responses: { ...complete.responses, 404: { description: 'x' } } }))).toEqual(["GET /things/{id}: 404 has no error body (RegistryErrorDto or a schema of the route's own)"]);
    expect(openApiGaps(documentWith({ ...complete, responses: { 200: complete.responses[200] } }))).toEqual(['GET /things/{id}: no error response']);
  });

  it('takes an error body of the route’s own', () => {
    const readiness = { description: 'not ready', content: { 'application/json': { schema: { $ref: '#/components/schemas/ReadinessDto' } } } };
    expect(openApiGaps(documentWith({ ...complete, responses: { ...complete.responses, 503: readiness } }))).toEqual([]);
  });

  it('takes a 204 without a body', () => {
    expect(openApiGaps(documentWith({ ...complete, responses: { 204: { description: 'gone' }, 404: complete.responses[404] } }))).toEqual([]);
  });
});

describe('documentPlatformErrors', () => {
  it('adds the guard’s and the input checks’ errors to an authenticated route with input, keeping a route’s own description', () => {
    const document = documentPlatformErrors(
      documentWith({ ...complete(), security: [{ bearer: [] }], parameters: [{ name: 'id', in: 'path' }], responses: { 200: {}, 404: { description: 'mine', ...ERROR } } }),
    );
    const responses = (document.paths['/things/{id}']?.get as { responses: Record<string, { description: string }> }).responses;
    expect(Object.keys(responses).sort()).toEqual(['200', '400', '401', '403', '404', '422', '500', '503']);
    expect(responses['404']?.description).toBe('mine');
  });

  it('adds only the unexpected failure to a public route without input', () => {
    const document = documentPlatformErrors(documentWith({ responses: { 200: {} } }));
    expect(Object.keys((document.paths['/things/{id}']?.get as { responses: object }).responses)).toEqual(['200', '500']);
  });
});

function complete() {
  return { operationId: 'getThing' };
}
