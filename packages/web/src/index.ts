/**
 * The job seekers' page, built: the browser code lives in page/; `scripts/build.mjs` bundles it
 * into dist/, which the API serves at `/`.
 *
 * @module @paylens/web
 */
import { fileURLToPath } from 'node:url';

/**
 * Absolute path of the built page (index.html, one script, one style sheet), for a static file
 * server. It exists once `node packages/web/scripts/build.mjs` has run (the root `test` and `start`
 * scripts run it).
 *
 * @example
 * app.use(express.static(webRoot));
 */
export const webRoot: string = fileURLToPath(new URL('../dist/', import.meta.url));

/** Built files whose names carry a content hash: safe to cache for a year. */
export const isHashedAsset = (fileName: string): boolean => /-[A-Z0-9]{8,}\.(?:js|css|map)$/i.test(fileName);
