import type { AgentMessage } from '@tcpa/contracts';
import { TransferReports } from '../../src/run/transfer-reports.ts';

/**
 * A TransferRunner's report outbox whose reports go to `sent` as soon as they are made, each
 * acknowledged at once, as a connected server would.
 */
export function deliveredReports(stateDir: string, sent: AgentMessage[]) {
  const reports = new TransferReports({ dir: stateDir });
  return {
    reports,
    onReported: () => {
      for (const report of reports.pending()) {
        sent.push(report);
        reports.ack(report.seq);
      }
    },
  };
}
