import type {
  AgentMessage,
  CloudReplyMessage,
  CloudRequestMessage,
  CloudTransferStartArgs,
  TransferFileResult,
} from '@tcpa/contracts';
import { CloudTransferStartArgsSchema } from '@tcpa/contracts';
import { createLog } from '../../src/log.ts';
import { createTestRunner } from './test-runner.ts';

/**
 * A TransferRunner whose cloud requests are answered by a control-plane double, with what it
 * logs captured (to look for secrets in it).
 */
export function cloudTestRunner(
  stateDir: string,
  roots: string[],
  double: { reply(message: CloudRequestMessage): Promise<CloudReplyMessage> },
  /** 0 (the default here): the part size and concurrency given hold, so tests can count requests. */
  cloudTuneIntervalMs = 0,
) {
  const logLines: string[] = [];
  const sent: AgentMessage[] = [];
  const { runner, sent: reports } = createTestRunner({
    stateDir,
    roots,
    send: (message) => {
      sent.push(message);
      if (message.type === 'cloud_request') {
        void double.reply(message).then((reply) => runner.handleCloudReply(reply));
      }
      return true;
    },
    log: createLog({ write: (line) => logLines.push(line) }),
    cloudTuneIntervalMs,
  });
  const start = (args: Partial<CloudTransferStartArgs> & Pick<CloudTransferStartArgs, 'transferId' | 'direction'>) =>
    runner.handleCommand({
      name: 'transfer.cloud_start',
      args: CloudTransferStartArgsSchema.parse({
        attempt: 1,
        storeLabel: 's3://tcpa-test/prefix',
        overwrite: 'overwrite',
        symlinks: 'preserve',
        bandwidthLimitBps: null,
        partSizeBytes: 5 * 1024 * 1024,
        concurrency: 4,
        ...args,
      }),
    });
  /** Progress and requests sent, then the reports delivered (file pages, outcomes). */
  const reported = () => [...sent, ...reports];
  return { runner, sent, reported, logLines, start };
}

export interface FinishedCloudTransfer {
  outcome: Extract<AgentMessage, { type: 'transfer_outcome' }>;
  files: TransferFileResult[];
}

/** Waits for the transfer's outcome among what the runner reported; gathers its file pages. */
export async function outcomeOf(
  reported: () => AgentMessage[],
  transferId: string,
  timeoutMs = 120_000,
): Promise<FinishedCloudTransfer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = reported();
    const outcome = messages.find(
      (message): message is FinishedCloudTransfer['outcome'] =>
        message.type === 'transfer_outcome' && message.transferId === transferId,
    );
    if (outcome) {
      const files = messages.flatMap((message) =>
        message.type === 'transfer_files' && message.transferId === transferId ? message.files : [],
      );
      return { outcome, files: [...files, ...(outcome.files ?? [])] };
    }
    if (Date.now() > deadline) throw new Error(`no outcome for ${transferId} in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
