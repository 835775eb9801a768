import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, renderApiTypes } from '../src/http/api-types.ts';

describe('the API client types (packages/api-client)', () => {
  it('match the routes (run `npm run api:types` after changing a route or its schemas)', async () => {
    expect(await renderApiTypes()).toBe(await readFile(API_TYPES_FILE, 'utf8'));
  });
});
