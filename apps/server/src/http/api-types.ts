import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { allRoutes } from '../routes.ts';
import { buildOpenApiDocument } from './openapi.ts';

/** The generated types the dashboard and the MCP server call the API with. */
export const API_TYPES_FILE = fileURLToPath(
  new URL('../../../../packages/api-client/src/api-paths.ts', import.meta.url),
);

const HEADER = `// Generated from the server's OpenAPI document by \`npm run api:types\`; do not edit.
// A test fails when it no longer matches the routes.
`;

/** The API's paths, parameters, bodies and answers as TypeScript types (openapi-typescript). */
export async function renderApiTypes(): Promise<string> {
  // The version is left out of the types, so a release does not change them.
  const document = buildOpenApiDocument(allRoutes, '0.0.0');
  const ast = await openapiTS(document as never, { exportType: true, rootTypes: false, alphabetize: true });
  return HEADER + astToString(ast);
}
