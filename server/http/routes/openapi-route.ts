/** GET /api/v1/openapi.json: the document generated from the table it is given (public: it holds no data). */
import { z } from 'zod';
import { HUB_PATHS } from '../../../shared/hub-api/routes.js';
import { openApiDocument } from '../openapi.js';
import { defineRoute } from '../route.js';
import type { HubRoute } from '../route.js';

export function openapiRoute(routes: () => readonly HubRoute[]): HubRoute {
  let document: Record<string, unknown> | undefined;
  return defineRoute({
    method: 'GET',
    path: HUB_PATHS.openapi,
    tag: 'meta',
    summary: 'This API as an OpenAPI 3.1 document.',
    auth: 'public',
    response: z.record(z.string(), z.unknown()),
    handler() {
      // Made once: the table does not change while the hub runs.
      document ??= openApiDocument(routes());
      return Promise.resolve({ body: document });
    },
  });
}
