import type { TelemetrySample } from '@tcpa/contracts';

export interface TelemetryBatch {
  agentId: string;
  samples: TelemetrySample[];
}

/**
 * Coalesces telemetry per project for dashboard subscribers: the first batch after a quiet
 * interval goes out at once, later ones within `intervalMs` leave together. At 20,000 agent
 * messages a second, one frame per message per subscriber spent half the server's CPU in
 * socket writes; this sends at most 1000 / intervalMs frames a second per subscriber.
 */
export class TelemetryFanout {
  private readonly pending = new Map<string, TelemetryBatch[]>();
  private readonly lastSent = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly send: (projectId: string, batches: TelemetryBatch[]) => void,
    private readonly intervalMs: number,
  ) {}

  add(projectId: string, batch: TelemetryBatch) {
    const queued = this.pending.get(projectId);
    if (queued) {
      queued.push(batch);
      return;
    }
    const wait = (this.lastSent.get(projectId) ?? Number.NEGATIVE_INFINITY) + this.intervalMs - performance.now();
    if (wait <= 0) {
      this.lastSent.set(projectId, performance.now());
      this.send(projectId, [batch]);
      return;
    }
    this.pending.set(projectId, [batch]);
    const timer = setTimeout(() => this.flush(projectId), wait);
    timer.unref();
    this.timers.set(projectId, timer);
  }

  close() {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
  }

  private flush(projectId: string) {
    const batches = this.pending.get(projectId);
    this.pending.delete(projectId);
    this.timers.delete(projectId);
    if (!batches) return;
    this.lastSent.set(projectId, performance.now());
    this.send(projectId, batches);
  }
}
