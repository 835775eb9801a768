import type { AgentMessage, CommandId, ListFilesArgs } from '@tcpa/contracts';
import { describeError, type Log } from '../log.ts';
import { UnsafePathError } from '../transfer/safe-path.ts';
import { type ListingScope, listDirectory } from './list-directory.ts';

/**
 * Answers `agent.list_files` with one page of the directory, or with why not: a refused path
 * gives the data channel's reason; any other failure is logged and answered in general words.
 */
export async function answerListFiles(
  scope: ListingScope,
  command: { commandId: CommandId; args: ListFilesArgs },
  send: (message: AgentMessage) => boolean,
  log: Log,
): Promise<void> {
  const { commandId, args } = command;
  try {
    const result = await listDirectory(scope, args);
    send({ type: 'command_result', commandId, ok: true, result });
  } catch (error) {
    if (!(error instanceof UnsafePathError))
      log.error(`listing ${JSON.stringify(args.path)} failed: ${describeError(error)}`);
    const reason =
      error instanceof UnsafePathError ? error.message : 'the agent could not read that folder (see its log)';
    send({ type: 'command_result', commandId, ok: false, error: reason.slice(0, 2000) });
  }
}
