// The typed client's types (@paylens/api/client) are generated from the live OpenAPI document;
// regenerate them here and compare, so a route or schema change without `pnpm gen:client`
// fails CI instead of shipping a client that lies.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_TYPES_FILE, fetchLiveDocument, generateClientTypes } from '../tools/generate-client-types.js';

describe('@paylens/api/client types', () => {
  it('match the document GET /openapi.json serves (run `pnpm gen:client` after changing the API)', async () => {
    const generated = await generateClientTypes(await fetchLiveDocument());
    expect(generated.includes('"/v1/estimates"')).toBe(true);
    expect(
      readFileSync(CLIENT_TYPES_FILE, 'utf8') === generated,
      'packages/api/src/client/generated/openapi.ts is stale: run `pnpm gen:client`',
    ).toBe(true);
  });
});
