/**
 * A hub behind real HTTP, as the route suites (http-routes-*.test.ts) start from: a fresh database on
 * one engine, the people of seedHubActors (district A's admin and viewer, district B's admin), a
 * read-only API token of viewer A as a city platform holds, the hub listening on a free 127.0.0.1
 * port, and each of the three people signed in as a browser (session cookie + CSRF token).
 *
 *   let hub: HubHttpFixture;
 *   beforeAll(async () => { hub = await startHubHttpFixture(engine, { now: T0 }); }, 90_000);
 *   afterAll(() => hub.close());
 *   const answer = await hub.req('GET', HUB_PATHS.anomalies, { as: hub.viewerA });
 *
 * A suite's own rows (canteens, anomalies, policies, kiosks) are written by the suite after this; the
 * server reads the database at each request, so rows written after it started are seen.
 */
import { tmpdir } from 'node:os';
import { createApiToken } from '../../server/accounts/index.js';
import type { HubDb } from '../../server/db/index.js';
import { startHubHttpServer } from '../../server/http/hub-http-server.js';
import { apiErrorSchema, CSRF_HEADER, HUB_PATHS, SESSION_COOKIE, sessionViewSchema } from '../../shared/hub-api/routes.js';
import { call, setCookie } from '../integration/hub/http-test-client.js';
import type { CallOptions, HttpAnswer } from '../integration/hub/http-test-client.js';
import { must } from '../integration/hub/hub-engines.js';
import type { HubEngine } from '../integration/hub/hub-engines.js';
import { seedHubActors } from './hub-actors.js';
import type { HubActors } from './hub-actors.js';

/** The password of every account the fixture makes. */
export const HUB_HTTP_PASSWORD = 'correct horse battery';

/** A signed-in browser: its session cookie and the CSRF token its writes must carry. */
export interface SignedInBrowser {
  readonly cookie: string;
  readonly csrf: string;
}

export interface HubRequestOptions extends CallOptions {
  /** Send as this browser: its cookie, and its CSRF token on anything but GET (unless the headers set one). */
  readonly as?: SignedInBrowser;
  /** Send as a script with this API token. */
  readonly bearer?: string;
}

/** A request to the fixture's hub. A property, not a method, so a suite may take it out of the fixture. */
export type HubRequest = (method: string, path: string, options?: HubRequestOptions) => Promise<HttpAnswer>;

export interface HubHttpFixture {
  readonly db: HubDb;
  readonly actors: HubActors;
  readonly port: number;
  readonly adminA: SignedInBrowser;
  readonly viewerA: SignedInBrowser;
  readonly adminB: SignedInBrowser;
  /** Viewer A's API token with the counts:read scope only. */
  readonly readToken: string;
  readonly req: HubRequest;
  /** Signs `login` in with the fixture's password (throws when no session cookie comes back). */
  readonly signIn: (login: string) => Promise<SignedInBrowser>;
  /** Stops the server; the engine closes the database. */
  readonly close: () => Promise<void>;
}

export interface HubHttpFixtureOptions {
  /** When the districts, accounts and token are made. */
  readonly now: string;
  /** The hub's clock, for a suite that moves it; fixed at `now` by default. */
  readonly clock?: () => string;
}

export async function startHubHttpFixture(engine: HubEngine, options: HubHttpFixtureOptions): Promise<HubHttpFixture> {
  const { now } = options;
  const db = await engine.open();
  const actors = await seedHubActors(db, { password: HUB_HTTP_PASSWORD, now });
  const readToken = must(await createApiToken(db, { actor: actors.adminA, accountId: actors.viewerA.id, scopes: ['counts:read'], name: 'city platform', now })).token;
  const server = await startHubHttpServer({
    db,
    logger: { info: () => undefined, error: () => undefined },
    port: 0,
    staticDir: tmpdir(),
    now: options.clock ?? (() => now),
    // The suites sign in many times from one address: the per-address limiter is http.test.ts's.
    signInsPerMinute: 1000,
  });
  const { port } = server;

  const req: HubRequest = (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.as !== undefined) {
      headers['Cookie'] = `${SESSION_COOKIE}=${opts.as.cookie}`;
      if (method !== 'GET') headers[CSRF_HEADER] ??= opts.as.csrf;
    }
    if (opts.bearer !== undefined) headers['Authorization'] = `Bearer ${opts.bearer}`;
    return call(port, method, path, { ...opts, headers });
  };

  const signIn = async (login: string): Promise<SignedInBrowser> => {
    const answer = await req('POST', HUB_PATHS.session, { body: { login, password: HUB_HTTP_PASSWORD } });
    const cookie = setCookie(answer, SESSION_COOKIE);
    if (cookie === null) throw new Error(`no session cookie: ${answer.text}`);
    return { cookie: cookie.value, csrf: sessionViewSchema.parse(answer.json).csrfToken };
  };

  const [adminA, viewerA, adminB] = [await signIn(actors.adminA.login), await signIn(actors.viewerA.login), await signIn(actors.adminB.login)];
  return { db, actors, port, adminA, viewerA, adminB, readToken, req, signIn, close: () => server.close() };
}

/** The error of a refused request (its kind and the message a person reads). */
export function apiError(answer: HttpAnswer): { kind: string; message: string } {
  return apiErrorSchema.parse(answer.json).error;
}
