import {
  type AgentMessage,
  type CommandId,
  MAX_FRAME_BYTES,
  type TransferPlan,
  type TransferPreviewArgs,
} from '@tcpa/contracts';
import { describeError, type Log } from '../log.ts';
import { TransferError } from '../transfer/transfer-error.ts';

/** Room left in a realtime frame for the message around the plan. */
const ENVELOPE_BYTES = 4 * 1024;

/**
 * Answers `transfer.preview` with the plan of a dry run, or with why there is none: a transfer's
 * own error (refused path, destination unreachable, mirror not allowed) in its words, anything
 * else logged and answered in general words.
 */
export async function answerTransferPreview(
  preview: (args: TransferPreviewArgs) => Promise<TransferPlan>,
  command: { commandId: CommandId; args: TransferPreviewArgs },
  send: (message: AgentMessage) => boolean,
  log: Log,
): Promise<void> {
  const { commandId, args } = command;
  try {
    const plan = fitInFrame(await preview(args));
    send({ type: 'command_result', commandId, ok: true, result: plan });
  } catch (error) {
    const known = error instanceof TransferError;
    if (!known) log.error(`previewing transfer ${args.transferId} failed: ${describeError(error)}`);
    const reason = known
      ? `the transfer cannot be planned: ${(error as Error).message}`
      : 'the agent could not plan the transfer (see its log)';
    send({ type: 'command_result', commandId, ok: false, error: reason.slice(0, 2000) });
  }
}

/** Shortens the path lists (marking them truncated) until the plan fits a realtime frame; counts stay whole. */
export function fitInFrame(plan: TransferPlan): TransferPlan {
  let fitted = plan;
  while (Buffer.byteLength(JSON.stringify(fitted)) > MAX_FRAME_BYTES - ENVELOPE_BYTES) {
    const halve = <T>(list: T[]) => list.slice(0, Math.floor(list.length / 2));
    const lists = ['send', 'unchanged', 'deleteAtDestination', 'deleteAtSource'] as const;
    const next = { ...fitted, skippedSources: halve(fitted.skippedSources) };
    for (const name of lists) {
      const files = fitted[name];
      next[name] = { ...files, paths: halve(files.paths), truncated: files.truncated || files.paths.length > 0 };
    }
    fitted = next;
  }
  return fitted;
}
