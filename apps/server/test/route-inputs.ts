import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { RouteDefinition } from '../src/http/route.ts';

/**
 * What a route takes, read from the same zod schemas that validate its requests (the OpenAPI
 * document is built from them too): a valid value for every input, and every leaf field a
 * caller can set. Routes added later are covered without anyone listing them.
 */
export type Where = 'path' | 'query' | 'body';
export type LeafKind = 'string' | 'date' | 'integer' | 'number' | 'boolean';

export interface Leaf {
  where: Where;
  /** Keys (and array indexes) from the input's root to the field. */
  path: Array<string | number>;
  kind: LeafKind;
  /** The valid value the route inputs hold there. */
  valid: unknown;
  /** null is a value the field takes (it clears it), not a wrong type. */
  nullable: boolean;
}

/** A value some field must hold for the request to get past validation to the handler. */
export type KnownValue = (route: RouteDefinition, field: string) => unknown;

export interface RouteInputs {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  leaves: Leaf[];
  /** Paths of the objects (the root included) where an unknown field can be tried. */
  objects: Array<{ where: Where; path: Array<string | number> }>;
}

interface JsonSchema {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  format?: string;
  minLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  /** A discriminated union: its first option is sampled. */
  oneOf?: JsonSchema[];
}

const toJson = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

export function inputsOf(route: RouteDefinition, known: KnownValue): RouteInputs {
  const leaves: Leaf[] = [];
  const objects: RouteInputs['objects'] = [];

  function sample(schema: JsonSchema, where: Where, path: Array<string | number>, nullable = false): unknown {
    const field = String(path.findLast((part) => typeof part === 'string') ?? '');
    const options = schema.anyOf ?? schema.oneOf;
    if (options) {
      const takesNull = options.some((option) => option.type === 'null');
      return sample(options.find((option) => option.type !== 'null') ?? {}, where, path, takesNull);
    }
    if (schema.const !== undefined) return schema.const;
    if (schema.type === 'object') {
      objects.push({ where, path });
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, property]) => [
          key,
          sample(property, where, [...path, key]),
        ]),
      );
    }
    if (schema.type === 'array') {
      const length = Math.max(schema.minItems ?? 1, 1);
      return Array.from({ length }, (_, index) => sample(schema.items ?? {}, where, [...path, index]));
    }
    const kind = leafKind(schema);
    const value = validValue(schema, kind, field);
    if (kind) leaves.push({ where, path, kind, valid: value, nullable });
    return value;
  }

  function validValue(schema: JsonSchema, kind: LeafKind | undefined, field: string): unknown {
    const value = known(route, field);
    if (value !== undefined) return value;
    if (schema.enum) return schema.enum[0];
    if (schema.default !== undefined) return schema.default;
    if (kind === 'integer' || kind === 'number') return schema.minimum ?? (schema.exclusiveMinimum ?? 0) + 1;
    if (kind === 'boolean') return false;
    if (schema.format === 'uuid') return randomUUID();
    if (schema.format === 'email') return `${field.toLowerCase()}@fuzz.test`;
    if (kind === 'date') return new Date(Date.now() + 86_400_000).toISOString();
    return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
  }

  const section = (schema: z.ZodType | undefined, where: Where) =>
    schema ? (sample(toJson(schema), where, []) as Record<string, unknown>) : {};
  const params = section(route.schemas.params, 'path');
  const query = section(route.schemas.query, 'query');
  const sampled = route.schemas.body ? sample(toJson(route.schemas.body), 'body', []) : undefined;
  const body = route.schemas.body ? withoutRefusedTogether(route.schemas.body, sampled) : sampled;
  const kept = (leaf: Leaf) =>
    leaf.where !== 'body' ||
    typeof leaf.path[0] !== 'string' ||
    (body as Record<string, unknown>)[leaf.path[0]] !== undefined;
  return { params: asText(params), query: asText(query), body, leaves: leaves.filter(kept), objects };
}

/**
 * Optional fields a schema refuses together (a transfer's side is an agent or a location, not
 * both) are left out one refusal at a time, until the body is valid or nothing more can go.
 */
function withoutRefusedTogether(schema: z.ZodType, sampled: unknown): unknown {
  if (typeof sampled !== 'object' || sampled === null || Array.isArray(sampled)) return sampled;
  const required = new Set((toJson(schema) as { required?: string[] }).required ?? []);
  let body = { ...(sampled as Record<string, unknown>) };
  for (let round = 0; round < 10; round += 1) {
    const parsed = schema.safeParse(body);
    if (parsed.success) return body;
    const refused = parsed.error.issues
      .map((issue) => issue.path[0])
      .filter((key): key is string => typeof key === 'string' && key in body && !required.has(key));
    if (refused.length === 0) return body;
    body = Object.fromEntries(Object.entries(body).filter(([key]) => !refused.includes(key)));
  }
  return body;
}

function leafKind(schema: JsonSchema): LeafKind | undefined {
  if (schema.type === 'string') return schema.format === 'date-time' ? 'date' : 'string';
  if (schema.type === 'integer' || schema.type === 'number' || schema.type === 'boolean') return schema.type;
  return undefined;
}

const asText = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));

/** The route's path with its parameters filled in; values are put in as given (already encoded). */
export function pathOf(route: RouteDefinition, rawParams: Record<string, string>) {
  return route.path.replace(/:(\w+)/g, (_, name: string) => rawParams[name] ?? '');
}

export function setAt(root: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, unknown>;
  copy[head] = setAt(copy[head], rest, value);
  return copy;
}
