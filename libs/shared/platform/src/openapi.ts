import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';

/** One refused field: which, by what rule, in a sentence. */
export class RegistryErrorFieldDto {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty({ example: 'isEmail' }) rule!: string;
  @ApiProperty({ example: 'email must be an email' }) message!: string;
}

/** The body of every error the registry answers (see RegistryExceptionFilter). */
@ApiExtraModels(RegistryErrorFieldDto)
export class RegistryErrorDto {
  @ApiProperty({ example: 404 }) statusCode!: number;
  @ApiProperty({ example: 'CONTACT_NOT_FOUND', description: 'Stable; a client branches on it' }) code!: string;
  @ApiProperty({ description: 'What was refused and why, for a person to read' }) message!: string;
  @ApiPropertyOptional({
    description: 'For a refused field: one entry per field, naming the rule; for some refusals an object (e.g. currentVersion, maxDepth)',
    oneOf: [{ type: 'array', items: { $ref: getSchemaPath(RegistryErrorFieldDto) } }, { type: 'object', additionalProperties: true }],
  })
  details?: RegistryErrorFieldDto[] | Record<string, unknown>;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 500 | 503;

/** Documents the errors a route answers beyond those every route answers (see documentPlatformErrors), each with the error body. */
export function ApiRegistryErrors(errors: Partial<Record<ErrorStatus, string>>): MethodDecorator & ClassDecorator {
  return applyDecorators(...Object.entries(errors).map(([status, description]) => ApiResponse({ status: Number(status), type: RegistryErrorDto, description })));
}

type Operation = {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

export function operationsOf(document: OpenAPIObject): { method: string; path: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = (item as Record<string, Operation | undefined>)[method];
      return operation ? [{ method, path, operation }] : [];
    }),
  );
}

const errorContent = () => ({ 'application/json': { schema: { $ref: getSchemaPath(RegistryErrorDto) } } });

/**
 * Adds to each operation the errors the platform itself answers, whatever the route: 401/403 from the guard on a route that
 * takes a token; 400 (malformed or too deeply nested input, a bad path parameter) and 422 (a My Number) on a route with input;
 * 413 and 415 on a route with a body; 503 when the database is out of reach on a route that takes a token; 500 on every route
 * (an unexpected failure, logged). A route's own decorators win for a status they name.
 */
export function documentPlatformErrors(document: OpenAPIObject): OpenAPIObject {
  for (const { operation } of operationsOf(document)) {
    const add = (status: ErrorStatus, description: string) => {
      operation.responses[status] ??= { description, content: errorContent() };
    };
    const hasInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined;
    const authenticated = (operation.security?.length ?? 0) > 0;
    if (hasInput) add(400, 'VALIDATION_FAILED, BODY_TOO_DEEP or MALFORMED_TEXT: a field, parameter or the body breaks a rule the details name');
    if (authenticated) {
      add(401, 'UNAUTHENTICATED: no bearer token, or one that does not verify');
      add(403, 'FORBIDDEN: the token’s role or company may not call this route');
    }
    if (operation.requestBody !== undefined) {
      add(413, 'PAYLOAD_TOO_LARGE: the body is over the service’s limit');
      add(415, 'UNSUPPORTED_MEDIA_TYPE: the body is not of a type the route takes');
    }
    if (hasInput) add(422, 'SPECIFIED_PERSONAL_INFORMATION: a field holds a My Number');
    if (authenticated) add(503, 'DATABASE_UNAVAILABLE: the database is out of reach; try again after retry-after seconds');
    add(500, 'INTERNAL_ERROR: an unexpected failure; the service has logged it');
  }
  return document;
}

/**
 * What a generated client needs and an operation lacks: a stable, meaningful operationId (not Nest's `Controller_method`), a success
 * response with a schema for each media type it answers, and error responses, each with the registry's error body.
 */
export function openApiGaps(document: OpenAPIObject): string[] {
  const gaps: string[] = [];
  const errorRef = getSchemaPath(RegistryErrorDto);
  const seenIds = new Set<string>();
  if (!document.components?.schemas?.['RegistryErrorDto']) gaps.push('components.schemas: RegistryErrorDto is missing');
  for (const { method, path, operation } of operationsOf(document)) {
    const where = `${method.toUpperCase()} ${path}`;
    const id = operation.operationId;
    if (!id || !/^[a-z][A-Za-z0-9]+$/.test(id)) gaps.push(`${where}: operationId ${id ?? '(none)'} is not a camelCase name of its own`);
    else if (seenIds.has(id)) gaps.push(`${where}: operationId ${id} is used twice`);
    if (id) seenIds.add(id);
    const statuses = Object.keys(operation.responses);
    const successes = statuses.filter((status) => /^2\d\d$/.test(status));
    if (successes.length === 0) gaps.push(`${where}: no 2xx response`);
    for (const status of successes) {
      const response = operation.responses[status] as Operation['responses'][string];
      // 204 has no body by definition; any other success names its body's schema for each media type.
      if (status === '204') continue;
      const content = Object.entries(response.content ?? {});
      if (content.length === 0) gaps.push(`${where}: ${status} has no content`);
      for (const [mediaType, body] of content) if (!body.schema) gaps.push(`${where}: ${status} ${mediaType} has no schema`);
    }
    const errors = statuses.filter((status) => /^[45]\d\d$/.test(status));
    if (errors.length === 0) gaps.push(`${where}: no error response`);
    // An error answers the registry's error body, unless the route documents a body of its own (readiness' 503 reports each check).
    for (const status of errors) {
      const schema = operation.responses[status]?.content?.['application/json']?.schema as { $ref?: string } | undefined;
      if (!schema?.$ref) gaps.push(`${where}: ${status} has no error body (${errorRef.split('/').pop()} or a schema of the route's own)`);
    }
  }
  return gaps;
}
