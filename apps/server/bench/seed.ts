/** Seeds the bench company through the real API: one owner, one company, PROJECT_COUNT projects. */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { upgradeToEnterprise } from './bench-database.ts';

export const PROJECT_COUNT = 20;

const SessionSchema = z.object({
  accessToken: z.string().min(1),
  user: z.object({ id: z.uuid() }),
  company: z.object({ id: z.uuid() }),
});

export interface Seeded {
  accessToken: string;
  userId: string;
  companyId: string;
}

export async function apiRequest(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string; body?: unknown; expectStatus: number },
): Promise<string> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (response.status !== options.expectStatus) {
    throw new Error(`${method} ${path} answered ${response.status} (expected ${options.expectStatus}): ${text}`);
  }
  return text;
}

/** Signs a new owner up with a new company (on the Free plan) through the API. */
export async function signUp(baseUrl: string): Promise<Seeded> {
  const signup = await apiRequest(baseUrl, 'POST', '/api/v1/auth/signup', {
    body: {
      email: `bench-${randomBytes(4).toString('hex')}@example.com`,
      password: randomBytes(12).toString('base64url'),
      companyName: 'Bench Company',
    },
    expectStatus: 201,
  });
  const session = SessionSchema.parse(JSON.parse(signup));
  return { accessToken: session.accessToken, userId: session.user.id, companyId: session.company.id };
}

export async function seed(baseUrl: string, owner: pg.Client): Promise<Seeded> {
  const session = await signUp(baseUrl);
  await upgradeToEnterprise(owner);
  for (let index = 1; index <= PROJECT_COUNT; index++) {
    await apiRequest(baseUrl, 'POST', '/api/v1/projects', {
      token: session.accessToken,
      body: { name: `Bench project ${String(index).padStart(2, '0')}` },
      expectStatus: 201,
    });
  }
  return session;
}
