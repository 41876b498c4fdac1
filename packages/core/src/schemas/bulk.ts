import * as z from 'zod';
import { BenchmarkSchema, VerdictSchema } from './benchmark.js';

const RowSchema = z.number().int().positive().meta({
  description:
    '1-based number of the input row: for CSV, the data row (the header is not counted, nor are blank lines or rows of empty cells)',
  example: 1,
});

export const BulkRowErrorSchema = z
  .object({
    path: z.string().meta({ description: 'The column or field at fault (`base`, `skills`, `offer.base`); empty for the row as a whole' }),
    message: z.string().meta({ description: 'Why, in words' }),
  })
  .meta({ id: 'BulkRowError', description: 'Why one row could not be benchmarked' });
export type BulkRowError = z.infer<typeof BulkRowErrorSchema>;

export const BulkResultSchema = z
  .discriminatedUnion('ok', [
    z.object({ row: RowSchema, ok: z.literal(true), result: BenchmarkSchema }),
    z.object({ row: RowSchema, ok: z.literal(false), error: BulkRowErrorSchema }),
  ])
  .meta({ id: 'BulkResult', description: 'The outcome for one input row: its benchmark, or the error naming the field at fault' });
export type BulkResult = z.infer<typeof BulkResultSchema>;

export const BulkSummarySchema = z
  .object({
    rows: z.number().int().nonnegative().meta({ description: 'Input rows read' }),
    ok: z.number().int().nonnegative().meta({ description: 'Rows benchmarked' }),
    failed: z.number().int().nonnegative().meta({ description: 'Rows that could not be benchmarked' }),
    verdicts: z
      .record(VerdictSchema, z.number().int().nonnegative().meta({ description: 'Rows with this verdict' }))
      .meta({ description: 'Count of results by verdict' }),
    failedRows: z.array(z.number().int().positive()).meta({ description: 'Row numbers that failed, the first ones up to a cap' }),
    failedRowsTruncated: z.boolean().meta({ description: 'True when more rows failed than failedRows lists' }),
  })
  .meta({ id: 'BulkSummary', description: 'Counts over a bulk benchmark' });
export type BulkSummary = z.infer<typeof BulkSummarySchema>;

export const BulkBenchmarkSchema = z
  .object({
    results: z.array(BulkResultSchema).meta({ description: 'One result per input row, in input order' }),
    summary: BulkSummarySchema,
  })
  .meta({ id: 'BulkBenchmark', description: 'One result per input row, in input order, and a summary' });
export type BulkBenchmark = z.infer<typeof BulkBenchmarkSchema>;
