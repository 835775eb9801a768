import { ErrorBodySchema } from '@tcpa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../src/http/route.ts';
import { allRoutes } from '../src/routes.ts';
import { createCompanyRecords, VALID_VALUES } from './company-records.ts';
import { hostileValues } from './hostile-values.ts';
import { addToProject, createProject, invite, PASSWORD, type Person, setPlan, signUp } from './people.ts';
import { inputsOf, type KnownValue, pathOf, type RouteInputs, setAt, type Where } from './route-inputs.ts';
import { createTestServer, type TestServer } from './test-server.ts';

/**
 * Every route, every field it takes (path, query, body: read from the route table), and hostile
 * values in each field in turn while the others hold real values: NUL bytes, control
 * characters, lone surrogates, dates PostgreSQL cannot hold, numbers no column can, wrong
 * types, very long strings, unknown fields. As the company's owner, every answer must be a 4xx
 * with the standard error body, never a 500, and never internal detail.
 */
const INTERNAL_DETAIL = /\.ts:\d|node_modules|insert into|select .* from|violates|invalid byte sequence|sqlstate/i;

let server: TestServer;
let owner: Person;
const real: Record<string, string> = {};

beforeAll(async () => {
  server = await createTestServer();
  owner = await signUp(server, 'owner@fuzz.test', 'Fuzz Co');
  await setPlan(server, owner.companyId, 'enterprise');
  const member = await invite(server, owner, 'member@fuzz.test', 'member');
  const projectId = await createProject(server, owner, 'fuzzed');
  await addToProject(server, owner, projectId, member, 'viewer');
  Object.assign(real, {
    ...(await createCompanyRecords(server, owner, projectId, 'fuzzed')),
    userId: member.userId,
    refreshToken: owner.refreshToken,
    ...VALID_VALUES,
  });
});
afterAll(() => server?.close());

/** Real values, so a request gets as far as the handler and the database. */
const known: KnownValue = (route, field) => {
  if (field === 'token') return route.path.includes('/invitations/') ? real.invitationToken : real.enrolmentToken;
  if (field === 'email' && route.path.endsWith('/login')) return owner.email;
  if (field === 'password' || field === 'currentPassword') return PASSWORD;
  return real[field];
};

interface Attempt {
  what: string;
  path: string;
  query: string;
  body: unknown;
}

function attemptsOf(route: RouteDefinition, inputs: RouteInputs): Attempt[] {
  const encoded = (values: Record<string, string>) =>
    Object.fromEntries(Object.entries(values).map(([key, value]) => [key, encodeURIComponent(value)]));
  const params = encoded(inputs.params);
  const query = encoded(inputs.query);
  const search = (values: Record<string, string>) =>
    Object.entries(values)
      .map(([key, value]) => `${key}=${value}`)
      .join('&');
  const base = { path: pathOf(route, params), query: search(query), body: inputs.body };
  const attempts: Attempt[] = [];
  for (const leaf of inputs.leaves) {
    const name = leaf.path.join('.');
    for (const hostile of hostileValues(leaf.where, leaf.kind, leaf.valid)) {
      if (hostile.value === null && leaf.nullable) continue;
      const what = `${leaf.where} ${name} = ${hostile.label}`;
      if (leaf.where === 'path')
        attempts.push({ ...base, what, path: pathOf(route, { ...params, [name]: `${hostile.value}` }) });
      else if (leaf.where === 'query')
        attempts.push({ ...base, what, query: search({ ...query, [name]: `${hostile.value}` }) });
      else attempts.push({ ...base, what, body: setAt(inputs.body, leaf.path, hostile.value) });
    }
  }
  for (const object of inputs.objects) {
    const what = `${object.where} ${object.path.join('.') || '(root)'} with an unknown field`;
    if (object.where === 'query') attempts.push({ ...base, what, query: search({ ...query, zzUnknown: '1' }) });
    if (object.where === 'body')
      attempts.push({ ...base, what, body: setAt(inputs.body, [...object.path, 'zzUnknown'], 1) });
  }
  if (!inputs.objects.some((object) => object.where === 'query')) {
    attempts.push({ ...base, what: 'query with an unknown field', query: search({ ...query, zzUnknown: '1' }) });
  }
  return attempts;
}

async function refusal(route: RouteDefinition, attempt: Attempt): Promise<string | undefined> {
  const url = `${attempt.path}${attempt.query ? `?${attempt.query}` : ''}`;
  const response = await server.request(route.method.toUpperCase(), url, {
    token: owner.token,
    ...(attempt.body === undefined ? {} : { body: attempt.body }),
  });
  const standard = ErrorBodySchema.safeParse(response.body).success;
  const leaks = INTERNAL_DETAIL.test(JSON.stringify(response.body));
  if (response.status >= 400 && response.status < 500 && standard && !leaks) return undefined;
  return `${attempt.what} → ${response.status} ${String(JSON.stringify(response.body)).slice(0, 200)}`;
}

describe('hostile input on every route', () => {
  const cases = allRoutes.map((route) => ({ name: `${route.method.toUpperCase()} ${route.path}`, route }));

  it.each(cases)('$name answers 4xx with the standard error body', async ({ route }) => {
    const inputs = inputsOf(route, known);
    for (const [where, schema, value] of [
      ['path', route.schemas.params, inputs.params],
      ['query', route.schemas.query, inputs.query],
      ['body', route.schemas.body, inputs.body],
    ] as Array<[Where, { safeParse(v: unknown): { success: boolean } } | undefined, unknown]>) {
      // The real values must pass, so each hostile value is the only thing wrong with its request.
      if (schema) expect(schema.safeParse(value).success, `valid ${where} of ${route.path}`).toBe(true);
    }
    const failures: string[] = [];
    for (const attempt of attemptsOf(route, inputs)) {
      const failure = await refusal(route, attempt);
      if (failure) failures.push(failure);
    }
    expect(failures).toEqual([]);
  });

  it('still serves the owner afterwards', async () => {
    const response = await server.request('GET', `/api/v1/projects/${real.projectId}`, { token: owner.token });
    expect(response.status).toBe(200);
    expect(response.body.name).toBe('fuzzed');
  });
});
