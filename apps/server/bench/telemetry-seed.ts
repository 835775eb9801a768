/**
 * Seeds the telemetry bench through the real API: an owner and company (signup), the Enterprise
 * plan (owner SQL: 100 ms telemetry interval, no agent limit), one project, a reusable
 * pre-approved enrolment token, and `count` agents enrolled with POST /api/v1/agents/enrol,
 * each with its own Ed25519 key pair made by the agent's own code (jose).
 */
import { CreatedEnrolmentTokenSchema, EnrolResponseSchema, ProjectSchema } from '@tcpa/contracts';
import type pg from 'pg';
import { createAgentKeyPair } from '../../agent/src/auth/key-pair.ts';
import { upgradeToEnterprise } from './bench-database.ts';
import { apiRequest, type Seeded, signUp } from './seed.ts';
import type { SimulatedAgent } from './telemetry-protocol.ts';

/** Enrolments in flight at once (each is a transaction with an insert). */
export const ENROL_CONCURRENCY = 32;

export interface SeededFleet extends Seeded {
  projectId: string;
  agents: Array<Omit<SimulatedAgent, 'phaseMs'>>;
  /** The telemetry interval the server told the agents (the plan's). */
  telemetryIntervalMs: number;
  planId: string;
  enrolSeconds: number;
}

export async function seedFleet(
  baseUrl: string,
  owner: pg.Client,
  count: number,
  onProgress: (message: string) => void,
): Promise<SeededFleet> {
  const session = await signUp(baseUrl);
  await upgradeToEnterprise(owner);
  const project = ProjectSchema.parse(
    JSON.parse(
      await apiRequest(baseUrl, 'POST', '/api/v1/projects', {
        token: session.accessToken,
        body: { name: 'Telemetry bench' },
        expectStatus: 201,
      }),
    ),
  );
  const { secret } = CreatedEnrolmentTokenSchema.parse(
    JSON.parse(
      await apiRequest(baseUrl, 'POST', `/api/v1/projects/${project.id}/enrolment-tokens`, {
        token: session.accessToken,
        body: { name: 'bench fleet', reusable: true, preApproved: true, expiresInHours: 24 },
        expectStatus: 201,
      }),
    ),
  );

  const started = performance.now();
  const agents: SeededFleet['agents'] = new Array(count);
  let config: { telemetryIntervalMs: number; planId: string } | undefined;
  let next = 0;
  let done = 0;
  const enrolNext = async (): Promise<void> => {
    const index = next++;
    if (index >= count) return;
    const keys = await createAgentKeyPair();
    const enrolled = EnrolResponseSchema.parse(
      JSON.parse(
        await apiRequest(baseUrl, 'POST', '/api/v1/agents/enrol', {
          body: {
            token: secret,
            name: `bench-agent-${String(index + 1).padStart(5, '0')}`,
            publicKey: keys.publicKeyJwk,
            hostname: `bench-host-${index + 1}`,
            platform: 'linux-x64',
            version: 'bench',
          },
          expectStatus: 201,
        }),
      ),
    );
    if (enrolled.status !== 'active') {
      throw new Error(
        `agent ${index + 1} enrolled as ${enrolled.status}; the pre-approved token should make it active`,
      );
    }
    config = enrolled.config;
    agents[index] = { agentId: enrolled.agentId, privateKeyJwk: keys.privateKeyJwk };
    if (++done % 1000 === 0) onProgress(`enrolled ${done} of ${count} agents`);
    return enrolNext();
  };
  await Promise.all(Array.from({ length: Math.min(ENROL_CONCURRENCY, count) }, enrolNext));
  if (!config) throw new Error('no agent was enrolled');
  return {
    ...session,
    projectId: project.id,
    agents,
    telemetryIntervalMs: config.telemetryIntervalMs,
    planId: config.planId,
    enrolSeconds: (performance.now() - started) / 1000,
  };
}
