/**
 * The OpenAPI 3.1 document of the hub, generated from the route table (zod 4's z.toJSONSchema), so
 * it says exactly what the server enforces. Served at GET /api/v1/openapi.json; docs/openapi.json
 * is the committed copy, and a test fails when the two differ. Deterministic: no dates, no hosts.
 */
import { z } from 'zod';
import { apiErrorSchema, CSRF_HEADER, EXPORT_FORMATS, SESSION_COOKIE } from '../../shared/hub-api/routes.js';
import type { HubRoute } from './route.js';

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  // Each schema sits inside the document, which states its dialect once (jsonSchemaDialect).
  const { $schema: _dialect, ...rest } = generated;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (schema === undefined) return [];
  const object = jsonSchema(schema, 'input');
  const properties = (object['properties'] ?? {}) as Record<string, Json>;
  const required = new Set((object['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({ name, in: where, required: where === 'path' || required.has(name), schema: property }));
}

const ERROR_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad request: not JSON, or a field is wrong (the message names it).',
  401: 'Not signed in, or the API token is unknown or revoked.',
  403: `Not allowed: another district, not an admin, a token without the scope or on a session-only route, a missing or wrong ${CSRF_HEADER}, or a foreign Origin.`,
  404: 'No such row in your district (another district\'s rows answer the same).',
  409: 'Conflict: a name or login taken, a code already used or expired.',
  413: 'The body is larger than the route takes.',
  415: 'The body is not application/json.',
  429: 'Too many sign-in attempts from this address, or the account is locked.',
  500: 'Internal error (logged at the hub; no details are sent).',
};

function errorStatuses(route: HubRoute): number[] {
  const statuses = new Set<number>([400, 500]);
  if (route.auth === 'session' || route.auth === 'admin') [401, 403].forEach((s) => statuses.add(s));
  if (route.method !== 'GET') [403].forEach((s) => statuses.add(s));
  if (route.body !== undefined || route.rawBody) [413, 415].forEach((s) => statuses.add(s));
  if (route.params !== undefined) statuses.add(404);
  if (route.auth === 'public' || route.auth === 'device') [401, 404, 409, 429].forEach((s) => statuses.add(s));
  if (route.method === 'POST' && route.auth !== 'device') statuses.add(409);
  for (const status of Object.keys(route.alternateResponses)) statuses.delete(Number(status));
  return [...statuses].sort((a, b) => a - b);
}

function operation(route: HubRoute): Json {
  const responses: Json = {};
  const success: Json = { description: 'Success', content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } };
  if (route.exportable !== undefined) {
    success['content'] = {
      ...(success['content'] as Json),
      'text/csv': { schema: { type: 'string' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', contentEncoding: 'binary' } },
    };
  }
  responses[String(route.status)] = success;
  for (const [status, schema] of Object.entries(route.alternateResponses)) {
    responses[status] = { description: 'Refused (the body says why)', content: { 'application/json': { schema: jsonSchema(schema, 'output') } } };
  }
  for (const status of errorStatuses(route)) {
    responses[String(status)] = { description: ERROR_TEXT[status] ?? 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } };
  }
  const parameters = [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')];
  if (route.exportable !== undefined) {
    parameters.push({ name: 'format', in: 'query', required: false, description: 'json (default), or csv / xlsx as a download (an API token needs exports:read for a file)', schema: { type: 'string', enum: [...EXPORT_FORMATS] } });
  }
  const bodySchema = route.body ?? route.documentedBody;
  const security: Json[] = [];
  if (route.auth === 'session' || route.auth === 'admin') {
    security.push({ session: [] });
    if (route.scope !== undefined) security.push({ bearer: route.exportable === undefined ? [route.scope] : [route.scope, 'exports:read'] });
  }
  const op: Json = {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/^\/api\/v1/, '').replace(/[/:]+(\w)/g, (_, c: string) => c.toUpperCase()).replace(/\W/g, '')}`,
    summary: route.summary,
    tags: [route.tag],
    'x-zhucan-auth': route.auth,
    security,
    responses,
  };
  if (route.scope !== undefined) op['x-zhucan-scope'] = route.scope;
  if (route.exportable !== undefined) op['x-zhucan-exportable'] = true;
  if (parameters.length > 0) op['parameters'] = parameters;
  if (bodySchema !== undefined) op['requestBody'] = { required: true, content: { 'application/json': { schema: jsonSchema(bodySchema, 'input') } } };
  if (route.method !== 'GET' && (route.auth === 'session' || route.auth === 'admin')) {
    op['description'] = `With the session cookie, send the session's CSRF token in the ${CSRF_HEADER} header. Body at most ${route.maxBodyBytes} bytes.`;
  } else if (bodySchema !== undefined) {
    op['description'] = `Body at most ${route.maxBodyBytes} bytes.`;
  }
  return op;
}

export function openApiDocument(routes: readonly HubRoute[]): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Zhucan hub API (助餐 区级平台)',
      version: '1',
      description: 'The district hub of Zhucan: sign-in, accounts, API tokens, canteens, kiosk enrolment and uploads. See docs/hub-api.md.',
    },
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: `Browser session; unsafe methods also need the ${CSRF_HEADER} header.` },
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token (scopes: counts:read, exports:read, roster:write); never reaches session-only routes.' },
      },
      schemas: { ApiError: jsonSchema(apiErrorSchema, 'output') },
    },
  };
}
