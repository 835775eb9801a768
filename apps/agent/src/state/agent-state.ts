import { existsSync, readFileSync } from 'node:fs';
import { AgentConfigSchema, AgentStatusSchema, EnrolBodySchema, IdSchema } from '@tcpa/contracts';
import { z } from 'zod';
import { ensureStateDir, writeFileAtomic } from './atomic-write.ts';
import { statePaths } from './state-paths.ts';

/** The agent's identity and what the server last told it, in `<state-dir>/agent.json` (mode 0600). */
export const AgentStateSchema = z.strictObject({
  serverUrl: z.url({ protocol: /^https?$/ }),
  agentId: IdSchema,
  projectId: IdSchema,
  companyId: IdSchema,
  name: z.string(),
  privateKeyJwk: z.strictObject({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), d: z.string() }),
  publicKeyJwk: EnrolBodySchema.shape.publicKey,
  roots: z.array(z.string()),
  status: AgentStatusSchema,
  config: AgentConfigSchema,
  enrolledAt: z.iso.datetime({ offset: true }),
});
export type AgentState = z.infer<typeof AgentStateSchema>;

export class StateFileError extends Error {}

export function isEnrolled(stateDir: string): boolean {
  return existsSync(statePaths(stateDir).agent);
}

export function readAgentState(stateDir: string): AgentState {
  const path = statePaths(stateDir).agent;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new StateFileError(`This machine is not enrolled (no ${path}). Run \`tcpa-agent enrol\` first.`);
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StateFileError(`${path} is not valid JSON; enrol again with --force.`);
  }
  const parsed = AgentStateSchema.safeParse(json);
  if (!parsed.success) {
    throw new StateFileError(`${path} is damaged (${z.prettifyError(parsed.error)}); enrol again with --force.`);
  }
  return parsed.data;
}

export function writeAgentState(stateDir: string, state: AgentState): void {
  ensureStateDir(stateDir);
  writeFileAtomic(statePaths(stateDir).agent, `${JSON.stringify(AgentStateSchema.parse(state), null, 2)}\n`, 0o600);
}
