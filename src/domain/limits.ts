/**
 * The limits a zod schema sets, read back from it: a message that quotes a limit ("at most 2000
 * characters") takes the number from the schema, so each limit is written once, in the schema.
 */
import { z } from "zod";

/** Strips `.optional()`, `.nullable()` and `.default()` wrappers down to the schema they wrap. */
function inner(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s;
}

/**
 * The shortest and longest text a string schema allows (0 when it sets no minimum). Throws when the
 * schema is not a string or sets no maximum: a programming error, seen when the module loads.
 * @example lengthLimits(z.string().min(2).max(200).optional()) // { min: 2, max: 200 }
 */
export function lengthLimits(schema: z.ZodType): { min: number; max: number } {
  const s = inner(schema);
  if (!(s instanceof z.ZodString) || s.maxLength === null) throw new Error("lengthLimits: a string schema with a maximum length");
  return { min: s.minLength ?? 0, max: s.maxLength };
}

/**
 * The smallest and largest number a number schema allows. Throws when it sets either bound not.
 * @example numberLimits(z.number().int().min(0).max(100_000)) // { min: 0, max: 100000 }
 */
export function numberLimits(schema: z.ZodType): { min: number; max: number } {
  const s = inner(schema);
  // An unbounded number reads ±Infinity, and an integer ±2^53-1: neither is a limit a person can be told.
  const bounded = (v: number | null): v is number => v !== null && Math.abs(v) < Number.MAX_SAFE_INTEGER;
  if (!(s instanceof z.ZodNumber) || !bounded(s.minValue) || !bounded(s.maxValue))
    throw new Error("numberLimits: a number schema with a minimum and a maximum");
  return { min: s.minValue, max: s.maxValue };
}

/**
 * The most items an array schema allows.
 * @example itemLimit(z.array(Unit).max(300)) // 300
 */
export function itemLimit(schema: z.ZodType): number {
  const s = inner(schema);
  const checks = s instanceof z.ZodArray ? (s._zod.def.checks ?? []) : [];
  const max = checks.map((c) => c._zod.def as { check: string; maximum?: unknown }).find((d) => d.check === "max_length")?.maximum;
  if (typeof max !== "number") throw new Error("itemLimit: an array schema with a maximum");
  return max;
}

/**
 * The most data rows (the header not counted) one sheet of each kind brings in: a roster (cadres,
 * or units), a sheet of outside certificates, a workbook of classes. Read with `sheetRows`.
 */
export const SheetRows = {
  roster: z.array(z.unknown()).max(20_000),
  certificates: z.array(z.unknown()).max(2_000),
  classes: z.array(z.unknown()).max(1_000),
} as const;

/**
 * The most data rows a sheet of this kind may hold.
 * @example sheetRows("classes") // 1000
 */
export function sheetRows(kind: keyof typeof SheetRows): number {
  return itemLimit(SheetRows[kind]);
}
