import type { AgentMessage } from '@tcpa/contracts';
import { createLog } from '../../src/log.ts';
import { TransferRunner, type TransferRunnerDeps } from '../../src/run/transfer-runner.ts';
import { deliveredReports } from './delivered-reports.ts';

/**
 * A TransferRunner as an agent runs it, quiet, with no control plane behind it: what it would
 * send lands in `sent`, and its reports are delivered (and acknowledged) at once.
 */
export function createTestRunner(
  options: Pick<TransferRunnerDeps, 'stateDir' | 'roots'> & Partial<TransferRunnerDeps>,
): { runner: TransferRunner; sent: AgentMessage[] } {
  const sent: AgentMessage[] = [];
  const runner = new TransferRunner({
    agentId: 'agent-source',
    offLimits: [options.stateDir],
    serverUrl: 'http://127.0.0.1:9',
    dataPort: 0,
    send: (message) => sent.push(message),
    ...deliveredReports(options.stateDir, sent),
    log: createLog({ write: () => undefined }),
    ...options,
  });
  return { runner, sent };
}
