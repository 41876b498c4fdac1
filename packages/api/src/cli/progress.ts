import type { Writable } from 'node:stream';

export interface Progress {
  update(row: number, failed: boolean, bytesRead: number | undefined): void;
  done(): void;
}

const WIDTH = 24;
const INTERVAL_MS = 100;

/**
 * A one-line progress display redrawn in place on a terminal: a bar when the input size is
 * known (a file), a row count otherwise (standard input). Redraws at most ten times a second.
 */
export function createProgress(stream: Writable, totalBytes: number | undefined): Progress {
  let failed = 0;
  let last = 0;
  let drawn = false;
  const draw = (row: number, bytesRead: number | undefined) => {
    const rows = `${row.toLocaleString('en-US')} rows${failed > 0 ? ` (${failed.toLocaleString('en-US')} failed)` : ''}`;
    let line = rows;
    if (totalBytes && bytesRead !== undefined) {
      const ratio = Math.min(1, bytesRead / totalBytes);
      const filled = Math.round(ratio * WIDTH);
      line = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}%  ${rows}`;
    }
    stream.write(`\r\x1b[K${line}`);
    drawn = true;
  };
  return {
    update(row, rowFailed, bytesRead) {
      if (rowFailed) failed++;
      // Date.now() only every 256 rows keeps the per-row cost negligible.
      if ((row & 255) !== 0 && row !== 1) return;
      const now = Date.now();
      if (now - last < INTERVAL_MS) return;
      last = now;
      draw(row, bytesRead);
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
