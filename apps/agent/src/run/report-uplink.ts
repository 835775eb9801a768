import { type AgentMessage, MAX_RECONCILED_TRANSFERS } from '@tcpa/contracts';
import type { TransferReports } from './transfer-reports.ts';

export interface ReportUplinkDeps {
  reports: TransferReports;
  /** Sends on the open connection; false when it could not. */
  send: (message: AgentMessage) => boolean;
  /** The transfers this agent runs as source now. */
  runningTransferIds: () => string[];
  /** Reports sent and not yet acknowledged, at most. Default 8. */
  window?: number;
}

/**
 * Moves transfer reports to the server in the order they were made, a few at a time, each kept
 * until acknowledged. On every connection it first tells the server what this agent knows about
 * its transfers (`transfer_reconcile`), then resends everything unacknowledged.
 */
export class ReportUplink {
  private readonly window: number;
  private active = false;
  private readonly inFlight = new Set<number>();

  constructor(private readonly deps: ReportUplinkDeps) {
    this.window = deps.window ?? 8;
  }

  startSession() {
    this.active = true;
    this.inFlight.clear();
    const finished = this.deps.reports.finishedTransferIds();
    const running = this.deps.runningTransferIds().filter((id) => !finished.has(id));
    const transfers = [
      ...running.map((transferId) => ({ transferId, state: 'running' as const })),
      ...[...finished].map((transferId) => ({ transferId, state: 'finished' as const })),
    ].slice(0, MAX_RECONCILED_TRANSFERS);
    if (!this.deps.send({ type: 'transfer_reconcile', transfers })) return;
    this.pump();
  }

  endSession() {
    this.active = false;
    this.inFlight.clear();
  }

  /** New reports are waiting. */
  added() {
    this.pump();
  }

  acknowledged(seq: number) {
    this.deps.reports.ack(seq);
    this.inFlight.delete(seq);
    this.pump();
  }

  private pump() {
    if (!this.active) return;
    for (const report of this.deps.reports.pending()) {
      if (this.inFlight.size >= this.window) return;
      if (this.inFlight.has(report.seq)) continue;
      if (!this.deps.send(report)) return;
      this.inFlight.add(report.seq);
    }
  }
}
