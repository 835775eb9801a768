import { AGENT_COMMAND_NAMES, type CommandId, CommandIdSchema } from '@tcpa/contracts';
import { z } from 'zod';

/** Just enough of a command to answer it: its id and name. */
const CommandEnvelopeSchema = z.object({ type: z.literal('command'), commandId: CommandIdSchema, name: z.string() });

/**
 * Why a server message that failed the contract cannot be run, when it is a command the agent
 * can answer (its id is readable): an unknown name (a newer server) or bad arguments. Null for
 * anything else, which is only logged.
 */
export function refuseCommand(json: unknown, error: z.ZodError): { commandId: CommandId; error: string } | null {
  const envelope = CommandEnvelopeSchema.safeParse(json);
  if (!envelope.success) return null;
  const { commandId, name } = envelope.data;
  const shown = JSON.stringify(name.slice(0, 100));
  if (!AGENT_COMMAND_NAMES.includes(name)) {
    return { commandId, error: `unknown command ${shown}: this agent runs ${AGENT_COMMAND_NAMES.join(', ')}` };
  }
  const issue = error.issues[0];
  const where = issue?.path.join('.') || 'command';
  return { commandId, error: `bad arguments for ${name}: ${where}: ${issue?.message ?? 'invalid'}` };
}
