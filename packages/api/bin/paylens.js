#!/usr/bin/env node
// Workspace launcher for the `paylens` bin: runs the TypeScript source through tsx, so no build
// step is needed in development. The published package's "bin" points at dist/cli/main.js instead.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
