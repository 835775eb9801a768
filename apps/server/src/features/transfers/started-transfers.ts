/** Progress figures are written at most this often per transfer (decisions and outcomes always are). */
const PROGRESS_WRITE_INTERVAL_MS = 1000;

export interface StartedTransfer {
  transferId: string;
  /** The agent told to run it: the source, or the destination of a download from a location. */
  runnerAgentId: string;
  /** The destination of an agent-to-agent transfer; null for a cloud transfer. */
  otherAgentId: string | null;
  attempt: number;
  lastProgressWriteAt: number;
}

/**
 * The attempts this node told a runner agent to run, and nothing else: an agent's progress and
 * outcomes count only for these, so reports about any other transfer cost no database write. An
 * entry goes when its transfer ends, stops or is requeued, or when either agent leaves, so the
 * table holds at most what runs here.
 */
export class StartedTransfers {
  private readonly byId = new Map<string, StartedTransfer>();

  get size() {
    return this.byId.size;
  }

  add(started: Omit<StartedTransfer, 'lastProgressWriteAt'>) {
    this.byId.set(started.transferId, { ...started, lastProgressWriteAt: 0 });
  }

  /** The transfer if `agentId` was told to run it. */
  runBy(transferId: string, agentId: string): StartedTransfer | undefined {
    const started = this.byId.get(transferId);
    return started?.runnerAgentId === agentId ? started : undefined;
  }

  /** Whether a progress write is due for this transfer (and if so, counts it as done now). */
  takeProgressWrite(started: StartedTransfer, now = Date.now()): boolean {
    if (now - started.lastProgressWriteAt < PROGRESS_WRITE_INTERVAL_MS) return false;
    started.lastProgressWriteAt = now;
    return true;
  }

  idsRunBy(agentId: string): string[] {
    return [...this.byId.values()].filter((started) => started.runnerAgentId === agentId).map((s) => s.transferId);
  }

  forget(transferId: string) {
    this.byId.delete(transferId);
  }

  /** The agent left: nothing it ran or received goes on here. */
  forgetAgent(agentId: string) {
    for (const [id, started] of this.byId) {
      if (started.runnerAgentId === agentId || started.otherAgentId === agentId) this.byId.delete(id);
    }
  }
}
