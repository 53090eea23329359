/**
 * Roster files read and checked but not yet accepted (roster.importPreview → roster.importAccept).
 * The file's bytes are kept, not its parsed rows: importRoster reads and writes row by row and never
 * holds the rows (import-roster.ts), and checking again on accept also catches what changed since
 * the preview (a card bound meanwhile) — the dry run and the import answer alike otherwise.
 * In memory, never on disk: a roster holds names and ID numbers (PIPL), and a temp file left by a
 * crash would outlive the kiosk's own care of them. Kept per kiosk (a test may run two), for 30
 * minutes by the kiosk's clock, at most a few at a time.
 */
import { randomBytes } from 'node:crypto';
import type { Kiosk } from '../../kiosk.js';

export const PREVIEW_TTL_MS = 30 * 60_000;
/** A manager previews one file, perhaps fixes it and previews again; more than this is abandoned work. */
const MAX_PREVIEWS = 4;

export interface ImportPreview {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly expiresAt: number;
}

const byKiosk = new WeakMap<Kiosk, Map<string, ImportPreview>>();

function previewsOf(kiosk: Kiosk): Map<string, ImportPreview> {
  let map = byKiosk.get(kiosk);
  if (map === undefined) {
    map = new Map();
    byKiosk.set(kiosk, map);
  }
  const now = kiosk.context.clock();
  for (const [id, p] of map) if (p.expiresAt <= now) map.delete(id);
  return map;
}

/** Keeps a preview; returns its id (random, so one manager's preview cannot be guessed by a page). */
export function keepPreview(kiosk: Kiosk, fileName: string, bytes: Uint8Array): string {
  const map = previewsOf(kiosk);
  // A Map iterates in insertion order: the first is the oldest.
  while (map.size >= MAX_PREVIEWS) {
    const oldest = map.keys().next();
    if (oldest.done === true) break;
    map.delete(oldest.value);
  }
  const id = `P${randomBytes(12).toString('hex')}`;
  map.set(id, { fileName, bytes, expiresAt: kiosk.context.clock() + PREVIEW_TTL_MS });
  return id;
}

/** The preview, if it is still kept and not expired. */
export function findPreview(kiosk: Kiosk, previewId: string): ImportPreview | undefined {
  return previewsOf(kiosk).get(previewId);
}

export function forgetPreview(kiosk: Kiosk, previewId: string): void {
  previewsOf(kiosk).delete(previewId);
}
