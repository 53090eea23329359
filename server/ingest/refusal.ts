/**
 * How the ingest says no: a refusal kind from the wire format (shared/hub-api/upload.ts), a message
 * to render in the kiosk's language, and — for a shape or body problem — each failing path. The HTTP
 * status of each kind lives here too, so every route that refuses an upload answers alike.
 */
import { render, renderBoth } from '../../shared/i18n/index.js';
import type { Locale, Message } from '../../shared/i18n/index.js';
import type { ChainHead, UploadRefused, UploadRefusalKind } from '../../shared/hub-api/upload.js';
import { formatProblem } from '../../shared/parse.js';
import type { ParseProblem } from '../../shared/parse.js';

export interface IngestRefusal {
  readonly kind: UploadRefusalKind;
  readonly message: Message;
  /** The failing paths, for badRequest / badRecord. */
  readonly problem?: ParseProblem;
  readonly seq?: number;
  readonly head?: ChainHead;
}

/**
 * The HTTP status for each refusal. 401: the hub cannot tell who sent it (unknown device, a
 * signature that does not verify); 403: it knows, and says no; 409: the batch does not fit the chain
 * the hub holds (the kiosk should resume from `head`); 413: too large; 400 / 422: not readable / not
 * valid — retrying the same bytes will never succeed.
 */
export function uploadRefusalStatus(kind: UploadRefusalKind): number {
  switch (kind) {
    case 'badRequest':
      return 400;
    case 'tooLarge':
      return 413;
    case 'unknownDevice':
    case 'badSignature':
      return 401;
    case 'revoked':
      return 403;
    case 'gap':
    case 'tampered':
    case 'forked':
      return 409;
    case 'notConsecutive':
    case 'badHash':
    case 'badRecord':
      return 422;
  }
}

/** The refusal as the kiosk reads it, in its language: the message, then each failing path. */
export function refusedResponse(refusal: IngestRefusal, locale: Locale): UploadRefused {
  const text = refusal.problem === undefined ? render(refusal.message, locale) : `${render(refusal.message, locale)}\n${formatProblem(refusal.problem, locale)}`;
  return {
    ok: false,
    kind: refusal.kind,
    message: text,
    ...(refusal.head === undefined ? {} : { head: refusal.head }),
    ...(refusal.seq === undefined ? {} : { seq: refusal.seq }),
  };
}

/** The reason as the uploads log keeps it: both languages, so whoever reads the log can. */
export function refusalReason(refusal: IngestRefusal): string {
  const text = refusal.problem === undefined ? renderBoth(refusal.message) : `${renderBoth(refusal.message)}\n${formatProblem(refusal.problem, 'zh-CN')}`;
  // A malformed batch could name thousands of paths; the log needs the first few.
  return text.length > 4000 ? `${text.slice(0, 4000)}…` : text;
}
