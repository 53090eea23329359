/**
 * The OpenAPI document: docs/openapi.json is exactly what the hub generates from its route table
 * (regenerate with `node bin/zhucan.js hub openapi --out docs/openapi.json`), names every route with
 * its auth, and every JSON Schema in it compiles (ajv, draft 2020-12) and agrees with the zod schema
 * it came from on real bodies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../server/http/openapi.js';
import { hubRoutes } from '../../../server/http/routes/index.js';
import { HUB_PATHS } from '../../../shared/hub-api/routes.js';
import { REPO_ROOT } from '../../helpers/zhucan-cli.js';

const generated = JSON.parse(JSON.stringify(openApiDocument(hubRoutes()))) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }>; requestBody?: { content: Record<string, { schema: unknown }> }; 'x-zhucan-auth': string; security: unknown[] }>>;
  components: { schemas: Record<string, unknown> };
};

describe('the OpenAPI document', () => {
  it('is the committed docs/openapi.json, byte for byte', () => {
    const committed = readFileSync(join(REPO_ROOT, 'docs', 'openapi.json'), 'utf8');
    expect(committed).toBe(`${JSON.stringify(openApiDocument(hubRoutes()), null, 2)}\n`);
  });

  it('has every route of the table, and every path the shared HUB_PATHS names', () => {
    const operations = Object.entries(generated.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const table = hubRoutes().map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(operations.sort()).toEqual([...table].sort());
    for (const path of Object.values(HUB_PATHS)) expect(Object.keys(generated.paths)).toContain(path.replace(/:(\w+)/g, '{$1}'));
    expect(generated.paths['/api/v1/accounts']?.['get']?.['x-zhucan-auth']).toBe('admin');
    // Session-only routes offer no bearer scheme; scoped ones do.
    expect(generated.paths['/api/v1/accounts']?.['get']?.security).toEqual([{ session: [] }]);
    expect(generated.paths['/api/v1/canteens/{id}']?.['get']?.security).toEqual([{ session: [] }, { bearer: ['counts:read'] }]);
  });

  it('holds only JSON Schemas that compile, and they accept and refuse what zod does', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(generated.components.schemas['ApiError'] as object, '#/components/schemas/ApiError');
    let compiled = 0;
    for (const ops of Object.values(generated.paths)) {
      for (const op of Object.values(ops)) {
        const schemas = [
          ...Object.values(op.responses).flatMap((r) => Object.values(r.content ?? {}).map((c) => c.schema)),
          ...Object.values(op.requestBody?.content ?? {}).map((c) => c.schema),
        ];
        for (const schema of schemas) {
          if (typeof schema === 'object' && schema !== null && '$ref' in schema) continue;
          ajv.compile(schema as object);
          compiled += 1;
        }
      }
    }
    expect(compiled).toBeGreaterThan(20);
    const login = generated.paths['/api/v1/session']?.['post']?.requestBody?.content['application/json']?.schema as object;
    const validate = ajv.compile(login);
    expect(validate({ login: 'admin.a', password: 'correct horse battery' })).toBe(true);
    expect(validate({ login: 'admin.a' })).toBe(false);
    expect(validate({ login: 'admin.a', password: 'x', extra: 1 })).toBe(false);
  });
});
