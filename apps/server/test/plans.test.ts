import { PLAN_FEATURE_NAMES } from '@tcpa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, signUp } from './people.ts';
import { createTestServer, type TestServer } from './test-server.ts';

describe('the plans on sale', () => {
  let server: TestServer;
  let owner: Person;

  beforeAll(async () => {
    server = await createTestServer();
    owner = await signUp(server, 'owner@plans.test', 'Plans Co');
  });
  afterAll(() => server?.close());

  it('are priced as sold: Free, $49 and $199 a month, and Enterprise by agreement', async () => {
    const listed = await server.request('GET', '/api/v1/plans', { token: owner.token });
    expect(listed.status).toBe(200);
    const prices = Object.fromEntries(
      (listed.body.plans as Array<{ id: string; monthlyPriceCents: number | null }>).map((plan) => [
        plan.id,
        plan.monthlyPriceCents,
      ]),
    );
    expect(prices).toEqual({ free: 0, starter: 4900, professional: 19900, enterprise: null });
  });

  it('have a name in words for every feature they list', async () => {
    const listed = await server.request('GET', '/api/v1/plans', { token: owner.token });
    const features = new Set((listed.body.plans as Array<{ features: string[] }>).flatMap((plan) => plan.features));
    expect([...features].filter((feature) => !(feature in PLAN_FEATURE_NAMES))).toEqual([]);
  });
});
