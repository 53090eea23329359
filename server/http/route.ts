/**
 * One route of the hub's API: method, path, who may call it, the zod schemas of what comes in and
 * goes out, and the handler. The server (server.ts) enforces everything declared here before the
 * handler runs, and the OpenAPI document (openapi.ts) is generated from the same declarations, so
 * the document cannot say something the server does not do.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import type { Locale } from '../../shared/i18n/index.js';
import type { Account, ApiScope } from '../accounts/index.js';
import type { HubDb } from '../db/index.js';
import type { Table } from '../export/index.js';
import type { SignInLimiter } from './sign-in-limiter.js';

/** What the routes share beyond the database: made once per server. */
export interface HubServices {
  readonly signInLimiter: SignInLimiter;
}

/**
 * Who may call:
 * - public: anyone (sign-in, the OpenAPI document);
 * - device: a kiosk; the request proves itself (a one-time code, a signed batch), not a session;
 * - session: any signed-in account of the district (viewer or admin), or an API token with `scope`;
 * - admin: an admin's session, or an admin's API token with `scope`.
 * A route without `scope` is session-only: no API token ever reaches it.
 */
export type RouteAuth = 'public' | 'device' | 'session' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a handler can use besides its parsed inputs. */
export interface RouteContext<P, Q, B> {
  readonly db: HubDb;
  /** The signed-in account (session or token); null on public and device routes. */
  readonly actor: Account | null;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** The hub's clock for this request (UTC ISO with ms). */
  readonly now: string;
  readonly locale: Locale;
  readonly headers: IncomingHttpHeaders;
  /** The session cookie's token, when the request came with one (sign-out, the session view). */
  readonly sessionToken: string | null;
  /** Whether cookies must be marked Secure (https, or behind an https --public-url). */
  readonly secureCookies: boolean;
  /** The caller's address, for the sign-in limiter. */
  readonly ip: string;
  readonly services: HubServices;
}

export interface Reply<R> {
  readonly status?: number;
  readonly body: R;
  /** Set-Cookie values. */
  readonly cookies?: readonly string[];
}

/** An answer with another status and shape, declared in `alternateResponses` (the server checks it against that schema). */
export interface AlternateReply {
  readonly status: number;
  readonly body: unknown;
}

/**
 * How a GET list becomes a file for ?format=csv|xlsx: the table server/export builds from the
 * answer (typed columns, Chinese + English headers), in the reader's language where a cell is words
 * (an anomaly's description). The file is named after the table's title. ?format=json is the
 * ordinary JSON answer.
 */
export interface ExportSpec<R> {
  readonly table: (body: R, locale: Locale) => Table;
}

export interface RouteDef<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  readonly method: HttpMethod;
  /** `/api/v1/canteens/:id` — `:name` segments become `params`. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly auth: RouteAuth;
  readonly scope?: ApiScope;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Largest body read (bytes); 64 KiB by default. Beyond it: 413 without reading the rest. */
  readonly maxBodyBytes?: number;
  /**
   * Device routes whose own parser says why a body is malformed in its own words (the upload's
   * refusal body): the raw text is handed over unparsed as `body` (a string, or null when empty).
   */
  readonly rawBody?: boolean;
  /** For a rawBody route: the body's shape, for the OpenAPI document (the handler's parser enforces it). */
  readonly documentedBody?: z.ZodType;
  readonly response: R;
  /** The success status (200 by default). */
  readonly status?: number;
  /** Other statuses the route answers with a body of its own shape (the upload's refusals). */
  readonly alternateResponses?: Readonly<Record<number, z.ZodType>>;
  readonly exportable?: ExportSpec<z.output<R>>;
  /**
   * The body of this route's errors when it is not {error: {kind, message}}: the upload answers in
   * its own wire format (uploadRefusedSchema) even for a 413, so a kiosk parses one shape.
   */
  readonly errorBody?: (kind: string, text: string) => unknown;
  readonly handler: (ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<Reply<z.input<R>> | AlternateReply>;
}

/** A route with its types erased, as the table holds it. */
export interface HubRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly auth: RouteAuth;
  readonly scope: ApiScope | undefined;
  readonly params: z.ZodType | undefined;
  readonly query: z.ZodType | undefined;
  readonly body: z.ZodType | undefined;
  readonly maxBodyBytes: number;
  readonly rawBody: boolean;
  readonly documentedBody: z.ZodType | undefined;
  readonly response: z.ZodType;
  readonly status: number;
  readonly alternateResponses: Readonly<Record<number, z.ZodType>>;
  readonly exportable: ExportSpec<unknown> | undefined;
  readonly errorBody: ((kind: string, text: string) => unknown) | undefined;
  readonly handler: (ctx: RouteContext<unknown, unknown, unknown>) => Promise<Reply<unknown>>;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Declares a route; the server has parsed params, query and body with the schemas before `handler` runs. */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(def: RouteDef<P, Q, B, R>): HubRoute {
  const exportable = def.exportable;
  return {
    method: def.method,
    path: def.path,
    summary: def.summary,
    tag: def.tag,
    auth: def.auth,
    scope: def.scope,
    params: def.params,
    query: def.query,
    body: def.body,
    maxBodyBytes: def.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    rawBody: def.rawBody ?? false,
    documentedBody: def.documentedBody,
    response: def.response,
    status: def.status ?? 200,
    alternateResponses: def.alternateResponses ?? {},
    // The server hands `table` the response after parsing it with `response`, so the value has R's output type.
    exportable: exportable === undefined ? undefined : { table: (body, locale) => exportable.table(body as z.output<R>, locale) },
    errorBody: def.errorBody,
    handler: (ctx) => def.handler(ctx as RouteContext<z.output<P>, z.output<Q>, z.output<B>>),
  };
}
