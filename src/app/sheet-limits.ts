/** What a sheet people send may hold, and the refusal named for them (read by `sheet-reader.ts` and `sheet-zip.ts`). */
import { sheetRows } from "../domain/limits";
import { DomainError } from "./errors";

/** What a sheet may hold. */
export interface SheetLimits {
  /** Rows, the header included. */
  rows: number;
  columns: number;
  /** Characters of one cell. */
  cellLength: number;
  /** Characters of all cells together. */
  characters: number;
  /** The zip's entries inflated, bytes. */
  uncompressedBytes: number;
  /** Entries in the zip. */
  entries: number;
}

/** Room for the largest roster (20,000 cadres, 13 columns) and class list, and nothing like a bomb. */
export const SHEET_LIMITS: SheetLimits = {
  rows: sheetRows("roster") + 1,
  columns: 64,
  cellLength: 4096,
  characters: 20_000_000,
  uncompressedBytes: 48 * 1024 * 1024,
  entries: 500,
};

/** Largest sheet file read at all, bytes (checked against the size a channel declares, before any download). */
export const MAX_SHEET_FILE_BYTES = 10 * 1024 * 1024;

/** Why a sheet was refused; the sentence is `common:sheet.<reason>`. */
export type SheetProblem = "unreadable" | "tooLarge" | "tooManyRows" | "tooManyColumns" | "cellTooLong";

/** A sheet refused by its limits or its shape, named for the person who sent it. */
export class SheetRefused extends DomainError {
  constructor(
    public readonly reason: SheetProblem,
    vars: Record<string, unknown> = {},
  ) {
    super(`common:sheet.${reason}`, vars);
    this.name = "SheetRefused";
  }
}
