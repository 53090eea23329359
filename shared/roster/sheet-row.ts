/**
 * The shapes a roster file is read into, by node-lib/roster/read-sheet.ts (the one reader of kiosk and hub): rows
 * of text cells with their spreadsheet line numbers. Pure types, so the row parser can live in shared/.
 */
export interface SheetRow {
  /** The line number Excel shows at the left; the first line is 1. */
  readonly line: number;
  readonly cells: readonly string[];
}

export type SheetFormat = 'csv' | 'xlsx';

/** A status of an elder with its validity, service dates inclusive (null: open on that side). */
export interface ElderStatusRow {
  readonly code: string;
  /** First valid service date, inclusive; null = since always. */
  readonly validFrom: string | null;
  /** Last valid service date, inclusive; null = open-ended. */
  readonly validTo: string | null;
}
