// Generates the types of the HTTP API's typed client (`@paylens/api/client`) from the OpenAPI
// document the API serves, with openapi-typescript. `pnpm gen:client` writes the file; the test
// test/api-client-types.test.ts regenerates it and fails if the committed file differs, so the
// client and the API cannot drift apart.
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createApp } from '@paylens/api';
import { getDefaultDataset } from '@paylens/core';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';

/** Where the generated types live, committed. */
export const CLIENT_TYPES_FILE = fileURLToPath(new URL('../packages/api/src/client/generated/openapi.ts', import.meta.url));

/** The document exactly as a client sees it: `GET /openapi.json` from an app over the bundled data. */
export async function fetchLiveDocument(): Promise<OpenAPI3> {
  const app = createApp({ dataset: getDefaultDataset(), config: { rateLimit: false, logLevel: 'silent' } });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/openapi.json`);
    if (!response.ok) throw new Error(`GET /openapi.json answered ${response.status}`);
    return (await response.json()) as OpenAPI3;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** The TypeScript source of the client types for a document, as the openapi-typescript CLI writes it. */
export async function generateClientTypes(document: OpenAPI3): Promise<string> {
  return `${COMMENT_HEADER}${astToString(await openapiTS(document))}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(CLIENT_TYPES_FILE, await generateClientTypes(await fetchLiveDocument()));
  console.log(`client types: ${CLIENT_TYPES_FILE}`);
}
