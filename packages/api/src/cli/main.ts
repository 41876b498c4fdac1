#!/usr/bin/env node
// Entry point of the `paylens` command. All behaviour lives in program.ts; this file only binds
// it to the real process.
import { runCli } from './program.js';

// Under `pnpm paylens …` scripts run from the workspace root; resolve paths where the user was.
const cwd = process.env.npm_lifecycle_event === 'paylens' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();

// `paylens benchmark big.csv | head` closes stdout early: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  stderrIsTTY: process.stderr.isTTY === true,
  cwd,
  env: process.env,
});
