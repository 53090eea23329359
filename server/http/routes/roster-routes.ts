/**
 * The district roster over HTTP (docs/hub-api.md "Roster"): search, one elder with the audit of their
 * suspensions, suspend / reinstate (admin), and the import's dry run and accept (admin). Each is a
 * thin call of server/roster with the signed-in account's own district: another district's elder
 * is 404 exactly like one that does not exist.
 *
 * API tokens: the roster is personal data, so counts:read does not reach it; a token with
 * roster:write (an integrator keeping the roster in step with another system) may import and also
 * read back what it wrote. Suspending stays an admin's act in the web app (session only).
 */
import { z } from 'zod';
import { districtElderIdSchema } from '../../../shared/roster/package.js';
import {
  elderStatusChangeSchema,
  MAX_ROSTER_FILE_BYTES,
  ROSTER_IMPORT_MAX_BODY_BYTES,
  rosterElderDetailSchema,
  rosterElderViewSchema,
  rosterImportBodySchema,
  rosterImportReportSchema,
  rosterSearchQuerySchema,
  rosterSearchResultSchema,
} from '../../../shared/hub-api/roster-views.js';
import { HUB_PATHS } from '../../../shared/hub-api/routes.js';
import { message } from '../../../shared/i18n/index.js';
import type { Message } from '../../../shared/i18n/index.js';
import { getRosterElder, importRoster, searchRoster, setElderStatus } from '../../roster/index.js';
import { HttpError, refusalError, valueOr } from '../http-error.js';
import { defineRoute } from '../route.js';
import type { HubRoute } from '../route.js';
import { signedIn } from './route-helpers.js';

/** `:elderId` of a district elder (D + 12); anything else names no elder: 404. */
const elderParamsSchema = z.strictObject({ elderId: districtElderIdSchema });

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

type Decoded = { readonly kind: 'ok'; readonly bytes: Uint8Array } | { readonly kind: 'tooLarge' } | { readonly kind: 'bad'; readonly problem: Message };

/**
 * The file's bytes from standard base64, strictly: Buffer.from(…, 'base64') skips what it cannot
 * read, so a damaged upload would import a silently different file. Line breaks (base64 tools wrap
 * at 76) are allowed; anything else outside the alphabet is named by position. The size is checked
 * before decoding, from the length alone.
 */
export function decodeBase64(text: string, maxBytes: number): Decoded {
  const compact = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  if (!BASE64.test(compact)) {
    // The first character outside the alphabet, or a '=' that is not the padding at the very end.
    const at = compact.search(/[^A-Za-z0-9+/=]|=(?!=?$)/);
    return { kind: 'bad', problem: message('rosterRoutes.badBase64Char', { at: at + 1, char: JSON.stringify(compact.charAt(at)).slice(1, -1) }) };
  }
  if (compact.length % 4 !== 0) return { kind: 'bad', problem: message('rosterRoutes.badBase64Length', { length: compact.length }) };
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  if ((compact.length / 4) * 3 - padding > maxBytes) return { kind: 'tooLarge' };
  return { kind: 'ok', bytes: new Uint8Array(Buffer.from(compact, 'base64')) };
}

function fileTooLarge(): HttpError {
  return new HttpError(413, 'tooLarge', message('rosterRoutes.fileTooLarge', { mb: MAX_ROSTER_FILE_BYTES / 1024 / 1024 }));
}

export const rosterRoutes: readonly HubRoute[] = [
  defineRoute({
    method: 'GET',
    path: HUB_PATHS.roster,
    tag: 'roster',
    summary:
      "Searches the district's roster: q is part of a name, pinyin initials (wjg) or the last 4 characters of the ID number; status active, suspended or all. Pages of `limit` (≤ 200) by nextCursor. ID numbers are masked.",
    auth: 'session',
    scope: 'roster:write',
    query: rosterSearchQuerySchema,
    response: rosterSearchResultSchema,
    async handler({ db, actor, query }) {
      const account = signedIn(actor);
      return { body: valueOr(await searchRoster(db, account, { districtId: account.districtId, ...query })) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: HUB_PATHS.rosterElder,
    tag: 'roster',
    summary: 'One elder of the district roster, with who suspended or reinstated them, when and why (newest first). 404 for an elder of another district.',
    auth: 'session',
    scope: 'roster:write',
    params: elderParamsSchema,
    response: rosterElderDetailSchema,
    async handler({ db, actor, params }) {
      const account = signedIn(actor);
      return { body: valueOr(await getRosterElder(db, account, { districtId: account.districtId, elderId: params.elderId })) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: HUB_PATHS.rosterStatus,
    tag: 'roster',
    summary:
      'Suspends (active false, a reason required: 住院, 迁出, 核查中 …) or reinstates an elder (admin). Recorded with who, when and why; reaches the kiosks with the next roster package. Asking for the state the elder is already in changes nothing.',
    auth: 'admin',
    params: elderParamsSchema,
    body: elderStatusChangeSchema,
    response: rosterElderViewSchema,
    async handler({ db, actor, params, body, now }) {
      const admin = signedIn(actor);
      return { body: valueOr(await setElderStatus(db, admin, { districtId: admin.districtId, elderId: params.elderId, active: body.active, reason: body.reason, now })) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: HUB_PATHS.rosterImport,
    tag: 'roster',
    summary:
      "Imports a roster file (CSV or XLSX, the kiosk's column words) sent as base64 (admin). accept false: the dry run — every row with new / changed / unchanged / refused and its reasons, nothing written. accept true: the good rows written in one transaction, refused rows never. A file over the limit is 413; content that is not base64, 400.",
    auth: 'admin',
    scope: 'roster:write',
    body: rosterImportBodySchema,
    maxBodyBytes: ROSTER_IMPORT_MAX_BODY_BYTES,
    response: rosterImportReportSchema,
    async handler({ db, actor, body, now }) {
      const admin = signedIn(actor);
      const decoded = decodeBase64(body.contentBase64, MAX_ROSTER_FILE_BYTES);
      if (decoded.kind === 'tooLarge') throw fileTooLarge();
      if (decoded.kind === 'bad') throw new HttpError(400, 'badFile', decoded.problem);
      const result = await importRoster(db, admin, { districtId: admin.districtId, bytes: decoded.bytes, accept: body.accept, now, ...(body.format === undefined ? {} : { format: body.format }) });
      if (!result.ok && result.error.kind === 'tooLarge') throw fileTooLarge();
      if (!result.ok) throw refusalError(result.error);
      return { body: result.value };
    },
  }),
];
