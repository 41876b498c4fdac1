import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type BulkCsv,
  type BulkCsvResult,
  type BulkSummary,
  benchmarkOffersCsv,
  createBulkSummary,
  streamBulkCsv,
} from '@paylens/core/node';
import { type Command, Option } from 'commander';
import { CliError, EXIT } from '../io.js';
import { loadDatasetOption } from '../load-dataset-option.js';
import type { CommandContext } from '../program.js';
import { createProgress } from '../progress.js';

interface BenchmarkOptions {
  output?: string;
  format: 'csv' | 'ndjson';
  data?: string;
  quiet?: boolean;
}

async function* ndjsonLines(bulk: BulkCsv, onResult: (r: BulkCsvResult) => void): AsyncGenerator<string> {
  for await (const result of bulk.results) {
    onResult(result);
    const { cells: _cells, ...rest } = result;
    yield `${JSON.stringify(rest)}\n`;
  }
}

/** `12 rows: 10 ok, 2 failed (rows 3, 9); 4 below-market, 5 competitive, 1 above-market` */
export function formatSummary(s: BulkSummary): string {
  const failedList =
    s.failedRows.length > 0
      ? ` (row${s.failedRows.length === 1 ? '' : 's'} ${s.failedRows.join(', ')}${s.failedRowsTruncated ? ', …' : ''})`
      : '';
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    `${n(s.rows)} row${s.rows === 1 ? '' : 's'}: ${n(s.ok)} ok, ${n(s.failed)} failed${failedList}; ` +
    `${n(s.verdicts['below-market'])} below-market, ${n(s.verdicts.competitive)} competitive, ${n(s.verdicts['above-market'])} above-market`
  );
}

export function addBenchmarkCommand(program: Command, { io, setExitCode }: CommandContext): void {
  program
    .command('benchmark')
    .description('Benchmark a CSV of offers, one result per row; the answer repeats your columns and adds the result columns.')
    .argument('[input]', "CSV of offers; '-' or omitted: standard input")
    .option('-o, --output <file>', "where to write the answer; '-' or omitted: standard output")
    .addOption(new Option('--format <format>', 'answer format').choices(['csv', 'ndjson']).default('csv'))
    .option('--data <dir>', 'use your own data set (same layout as data/); default: $PAYLENS_DATA_DIR or the bundled one')
    .option('-q, --quiet', 'no progress and no summary on standard error')
    .addHelpText(
      'after',
      `
Columns (matched ignoring case and spaces; others are carried through untouched):
  base (required), bonus, role, level, yearsExperience, region, education, skills (';'-separated), asOf
Result columns added:
  percentile, compaRatio, verdict, marketP25, marketP50, marketP75, deltaAmount, deltaPercent,
  counterLow, counterHigh, confidence, error ('column: reason' when the row could not be benchmarked)

Exits 0 when every row was benchmarked, 1 when some rows failed, 2 when the file or data set is unusable.

Example:
  paylens benchmark data/examples/offers.csv -o results.csv`,
    )
    .action(async (inputArg: string | undefined, options: BenchmarkOptions) => {
      const inputPath = inputArg === undefined || inputArg === '-' ? undefined : resolve(io.cwd, inputArg);
      const outputPath = options.output === undefined || options.output === '-' ? undefined : resolve(io.cwd, options.output);
      if (inputPath !== undefined && inputPath === outputPath)
        throw new CliError('the output would overwrite the input; choose another -o file');

      const dataset = await loadDatasetOption(io, options.data);
      let fileStream: ReadStream | undefined;
      let totalBytes: number | undefined;
      if (inputPath !== undefined) {
        const info = await stat(inputPath);
        if (!info.isFile()) throw new CliError(`not a file: ${inputArg}`);
        totalBytes = info.size;
        fileStream = createReadStream(inputPath);
      }
      // A file is parsed on a worker thread: parsing and benchmarking run on two cores.
      const bulk = await benchmarkOffersCsv(dataset, fileStream ?? io.stdin, { parseInWorker: fileStream !== undefined });

      const counter = createBulkSummary({ maxFailedRows: 20 });
      const progress = io.stderrIsTTY && !options.quiet ? createProgress(io.stderr, totalBytes) : undefined;
      const onResult = (result: BulkCsvResult) => {
        counter.add(result);
        progress?.update(result.row, !result.ok, fileStream?.bytesRead);
      };
      const answer = options.format === 'ndjson' ? Readable.from(ndjsonLines(bulk, onResult)) : streamBulkCsv(bulk, { onResult });
      const out: Writable = outputPath === undefined ? io.stdout : createWriteStream(outputPath);
      try {
        await pipeline(answer, out, { end: outputPath !== undefined });
      } finally {
        progress?.done();
      }

      const summary = counter.summary();
      if (!options.quiet) io.stderr.write(`paylens: ${formatSummary(summary)}${outputPath ? `; results in ${options.output}` : ''}\n`);
      setExitCode(summary.failed > 0 ? EXIT.rowsFailed : EXIT.ok);
    });
}
