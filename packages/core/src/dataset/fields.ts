import * as z from 'zod';

// Field schemas for CSV cells: every cell arrives as a string and is trimmed first.

const blankToUndefined = (v: string) => (v.trim() === '' ? undefined : v.trim());

export const idCell = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id');

export const optionalIdCell = z.string().transform(blankToUndefined).pipe(idCell.optional());

export const textCell = z.string().trim().min(1, 'must not be empty');

export const optionalTextCell = z.string().transform(blankToUndefined);

export const numberCell = z
  .string()
  .trim()
  .regex(/^-?\d+(?:\.\d+)?$/, 'expected a number')
  .transform(Number);

export const optionalNumberCell = z.string().transform(blankToUndefined).pipe(numberCell.optional());

export const intCell = numberCell.pipe(z.number().int('expected a whole number'));

export const dateCell = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'not a calendar date');

export const optionalDateCell = z
  .string()
  .transform(blankToUndefined)
  .pipe(
    z
      .string()
      .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'expected a date YYYY, YYYY-MM or YYYY-MM-DD')
      .optional(),
  );

/** Drops keys whose value is undefined, so objects satisfy `exactOptionalPropertyTypes`. */
export function compact<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}
