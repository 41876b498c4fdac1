// Types of build-server.mjs, for the TypeScript that imports it (the benchmarks, the tests).
import type { BuildResult } from 'esbuild';

export declare const SERVER_ENTRY: string;
/** The launcher that `node` runs (build/server.mjs); the bundle is beside it (build/server.cjs). */
export declare const SERVER_BUNDLE: string;
export declare function bundleNodeApp(options: {
  entry: string;
  /** The launcher's path, ending in `.mjs`; the bundle and its code cache are written beside it. */
  outfile: string;
  external?: readonly string[];
  /** Environment of the training start that writes the code cache (the program must listen and answer /healthz). */
  trainingEnv?: Readonly<Record<string, string>>;
}): Promise<BuildResult>;
export declare function buildServer(): Promise<string>;
