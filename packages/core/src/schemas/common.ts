import * as z from 'zod';

/** Kebab-case id as used everywhere in PayLens (`pacs-administrator`, `us-ca-san-francisco`). */
export const IdSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected a kebab-case id such as "us-ca-san-francisco"');

/** Calendar date, `YYYY-MM-DD`. */
export const IsoDateSchema = z.iso.date();

/** A yearly amount of money in US dollars. */
export const MoneySchema = z.number().finite().nonnegative();
