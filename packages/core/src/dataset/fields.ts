import * as z from 'zod';

// Field schemas for CSV cells: every cell arrives as a string and is trimmed first.

/**
 * The cell schemas, built on first use: only CSV files (`buildDataset`, `loadDataset`, the
 * generator of the default data set) need them. The default data set's rows were validated when
 * they were embedded, so a server starting from it never builds them.
 */
export function cellSchemas() {
  cells ??= buildCellSchemas();
  return cells;
}

export type CellSchemas = ReturnType<typeof buildCellSchemas>;

let cells: CellSchemas | undefined;

function buildCellSchemas() {
  const blankToUndefined = (v: string) => (v.trim() === '' ? undefined : v.trim());

  const idCell = z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id');

  const optionalIdCell = z.string().transform(blankToUndefined).pipe(idCell.optional());

  const textCell = z.string().trim().min(1, 'must not be empty');

  const optionalTextCell = z.string().transform(blankToUndefined);

  const numberCell = z
    .string()
    .trim()
    .regex(/^-?\d+(?:\.\d+)?$/, 'expected a number')
    .transform(Number);

  const optionalNumberCell = z.string().transform(blankToUndefined).pipe(numberCell.optional());

  const intCell = numberCell.pipe(z.number().int('expected a whole number'));

  const dateCell = z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'not a calendar date');

  const optionalDateCell = z
    .string()
    .transform(blankToUndefined)
    .pipe(
      z
        .string()
        .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'expected a date YYYY, YYYY-MM or YYYY-MM-DD')
        .optional(),
    );

  const basis = z.enum(['sourced', 'judgement']);

  return { idCell, optionalIdCell, textCell, optionalTextCell, numberCell, optionalNumberCell, intCell, dateCell, optionalDateCell, basis };
}

/** Drops keys whose value is undefined, so objects satisfy `exactOptionalPropertyTypes`. */
export function compact<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}
