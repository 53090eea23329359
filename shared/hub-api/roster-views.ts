/**
 * The district roster over the hub's HTTP API: query strings, bodies and answers, as zod schemas the
 * route module parses with and the web app reads. server/roster returns exactly these shapes.
 */
import { z } from 'zod';
import { localDateSchema } from '../dates.js';
import { messageSchema } from '../kiosk-api/api-error.js';
import { CARD_STATES, districtElderIdSchema, packageStatusSchema } from '../roster/package.js';

/** Largest roster file the hub reads (a county of 300,000 elders as CSV is ~40 MB). */
export const MAX_ROSTER_FILE_BYTES = 64 * 1024 * 1024;

// ---- import ----

/**
 * POST /api/v1/roster/import (admin): the file's bytes as base64 in a JSON body — the hub reads JSON
 * bodies only. `accept` false is the dry run (the row report, nothing written); true writes the good
 * rows. `format` left out: told from the file's first bytes. The web app sends exactly this
 * (renderer/district/api/roster-api.ts has an identical definition, to be replaced by this one).
 */
export const rosterImportBodySchema = z.strictObject({
  accept: z.boolean(),
  format: z.enum(['csv', 'xlsx']).optional(),
  fileName: z.string().max(255).optional(),
  contentBase64: z.string(),
});
export type RosterImportBody = z.infer<typeof rosterImportBodySchema>;

/**
 * The import body's size limit: MAX_ROSTER_FILE_BYTES as base64 (4 characters per 3 bytes), plus
 * room for the rest of the JSON. Only an admin's request gets this far (auth is checked before the
 * body is read), so no anonymous caller can make the hub buffer it.
 */
export const ROSTER_IMPORT_MAX_BODY_BYTES = Math.ceil(MAX_ROSTER_FILE_BYTES / 3) * 4 + 64 * 1024;

/** An earlier query-string form of the import's options (the body above carries them now). */
export const rosterImportQuerySchema = z.strictObject({
  /** false (the default): a dry run that only reports; true: write the good rows. */
  accept: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Left out: told from the file's first bytes (an .xlsx is a ZIP). */
  format: z.enum(['csv', 'xlsx']).optional(),
});

export const ROW_OUTCOMES = ['new', 'changed', 'unchanged', 'refused'] as const;
export type RowOutcome = (typeof ROW_OUTCOMES)[number];

export const importRowViewSchema = z.strictObject({
  /** The spreadsheet line (line 1 is usually the header). */
  line: z.int().min(1),
  outcome: z.enum(ROW_OUTCOMES),
  /** The district elder id: the existing one, or (accepted) the new one; null for refused and dry-run new rows. */
  elderId: districtElderIdSchema.nullable(),
  /** As the file gives it (null when the cell was empty). */
  name: z.string().nullable(),
  /** **************123X, when the row had a valid number; never the whole number. */
  idMasked: z.string().nullable(),
  /** Why the row is refused, each in both languages; empty otherwise. */
  reasons: z.array(messageSchema),
});
export type ImportRowView = z.infer<typeof importRowViewSchema>;

export const lineProblemViewSchema = z.strictObject({ line: z.int().min(0), reason: messageSchema });

export const rosterImportReportSchema = z.strictObject({
  format: z.enum(['csv', 'xlsx']),
  /** Data rows in the file. */
  total: z.int().min(0),
  new: z.int().min(0),
  changed: z.int().min(0),
  unchanged: z.int().min(0),
  refused: z.int().min(0),
  /** True when the good rows were written (accept was asked); refused rows are never written. */
  accepted: z.boolean(),
  /** Elders written (new + changed); 0 on a dry run. */
  written: z.int().min(0),
  /** The roster version after the import (what kiosks will sync up to). */
  version: z.int().min(0),
  rows: z.array(importRowViewSchema),
  warnings: z.array(lineProblemViewSchema),
});
export type RosterImportReport = z.infer<typeof rosterImportReportSchema>;

// ---- elders ----

export const rosterCardViewSchema = z.strictObject({ uid: z.string(), state: z.enum(CARD_STATES) });

export const rosterElderViewSchema = z.strictObject({
  elderId: districtElderIdSchema,
  name: z.string(),
  idMasked: z.string(),
  birthDate: localDateSchema,
  sex: z.enum(['M', 'F']),
  hukouRegion: z.string().nullable(),
  residenceRegion: z.string().nullable(),
  careHome: z.boolean(),
  livesAlone: z.boolean(),
  active: z.boolean(),
  /** Why and since when the elder is suspended (null while active). */
  suspendedReason: z.string().nullable(),
  suspendedSince: z.iso.datetime({ precision: 3 }).nullable(),
  statuses: z.array(packageStatusSchema),
  cards: z.array(rosterCardViewSchema),
  version: z.int().min(1),
  updatedAt: z.iso.datetime({ precision: 3 }),
});
export type RosterElderView = z.infer<typeof rosterElderViewSchema>;

// ---- search ----

export const ROSTER_SEARCH_MAX = 200;

/** GET /api/v1/roster?q=…&status=…&limit=…&cursor=… (the signed-in account's district) */
export const rosterSearchQuerySchema = z.strictObject({
  /** A name or part of one, pinyin initials (wjg), or the last 4 characters of the ID number. */
  q: z.string().max(100).optional(),
  status: z.enum(['active', 'suspended', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(ROSTER_SEARCH_MAX).default(50),
  /** From the previous page's nextCursor. */
  cursor: z.string().max(200).optional(),
});
export type RosterSearchQuery = z.infer<typeof rosterSearchQuerySchema>;

export const rosterSearchResultSchema = z.strictObject({
  elders: z.array(rosterElderViewSchema),
  nextCursor: z.string().nullable(),
});
export type RosterSearchResult = z.infer<typeof rosterSearchResultSchema>;

// ---- status ----

/** POST /api/v1/roster/:elderId/status (admin) */
export const elderStatusChangeSchema = z.strictObject({
  active: z.boolean(),
  /** Required to suspend (住院, 迁出, 核查中 …); optional note to reinstate. */
  reason: z.string().max(500).default(''),
});
export type ElderStatusChange = z.infer<typeof elderStatusChangeSchema>;

// ---- eligible counts (the daily edit check) ----

export const eligibleCountSchema = z.strictObject({
  ageBand: z.string(),
  /** A status code of the policy, or 'none' for elders with no status valid that day. */
  status: z.string(),
  elders: z.int().min(0),
});
export type EligibleCount = z.infer<typeof eligibleCountSchema>;

// ---- roster down ----

/** `?since=N` of GET /api/v1/downlink/roster (the route reads it with downlink.ts sinceSchema). */
export const rosterPackageQuerySchema = z.strictObject({
  since: z.coerce.number().int().min(0).default(0),
});

/** GET /api/v1/roster/:elderId — one elder with the audit of their suspensions. */
export const rosterElderDetailSchema = rosterElderViewSchema.extend({
  statusChanges: z.array(
    z.strictObject({
      active: z.boolean(),
      reason: z.string(),
      at: z.iso.datetime({ precision: 3 }),
      /** The login of who did it; null for the hub's console. */
      by: z.string().nullable(),
    }),
  ),
});
export type RosterElderDetail = z.infer<typeof rosterElderDetailSchema>;
