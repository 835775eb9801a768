import { ErrorBodySchema } from '@tcpa/contracts';
import { z } from 'zod';
import type { RouteDefinition } from './route.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: jsonSchema(ErrorBodySchema, 'output') } },
});

/** The OpenAPI 3.1 document, built from the same route definitions and zod schemas that serve requests. */
export function buildOpenApiDocument(routes: RouteDefinition[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const secured = route.access.kind !== 'public';
    const permission =
      route.access.kind === 'company' || route.access.kind === 'project'
        ? route.access.permission
        : route.access.kind === 'signed_in'
          ? route.access.scope
          : undefined;
    const alsoNeeds =
      route.access.kind === 'project' && route.access.alsoNeeds ? ` and \`${route.access.alsoNeeds}\`` : '';
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      tags: route.tags,
      ...(permission ? { description: `Needs permission (API key scope) \`${permission}\`${alsoNeeds}.` } : {}),
      ...(secured ? { security: [{ bearer: [] }] } : { security: [] }),
      parameters: [...parametersOf(route.schemas.params, 'path'), ...parametersOf(route.schemas.query, 'query')],
      ...(route.schemas.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.schemas.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [route.status]: route.schemas.response
          ? {
              description: 'Success',
              content: { 'application/json': { schema: jsonSchema(route.schemas.response, 'output') } },
            }
          : { description: 'Done, no content' },
        400: errorResponse('Invalid input'),
        ...(secured ? { 401: errorResponse('Not signed in'), 403: errorResponse('Not allowed') } : {}),
        default: errorResponse('Error'),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'TCP Agent Platform API',
      version,
      description: 'Errors are `{ "error": { "code", "message", "details"? } }`.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An access token (JWT) or an API key (tcpa_…)' },
      },
    },
    paths,
  };
}
