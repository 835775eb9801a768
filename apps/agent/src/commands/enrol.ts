import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { AgentNameSchema, EnrolBodySchema } from '@tcpa/contracts';
import { z } from 'zod';
import { createAgentKeyPair } from '../auth/key-pair.ts';
import type { CliIo } from '../cli/cli-io.ts';
import { ExitCode } from '../cli/exit-codes.ts';
import { parseOptions } from '../cli/parse-options.ts';
import { resolveRootOption } from '../cli/root-option.ts';
import { EnrolmentFailedError, EnrolmentRefusedError, requestEnrolment } from '../enrol/request-enrolment.ts';
import { type AgentState, isEnrolled, readAgentState, writeAgentState } from '../state/agent-state.ts';
import { offLimitsOf } from '../state/off-limits.ts';
import { resolveStateDir, statePaths } from '../state/state-paths.ts';
import { AGENT_PLATFORM, AGENT_VERSION } from '../version.ts';

const required = z.string({ error: 'is required' });

export const EnrolOptionsSchema = z.strictObject({
  server: required
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }))
    .transform((url) => url.replace(/\/+$/, '')),
  token: required.pipe(EnrolBodySchema.shape.token),
  name: AgentNameSchema.optional(),
  root: z.array(z.string().min(1)).default([]),
  'state-dir': z.string().min(1).optional(),
  force: z.boolean().default(false),
});

const OPTIONS = {
  server: { type: 'string' },
  token: { type: 'string' },
  name: { type: 'string' },
  root: { type: 'string', multiple: true },
  'state-dir': { type: 'string' },
  force: { type: 'boolean' },
} as const;

export async function enrolCommand(args: string[], io: CliIo): Promise<ExitCode | 'help'> {
  const options = parseOptions(args, OPTIONS, EnrolOptionsSchema);
  if (options === 'help') return 'help';
  const stateDir = resolveStateDir(options['state-dir'], io.env);
  const offLimits = offLimitsOf(stateDir);
  const roots = [...new Set(options.root.map((root) => resolveRootOption(root, offLimits)))];

  if (isEnrolled(stateDir) && !options.force) {
    io.stderr(`${describeExistingEnrolment(stateDir)} Use --force to replace it with a new enrolment.\n`);
    return ExitCode.failure;
  }

  const machineName = hostname();
  const name = options.name ?? AgentNameSchema.catch('agent').parse(machineName.slice(0, 100));
  const keys = await createAgentKeyPair();
  let response: Awaited<ReturnType<typeof requestEnrolment>>;
  try {
    response = await requestEnrolment(options.server, {
      token: options.token,
      name,
      publicKey: keys.publicKeyJwk,
      hostname: machineName.slice(0, 255),
      platform: AGENT_PLATFORM,
      version: AGENT_VERSION,
    });
  } catch (error) {
    if (error instanceof EnrolmentRefusedError) {
      io.stderr(`Enrolment refused: ${error.message}\n`);
      if (error.code === 'plan_limit')
        io.stderr('Remove an agent you no longer use, or change the plan, then enrol again.\n');
      return ExitCode.failure;
    }
    if (error instanceof EnrolmentFailedError) {
      io.stderr(`${error.message}\n`);
      return ExitCode.failure;
    }
    throw error;
  }

  const state: AgentState = {
    serverUrl: options.server,
    agentId: response.agentId,
    projectId: response.projectId,
    companyId: response.companyId,
    name,
    ...keys,
    roots,
    status: response.status,
    config: response.config,
    enrolledAt: new Date().toISOString(),
  };
  writeAgentState(stateDir, state);
  // Telemetry of a previous enrolment belongs to another agent id.
  const paths = statePaths(stateDir);
  rmSync(paths.outbox, { force: true });
  rmSync(paths.status, { force: true });

  const stateDirOption = options['state-dir'] ? ` --state-dir ${JSON.stringify(stateDir)}` : '';
  io.stdout(`Enrolled as agent ${state.agentId} ("${name}") in project ${state.projectId}.\n`);
  io.stdout(
    state.status === 'active'
      ? 'Status: active.\n'
      : `Status: ${state.status === 'pending' ? 'pending approval: an administrator must approve this agent in the dashboard' : state.status}.\n`,
  );
  io.stdout(
    roots.length > 0
      ? `Transfer roots: ${roots.join(', ')}.\n`
      : `No transfer root: this agent refuses transfers until you add one with \`tcpa-agent roots add DIR${stateDirOption}\`.\n`,
  );
  io.stdout(`Saved to ${paths.agent}.\nStart the agent with: tcpa-agent run${stateDirOption}\n`);
  return ExitCode.ok;
}

function describeExistingEnrolment(stateDir: string): string {
  const path = statePaths(stateDir).agent;
  try {
    const existing = readAgentState(stateDir);
    return `This machine is already enrolled as agent ${existing.agentId} ("${existing.name}") with ${existing.serverUrl} (${path}).`;
  } catch {
    return `An enrolment already exists in ${path}.`;
  }
}
