// Types of build-server.mjs, for the TypeScript that imports it (the benchmarks, the tests).
import type { BuildResult } from 'esbuild';

export declare const SERVER_ENTRY: string;
export declare const SERVER_BUNDLE: string;
export declare function bundleNodeApp(options: { entry: string; outfile: string; external?: readonly string[] }): Promise<BuildResult>;
export declare function buildServer(): Promise<string>;
