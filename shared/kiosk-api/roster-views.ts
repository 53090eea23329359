/**
 * Views of the roster screens (manager): the list, one elder's page with meal history, the import
 * report. The resident ID number goes in (to register an elder) but never comes back out.
 */
import { z } from 'zod';
import { localDateSchema } from '../dates.js';
import { fenSchema } from '../money.js';
import { messageSchema } from './api-error.js';
import { elderBriefSchema } from './views.js';

export const rosterFilterSchema = z.strictObject({
  /** Only elders holding this status code on today's date. */
  status: z.string().max(40).optional(),
  active: z.boolean().optional(),
  regular: z.boolean().optional(),
});

export const rosterRowSchema = z.strictObject({
  ...elderBriefSchema.shape,
  /** Status names (from the policy) — shown to the manager, never to the elder-facing display. */
  statuses: z.array(z.string()),
  regular: z.boolean(),
  livesAlone: z.boolean(),
  activeCards: z.int().min(0),
});
export type RosterRow = z.infer<typeof rosterRowSchema>;

export const rosterPageSchema = z.strictObject({ total: z.int().min(0), rows: z.array(rosterRowSchema) });

export const elderDetailSchema = z.strictObject({
  ...rosterRowSchema.shape,
  birthDate: localDateSchema,
  sex: z.enum(['M', 'F']),
  hukouRegion: z.string().nullable(),
  residenceRegion: z.string().nullable(),
  careHome: z.boolean(),
  phone: z.string().nullable(),
  statusRows: z.array(z.strictObject({ code: z.string(), name: z.string(), validFrom: localDateSchema.nullable(), validTo: localDateSchema.nullable() })),
  cards: z.array(z.strictObject({ uid: z.string(), state: z.enum(['active', 'lost', 'replaced']) })),
  /** The last 60 days' meals, newest first. */
  meals: z.array(
    z.strictObject({
      seq: z.int().positive(),
      at: z.string(),
      serviceDate: localDateSchema,
      periodId: z.string().nullable(),
      personal: fenSchema,
      subsidy: fenSchema,
      voided: z.boolean(),
      backfilled: z.boolean(),
    }),
  ),
});
export type ElderDetail = z.infer<typeof elderDetailSchema>;

const text = (max: number) => z.string().trim().max(max);

/** Register or edit an elder. For a new elder `residentId` is required; editing never changes it. */
export const elderEditSchema = z.strictObject({
  elderId: z.string().min(1).optional(),
  residentId: z.string().trim().max(18).optional(),
  name: text(40).min(1),
  hukouRegion: z.string().regex(/^\d{6}(\d{3})?$/).nullable(),
  residenceRegion: z.string().regex(/^\d{6}(\d{3})?$/).nullable(),
  careHome: z.boolean(),
  phone: text(20).nullable(),
  dietAlert: text(80).nullable(),
  regular: z.boolean(),
  livesAlone: z.boolean(),
  statuses: z.array(z.strictObject({ code: z.string().min(1).max(40), validFrom: localDateSchema.nullable(), validTo: localDateSchema.nullable() })).max(20),
});
export type ElderEdit = z.infer<typeof elderEditSchema>;

export const importReportViewSchema = z.strictObject({
  /** Names the parsed file until it is accepted or dropped; accept with roster.importAccept. */
  previewId: z.string(),
  fileName: z.string(),
  rows: z.int().min(0),
  good: z.int().min(0),
  created: z.int().min(0),
  updated: z.int().min(0),
  /** Each bad row's problem with its line (1 = the header; 0 = the file as a whole); the message names the column. */
  problems: z.array(z.strictObject({ line: z.int().min(0), message: messageSchema })),
  /** Worth knowing, not stopping: unknown columns, a 15-digit ID number converted, a lost card left lost. */
  warnings: z.array(z.strictObject({ line: z.int().min(0), message: messageSchema })),
});
export type ImportReportView = z.infer<typeof importReportViewSchema>;

/** One line of the printable paper roster for a power cut. */
export const paperRosterRowSchema = z.strictObject({ name: z.string(), idMasked: z.string(), ageBand: z.string(), cards: z.int().min(0) });
