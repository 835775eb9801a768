import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const StateEnvSchema = z.object({
  // Set but empty counts as unset.
  TCPA_AGENT_STATE_DIR: z
    .string()
    .optional()
    .transform((value) => value || undefined),
});

/** `--state-dir`, else `$TCPA_AGENT_STATE_DIR`, else `~/.tcpa-agent`. */
export function resolveStateDir(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (option) return resolve(option);
  const parsed = StateEnvSchema.parse(env);
  return resolve(parsed.TCPA_AGENT_STATE_DIR ?? join(homedir(), '.tcpa-agent'));
}

/** The files of one agent's state directory. */
export function statePaths(stateDir: string) {
  return {
    agent: join(stateDir, 'agent.json'),
    status: join(stateDir, 'status.json'),
    outbox: join(stateDir, 'outbox.jsonl'),
    lock: join(stateDir, 'run.lock'),
  };
}
