import type { TelemetrySample } from '@tcpa/contracts';
import { Coalescer } from './coalescer.ts';

export interface TelemetryBatch {
  agentId: string;
  samples: TelemetrySample[];
}

/**
 * Coalesces telemetry per project for dashboard subscribers (see Coalescer). At 20,000 agent
 * messages a second, one frame per message per subscriber spent half the server's CPU in
 * socket writes; this sends at most 1000 / intervalMs frames a second per subscriber.
 */
export class TelemetryFanout {
  private readonly projects = new Map<string, Coalescer<TelemetryBatch[]>>();

  constructor(
    private readonly send: (projectId: string, batches: TelemetryBatch[]) => void,
    private readonly intervalMs: number,
  ) {}

  add(projectId: string, batch: TelemetryBatch) {
    let project = this.projects.get(projectId);
    if (!project) {
      project = new Coalescer<TelemetryBatch[]>(
        this.intervalMs,
        (pending, next) => {
          pending.push(...next);
          return pending;
        },
        (batches) => this.send(projectId, batches),
      );
      this.projects.set(projectId, project);
    }
    project.add([batch]);
  }

  /** A project nobody watches any more. */
  forget(projectId: string) {
    this.projects.get(projectId)?.close();
    this.projects.delete(projectId);
  }

  close() {
    for (const project of this.projects.values()) project.close();
    this.projects.clear();
  }
}
