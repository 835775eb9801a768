import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { createProject, type Person, setPlan, signUp } from './people.ts';
import type { TestServer } from './test-server.ts';

export interface JobProject {
  owner: Person;
  projectId: string;
  sourceAgentId: string;
  destinationAgentId: string;
  jobsPath(suffix?: string): string;
  /** Creates a job from source to destination (201 expected); `body` overrides the defaults. */
  createJob(body: Record<string, unknown>): Promise<any>;
}

/** A company on `plan` with one project and two approved agents (never connected: transfers stay queued). */
export async function createJobProject(server: TestServer, label: string, plan: string): Promise<JobProject> {
  const owner = await signUp(server, `owner@${label}.test`, label);
  await setPlan(server, owner.companyId, plan);
  const projectId = await createProject(server, owner, `${label} project`);
  const token = await server.request('POST', `/api/v1/projects/${projectId}/enrolment-tokens`, {
    token: owner.token,
    body: { name: 'agents', reusable: true, preApproved: true },
  });
  expect(token.status, JSON.stringify(token.body)).toBe(201);
  const enrol = async (name: string) => {
    const publicKey = { kty: 'OKP', crv: 'Ed25519', x: randomBytes(32).toString('base64url') };
    const response = await server.request('POST', '/api/v1/agents/enrol', {
      body: { token: token.body.secret, name, publicKey },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.agentId as string;
  };
  const sourceAgentId = await enrol(`${label} source`);
  const destinationAgentId = await enrol(`${label} destination`);
  const jobsPath = (suffix = '') => `/api/v1/projects/${projectId}/jobs${suffix}`;
  return {
    owner,
    projectId,
    sourceAgentId,
    destinationAgentId,
    jobsPath,
    async createJob(body) {
      const response = await server.request('POST', jobsPath(), {
        token: owner.token,
        body: { sourceAgentId, sourcePaths: ['data'], destinationAgentId, destinationDir: 'in', ...body },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body;
    },
  };
}
