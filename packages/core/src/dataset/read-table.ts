import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import type { DatasetProblem } from '../errors/index.js';

/** How one CSV file of a data set looks: its required and optional columns and its row schema. */
export interface TableSpec<T> {
  readonly file: string;
  readonly columns: readonly string[];
  readonly optionalColumns?: readonly string[];
  /** Validates one record, keyed by column name, and turns it into a domain value. */
  readonly row: z.ZodType<T, Record<string, string>>;
}

export interface TableRow<T> {
  /** 1-based line where the record starts in the file. */
  readonly line: number;
  readonly value: T;
}

export interface Table<T> {
  readonly rows: readonly TableRow<T>[];
  readonly problems: readonly DatasetProblem[];
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

function countNewlines(fields: readonly string[]): number {
  let n = 0;
  for (const field of fields) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Parses one CSV file against its spec. Never throws: every problem (empty file, missing or
 * unexpected column, wrong field count, bad value) comes back with its line and column, so a
 * caller can report all of them at once.
 */
export function readTable<T>(spec: TableSpec<T>, text: string): Table<T> {
  const problems: DatasetProblem[] = [];
  const fail = (line: number, reason: string, column?: string): Table<T> => {
    problems.push(column === undefined ? { file: spec.file, line, reason } : { file: spec.file, line, column, reason });
    return { rows: [], problems };
  };

  let records: ParsedRecord[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as ParsedRecord[];
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    return fail(e.lines ?? 0, `unreadable CSV: ${e.message ?? String(error)}`);
  }

  const [head, ...body] = records;
  if (!head) return fail(1, 'file is empty: expected a header row');
  const header = head.record.map((name) => name.trim());

  const allowed = new Set([...spec.columns, ...(spec.optionalColumns ?? [])]);
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) problems.push({ file: spec.file, line: 1, column: name, reason: `duplicate column '${name}'` });
    else if (!allowed.has(name)) {
      problems.push({ file: spec.file, line: 1, column: name, reason: `unexpected column '${name}'; expected ${[...allowed].join(', ')}` });
    }
    seen.add(name);
  }
  for (const name of spec.columns) {
    if (!seen.has(name)) problems.push({ file: spec.file, line: 1, column: name, reason: `missing column '${name}'` });
  }
  if (problems.length > 0) return { rows: [], problems };

  const rows: TableRow<T>[] = [];
  for (const { record, info } of body) {
    const line = info.lines - countNewlines(record);
    if (record.length !== header.length) {
      problems.push({ file: spec.file, line, reason: `expected ${header.length} fields, found ${record.length}` });
      continue;
    }
    const raw: Record<string, string> = Object.create(null);
    header.forEach((name, i) => {
      raw[name] = record[i] ?? '';
    });
    for (const name of spec.optionalColumns ?? []) raw[name] ??= '';
    const result = spec.row.safeParse(raw);
    if (result.success) rows.push({ line, value: result.data });
    else {
      for (const issue of result.error.issues) {
        const column = issue.path[0] === undefined ? undefined : String(issue.path[0]);
        const value = column === undefined ? undefined : raw[column];
        const reason = value === undefined ? issue.message : `${issue.message} (found '${value}')`;
        problems.push(column === undefined ? { file: spec.file, line, reason } : { file: spec.file, line, column, reason });
      }
    }
  }
  return { rows, problems };
}
